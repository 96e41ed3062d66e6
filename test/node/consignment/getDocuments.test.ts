/** Consignment > Get Documents. */
import nock from 'nock';

import { createSimulator, DEFAULT_API_KEY } from '../../../simulator/server';
import { operationWorkflow, references, runWorkflow } from '../../helpers/engine';
import { sortedPro } from '../../helpers/sortedPro';
import { smallPdf } from '../../../simulator/files';

const continueOnFail = { onError: 'continueRegularOutput' as const };

describe('Consignment > Get Documents', () => {
	const documents = (settings = {}) =>
		operationWorkflow('consignment', 'getDocuments', { binaryPropertyName: 'document' }, settings);

	test('one item per document, each with its PDF file, all paired to the input item', async () => {
		const invoice = smallPdf('Commercial invoice');
		const cn23 = smallPdf('CN23');
		// help/getting_customs_docs_and_invoices.md: { Key: the file name, Value: the PDF, base64 }.
		const api = sortedPro()
			.get(`/consignments/docs/${encodeURIComponent('EC/1')}`)
			.reply(200, {
				CommercialInvoiceDocuments: [{ Key: 'INV EC/1', Value: invoice.toString('base64') }],
				CN22Documents: [],
				CN23Documents: [{ Key: 'CN23_EC-1.pdf', Value: cn23.toString('base64') }],
			});

		const { output } = await runWorkflow(documents(), references('EC/1'));

		expect(api.isDone()).toBe(true);
		expect(
			output?.map((item) => [
				item.json.DocumentType,
				item.json.Key,
				item.json.fileName,
				item.json.DocumentCount,
				item.pairedItem,
			]),
		).toEqual([
			['CommercialInvoice', 'INV EC/1', 'INV_EC_1.pdf', 2, { item: 0 }],
			['CN23', 'CN23_EC-1.pdf', 'CN23_EC-1.pdf', 2, { item: 0 }],
		]);
		expect(output?.[0].json).toMatchObject({
			ConsignmentReference: 'EC/1',
			ContentType: 'application/pdf',
		});
		expect(output?.[0].binary?.document).toMatchObject({
			mimeType: 'application/pdf',
			fileName: 'INV_EC_1.pdf',
		});
		expect(Buffer.from(output?.[0].binary?.document.data ?? '', 'base64').equals(invoice)).toBe(
			true,
		);
		expect(Buffer.from(output?.[1].binary?.document.data ?? '', 'base64').equals(cn23)).toBe(true);
	});

	test('a consignment without documents still has its output item; a broken file or another shape is an error', async () => {
		sortedPro()
			.get('/consignments/docs/EC-1')
			.reply(200, { CommercialInvoiceDocuments: [], CN22Documents: [], CN23Documents: [] })
			.get('/consignments/docs/EC-2')
			.reply(200, { CommercialInvoiceDocuments: [{ Key: 'INV_EC-2', Value: 'A' }] })
			// Not the documented answer: never "no documents".
			.get('/consignments/docs/EC-3')
			.reply(200, [])
			.get('/consignments/docs/EC-4')
			.reply(200, {});

		const { output } = await runWorkflow(
			documents(continueOnFail),
			references('EC-1', 'EC-2', 'EC-3', 'EC-4'),
		);

		expect(output).toHaveLength(4);
		expect(output?.[0].json).toEqual({ ConsignmentReference: 'EC-1', DocumentCount: 0 });
		expect(output?.[1].json.error).toContain(
			"Could not get the customs documents of consignment EC-2: document 1 (CommercialInvoice) of SortedPRO's answer held a file that is not valid base64",
		);
		for (const [index, reference] of [
			[2, 'EC-3'],
			[3, 'EC-4'],
		] as const) {
			expect(output?.[index].json.error).toBe(
				`Could not get the customs documents of consignment ${reference}: SortedPRO's answer is not its customs documents answer`,
			);
			expect(output?.[index].json.DocumentCount).toBeUndefined();
		}
		expect(output?.map((item) => item.pairedItem)).toEqual([
			{ item: 0 },
			{ item: 1 },
			{ item: 2 },
			{ item: 3 },
		]);
	});

	test("the commercial invoice alone, or one package's CN22: one document, from its own route", async () => {
		const invoice = smallPdf('Invoice');
		const cn22 = smallPdf('CN22');
		const api = sortedPro()
			.get('/consignments/docs/commercialinvoice/EC-1')
			.reply(200, JSON.stringify(invoice.toString('base64')))
			.get(`/consignments/docs/CN22/EC-1/${encodeURIComponent('EP 1')}`)
			.reply(200, JSON.stringify(cn22.toString('base64')))
			// A JSON object is not "a base-64 encoded byte array".
			.get('/consignments/docs/commercialinvoice/EC-2')
			.reply(200, { File: invoice.toString('base64') });

		const one = (parameters: Record<string, string>, reference: string) =>
			runWorkflow(
				operationWorkflow(
					'consignment',
					'getDocuments',
					{ binaryPropertyName: 'document', ...parameters },
					continueOnFail,
				),
				references(reference),
			);
		const commercialInvoice = await one({ documents: 'commercialInvoice' }, 'EC-1');
		const packageCn22 = await one({ documents: 'CN22', packageReference: 'EP 1' }, 'EC-1');
		const notADocument = await one({ documents: 'commercialInvoice' }, 'EC-2');

		expect(api.isDone()).toBe(true);
		expect(commercialInvoice.output?.map((item) => item.json)).toEqual([
			expect.objectContaining({
				ConsignmentReference: 'EC-1',
				DocumentType: 'CommercialInvoice',
				DocumentCount: 1,
				ContentType: 'application/pdf',
			}),
		]);
		expect(
			Buffer.from(commercialInvoice.output?.[0].binary?.document.data ?? '', 'base64').equals(
				invoice,
			),
		).toBe(true);
		expect(packageCn22.output?.[0].json).toMatchObject({
			ConsignmentReference: 'EC-1',
			PackageReference: 'EP 1',
			DocumentType: 'CN22',
		});
		expect(
			Buffer.from(packageCn22.output?.[0].binary?.document.data ?? '', 'base64').equals(cn22),
		).toBe(true);
		expect(notADocument.output?.[0].json.error).toBe(
			"Could not get the commercial invoice of consignment EC-2: SortedPRO's answer is not the document's base64 data",
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

			// A commercial invoice and a CN22 or CN23 for the one to Germany, then the refusal.
			expect(output).toHaveLength(3);
			expect(output?.[0].json).toMatchObject({
				ConsignmentReference: 'EC-SIM-000010',
				DocumentType: 'CommercialInvoice',
				fileName: 'INV_EC-SIM-000010.pdf',
				DocumentCount: 2,
			});
			// The file name is SortedPRO's Key.
			expect(output?.[0].json.Key).toBe('INV_EC-SIM-000010');
			expect(output?.[0].binary?.document.mimeType).toBe('application/pdf');
			expect(output?.[1].json).toMatchObject({
				ConsignmentReference: 'EC-SIM-000010',
				DocumentType: expect.stringMatching(/^CN2[23]$/),
			});
			expect(output?.[2].json).toMatchObject({ ConsignmentReference: 'EC-SIM-000001' });
			expect(output?.[2].json.errorDescription).toContain(
				'Customs documents exist only once a consignment is allocated',
			);
		} finally {
			await simulator.close();
		}
	});
});
