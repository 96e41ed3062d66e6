/** Consignment > Update and Consignment > Get Documents. */
import nock from 'nock';

import { createSimulator, DEFAULT_API_KEY } from '../simulator/server';
import { operationWorkflow, references, runWorkflow } from './helpers/engine';
import { sortedPro } from './helpers/sortedPro';
import { smallPdf } from '../simulator/files';

const continueOnFail = { onError: 'continueRegularOutput' as const };
const update = (consignmentJson: string, settings = {}) =>
	operationWorkflow('consignment', 'update', { consignmentJson }, settings);

describe('Consignment > Update', () => {
	test('sends the whole consignment with its reference, and outputs it marked Updated', async () => {
		const api = sortedPro()
			.put('/consignments', {
				Packages: [{ Weight: { Value: 2, Unit: 'Kg' } }],
				ConsignmentReference: 'EC 1',
			})
			.reply(200, { Reference: 'EC 1', State: 'Unallocated' });

		const { output, error } = await runWorkflow(
			update('{ "Packages": [{ "Weight": { "Value": 2, "Unit": "Kg" } }] }'),
			references('EC 1'),
		);

		expect(error).toBeUndefined();
		expect(api.isDone()).toBe(true);
		expect(output).toEqual([
			{
				json: {
					Reference: 'EC 1',
					State: 'Unallocated',
					ConsignmentReference: 'EC 1',
					Updated: true,
				},
				pairedItem: { item: 0 },
			},
		]);
	});

	test('an allocated consignment: the refusal says to deallocate first; the other items still run', async () => {
		sortedPro()
			.put('/consignments')
			.reply(400, { Message: 'Consignment EC-1 is in state Allocated and cannot be updated' })
			.put('/consignments')
			.reply(200, '');

		const { output } = await runWorkflow(
			update('{ "Tags": ["x"] }', continueOnFail),
			references('EC-1', 'EC-2'),
		);

		expect(output?.[0].json).toMatchObject({
			ConsignmentReference: 'EC-1',
			httpStatus: 400,
			error:
				'Could not update consignment EC-1: Consignment EC-1 is in state Allocated and cannot be updated (HTTP 400)',
		});
		expect(output?.[0].json.errorDescription).toContain(
			'deallocate it first (Allocation > Deallocate)',
		);
		expect(output?.[1].json).toEqual({ ConsignmentReference: 'EC-2', Updated: true });
	});

	test('a body that is not a JSON object names the field and the item before anything is sent', async () => {
		const { error } = await runWorkflow(update('[1]'), references('EC-1'));

		expect(error?.message).toBe('"Consignment (JSON)" in item 0 is not a JSON object');
	});
});

describe('Consignment > Get Documents', () => {
	const documents = (settings = {}) =>
		operationWorkflow('consignment', 'getDocuments', { binaryPropertyName: 'document' }, settings);

	test('one item per document, each with its PDF file, all paired to the input item', async () => {
		const pdf = smallPdf('Commercial invoice');
		const api = sortedPro()
			.get(`/consignments/docs/${encodeURIComponent('EC/1')}`)
			.reply(200, [
				{
					DocumentType: 'CommercialInvoice',
					File: pdf.toString('base64'),
					ContentType: 'application/pdf',
				},
				{ DocumentType: 'CN23', File: pdf.toString('base64') },
			]);

		const { output } = await runWorkflow(documents(), references('EC/1'));

		expect(api.isDone()).toBe(true);
		expect(
			output?.map((item) => [item.json.DocumentType, item.json.fileName, item.pairedItem]),
		).toEqual([
			['CommercialInvoice', 'EC_1-CommercialInvoice-1.pdf', { item: 0 }],
			['CN23', 'EC_1-CN23-2.pdf', { item: 0 }],
		]);
		expect(output?.[0].binary?.document).toMatchObject({
			mimeType: 'application/pdf',
			fileName: 'EC_1-CommercialInvoice-1.pdf',
		});
		expect(Buffer.from(output?.[1].binary?.document.data ?? '', 'base64').equals(pdf)).toBe(true);
	});

	test('a consignment without documents still has its output item; a broken file is an error', async () => {
		sortedPro()
			.get('/consignments/docs/EC-1')
			.reply(200, [])
			.get('/consignments/docs/EC-2')
			.reply(200, [{ File: 'A' }]);

		const { output } = await runWorkflow(documents(continueOnFail), references('EC-1', 'EC-2'));

		expect(output?.[0].json).toEqual({ ConsignmentReference: 'EC-1', DocumentCount: 0 });
		expect(output?.[1].json.error).toContain(
			"Could not get the customs documents of consignment EC-2: document 1 of SortedPRO's answer held a file that is not valid base64",
		);
	});

	test('against the simulator: an international consignment has a commercial invoice, an unallocated one is refused', async () => {
		nock.enableNetConnect('127.0.0.1');
		const simulator = createSimulator({ consignments: 10 });
		try {
			const baseUrl = await simulator.listen(0);
			const credentials = {
				sortedProApi: { apiKey: DEFAULT_API_KEY, environment: 'custom', baseUrl },
			};
			// EC-SIM-000010 goes to Germany.
			await runWorkflow(
				operationWorkflow('allocation', 'allocateWithServiceGroup', {
					serviceGroup: { __rl: true, mode: 'id', value: 'EUROPE' },
				}),
				references('EC-SIM-000010'),
				credentials,
			);

			const { output } = await runWorkflow(
				documents(continueOnFail),
				references('EC-SIM-000010', 'EC-SIM-000001'),
				credentials,
			);

			expect(output?.[0].json).toMatchObject({
				ConsignmentReference: 'EC-SIM-000010',
				DocumentType: 'CommercialInvoice',
			});
			expect(output?.[0].binary?.document.mimeType).toBe('application/pdf');
			expect(output?.[1].json.errorDescription).toContain(
				'Customs documents exist only once a consignment is allocated',
			);
		} finally {
			await simulator.close();
		}
	});
});
