/**
 * Allocations with Get Label: SortedPRO's allocate-and-get-labels routes, one request per
 * consignment for the allocation and its label, run in n8n-core's engine against nock.
 */
import type { IBinaryData } from 'n8n-workflow';

import { operationWorkflow, references, runWorkflow } from '../../helpers/engine';
import { sortedPro } from '../../helpers/sortedPro';
import { smallPdf, smallZpl } from '../../../simulator/files';
import { allocateAndGetLabelsAnswer, consignment, labelAnswer } from '../../fixtures/documented';

const bytesOf = (binary: IBinaryData | undefined) => Buffer.from(binary?.data ?? '', 'base64');
const group = { serviceGroup: { __rl: true, mode: 'id', value: 'NEXTDAY' } };
const continueOnFail = { onError: 'continueRegularOutput' as const };
const withLabel = (
	parameters: Record<string, unknown> = {},
	settings = {},
	operation = 'allocateWithServiceGroup',
) =>
	operationWorkflow(
		'allocation',
		operation,
		{ ...group, getLabel: true, labelFormat: 'PDF', ...parameters },
		settings,
	);
const labelsPath = (reference: string, format = 'PDF') =>
	`/allocation/${reference}/servicegroup/NEXTDAY/labels/${format}`;
const pdfOf = (reference: string) => smallPdf(`Label ${reference}`);
const allocatedConsignment = (reference: string) => consignment(reference, 'Allocated');

describe('Allocation: Get Label', () => {
	test('each consignment is allocated and labelled in one request: the label is a file on its item, in input order', async () => {
		const api = sortedPro()
			.put(labelsPath('EC-1'))
			.reply(200, allocateAndGetLabelsAnswer('EC-1', pdfOf('EC-1')))
			.put(labelsPath('EC-2'))
			.reply(200, allocateAndGetLabelsAnswer('EC-2', pdfOf('EC-2')));

		const { output, error } = await runWorkflow(withLabel(), references('EC-1', 'EC-2'));

		expect(error).toBeUndefined();
		expect(api.isDone()).toBe(true);
		expect(output).toHaveLength(2);
		for (const [index, reference] of ['EC-1', 'EC-2'].entries()) {
			const item = output![index];
			expect(item.pairedItem).toEqual({ item: index });
			expect(item.json).toMatchObject({
				ConsignmentReference: reference,
				CarrierName: 'Carrier X',
				CarrierServiceReference: 'CX_NDS',
				Result: 'ConsignmentAllocated',
				Label: { ContentType: 'application/pdf', fileName: `${reference}.pdf` },
			});
			// The label's bytes are on the binary, not in the JSON.
			expect(item.json).not.toHaveProperty('LabelContent');
			expect(item.binary?.data).toMatchObject({ mimeType: 'application/pdf' });
			expect(bytesOf(item.binary?.data).equals(pdfOf(reference))).toBe(true);
		}
	});

	test('a return label goes beside the label, and the format and field are as chosen', async () => {
		const zpl = smallZpl('EC-1');
		const api = sortedPro()
			.put(labelsPath('EC-1', 'ZPL'))
			.reply(200, allocateAndGetLabelsAnswer('EC-1', zpl, 'application/zpl', true));

		const { output, error } = await runWorkflow(
			withLabel({ labelFormat: 'ZPL', binaryPropertyName: 'label' }),
			references('EC-1'),
		);

		expect(error).toBeUndefined();
		expect(api.isDone()).toBe(true);
		const [item] = output!;
		expect(Object.keys(item.binary ?? {}).sort()).toEqual(['label', 'label_return']);
		expect(item.binary?.label).toMatchObject({ mimeType: 'application/zpl', fileName: 'EC-1.zpl' });
		expect(item.binary?.label_return).toMatchObject({ fileName: 'EC-1_return.zpl' });
		expect(bytesOf(item.binary?.label).equals(zpl)).toBe(true);
		expect(item.json.ReturnLabel).toEqual({
			ContentType: 'application/zpl',
			fileName: 'EC-1_return.zpl',
		});
	});

	test('every way of allocating has its route; Allocate With Carrier Service sends one call per item', async () => {
		const answer = (reference: string) => allocateAndGetLabelsAnswer(reference, pdfOf(reference));
		const api = sortedPro()
			.put('/allocation/EC-1/labels/PDF')
			.reply(200, answer('EC-1'))
			.put('/allocation/EC-2/carrierservice/CX_NDS/labels/PDF')
			.reply(200, answer('EC-2'))
			.put('/allocation/EC-3/carrierservice/CX_NDS/labels/PDF')
			.reply(200, answer('EC-3'))
			.put('/allocation/EC-4/quote/Q-1/labels/PDF')
			.reply(200, answer('EC-4'));

		const cheapest = await runWorkflow(withLabel({}, {}, 'allocate'), references('EC-1'));
		const service = await runWorkflow(
			withLabel(
				{ carrierService: { __rl: true, mode: 'id', value: 'CX_NDS' } },
				{},
				'allocateWithCarrierService',
			),
			references('EC-2', 'EC-3'),
		);
		const quote = await runWorkflow(
			withLabel({ quoteReference: 'Q-1' }, {}, 'allocateWithQuote'),
			references('EC-4'),
		);

		expect(api.isDone()).toBe(true);
		expect(
			[cheapest, service, quote].flatMap((run) =>
				run.output!.map((item) => item.json.ConsignmentReference),
			),
		).toEqual(['EC-1', 'EC-2', 'EC-3', 'EC-4']);
		expect(service.output!.every((item) => item.binary?.data !== undefined)).toBe(true);
	});

	test('every path segment is encoded', async () => {
		const api = sortedPro()
			.put('/allocation/EC%2F1%3F/servicegroup/NEXT%20DAY%23/labels/PDF')
			.reply(200, allocateAndGetLabelsAnswer('EC/1?', pdfOf('EC-1')));

		const { output, error } = await runWorkflow(
			withLabel({ serviceGroup: { __rl: true, mode: 'id', value: 'NEXT DAY#' } }),
			references('EC/1?'),
		);

		expect(error).toBeUndefined();
		expect(api.isDone()).toBe(true);
		expect(output?.[0].json.ConsignmentReference).toBe('EC/1?');
	});

	test("SortedPRO's refusal fails its item; with On Error: Continue the others are still allocated and labelled", async () => {
		const api = sortedPro()
			.put(labelsPath('EC-1'))
			.reply(400, {
				Code: 'NoEligibleCarrierService',
				Message: 'No carrier service in service group NEXTDAY is eligible for consignment EC-1',
			})
			.put(labelsPath('EC-2'))
			// A refusal inside a 2xx: the result's StatusCode and Result say it failed.
			.reply(200, {
				Responses: [
					{
						LabelType: 'Consignment',
						StatusCode: 400,
						Result: 'ConsignmentAllocationFailed',
						Message: 'Consignment EC-2 weighs more than any service in NEXTDAY takes',
					},
				],
			})
			.put(labelsPath('EC-3'))
			.reply(200, allocateAndGetLabelsAnswer('EC-3', pdfOf('EC-3')));

		const { output, error } = await runWorkflow(
			withLabel({}, continueOnFail),
			references('EC-1', 'EC-2', 'EC-3'),
		);

		expect(error).toBeUndefined();
		expect(api.isDone()).toBe(true);
		expect(output?.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(output?.[0].json).toMatchObject({
			error: expect.stringContaining('No carrier service in service group NEXTDAY is eligible'),
			consignmentReference: 'EC-1',
			httpStatus: 400,
		});
		expect(output?.[1].json).toMatchObject({
			error:
				'Could not allocate consignment EC-2 with service group NEXTDAY: Consignment EC-2 weighs more than any service in NEXTDAY takes',
			consignmentReference: 'EC-2',
		});
		expect(output?.[0].binary).toBeUndefined();
		expect(output?.[2].json).toMatchObject({ ConsignmentReference: 'EC-3' });
		expect(output?.[2].binary?.data).toBeDefined();
	});

	test('without On Error: Continue, a refusal stops the run naming the consignment', async () => {
		sortedPro()
			.put(labelsPath('EC-1'))
			.reply(400, { Message: 'Consignment EC-1 is in state Cancelled and cannot be allocated' });

		const { output, error } = await runWorkflow(withLabel(), references('EC-1'));

		expect(output).toBeUndefined();
		expect(error?.message).toContain('consignment EC-1');
	});

	test('an answer about another consignment is an error, never its success', async () => {
		sortedPro()
			.put(labelsPath('EC-1'))
			.reply(200, allocateAndGetLabelsAnswer('EC-9', pdfOf('EC-9')));

		const { output, error } = await runWorkflow(withLabel({}, continueOnFail), references('EC-1'));

		expect(error).toBeUndefined();
		expect(output?.[0].json).toMatchObject({
			error: expect.stringContaining("SortedPRO's answer is about consignment EC-9, not EC-1"),
		});
		expect(output?.[0].binary).toBeUndefined();
	});

	test('an answer with no result, or a label that is not the format asked for, is an error', async () => {
		sortedPro()
			.put(labelsPath('EC-1'))
			.reply(200, { Responses: [] })
			.put(labelsPath('EC-2'))
			.reply(200, allocateAndGetLabelsAnswer('EC-2', Buffer.from('not a label at all, just text')));

		const { output } = await runWorkflow(withLabel({}, continueOnFail), references('EC-1', 'EC-2'));

		expect(output?.[0].json.error).toContain(
			"SortedPRO's answer had no result for this consignment",
		);
		expect(output?.[1].json.error).toBe(
			"Could not get the label of consignment EC-2: SortedPRO's answer held a file that is not a PDF label (its first bytes do not match)",
		);
	});

	test('If Already Allocated: Return Current Allocation still gives the label, from Label > Get', async () => {
		const api = sortedPro()
			.put(labelsPath('EC-1'))
			.reply(400, { Message: 'Consignment EC-1 is in state Allocated and cannot be allocated' })
			.get('/consignments/EC-1')
			.reply(200, allocatedConsignment('EC-1'))
			.get('/labels/EC-1/PDF')
			.reply(200, labelAnswer(pdfOf('EC-1')));

		const { output, error } = await runWorkflow(
			withLabel({ options: { ifAlreadyAllocated: 'returnCurrent' } }),
			references('EC-1'),
		);

		expect(error).toBeUndefined();
		expect(api.isDone()).toBe(true);
		expect(output?.[0].json).toMatchObject({
			ConsignmentReference: 'EC-1',
			State: 'Allocated',
			alreadyAllocated: true,
			Label: { fileName: 'EC-1.pdf' },
		});
		expect(bytesOf(output?.[0].binary?.data).equals(pdfOf('EC-1'))).toBe(true);
	});

	test('202 Accepted: never sent again; the label once allocated, or an error saying it has none yet', async () => {
		const api = sortedPro()
			.put(labelsPath('EC-1'))
			.reply(202, '')
			.get('/consignments/EC-1')
			.reply(200, allocatedConsignment('EC-1'))
			.get('/labels/EC-1/PDF')
			.reply(200, labelAnswer(pdfOf('EC-1')))
			.put(labelsPath('EC-2'))
			.reply(202, '')
			.get('/consignments/EC-2')
			.reply(200, consignment('EC-2', 'Allocating'));

		const { output, error } = await runWorkflow(
			withLabel({}, continueOnFail),
			references('EC-1', 'EC-2'),
		);

		expect(error).toBeUndefined();
		expect(api.isDone()).toBe(true);
		expect(output?.[0].json).toMatchObject({ ConsignmentReference: 'EC-1', Accepted: true });
		expect(output?.[0].binary?.data).toBeDefined();
		expect(output?.[1].json).toMatchObject({
			error:
				'SortedPRO took on the allocation of consignment EC-2, which is Allocating and has no label yet',
			consignmentReference: 'EC-2',
		});
		expect(String(output?.[1].json.errorDescription)).toContain('Do not allocate it again');
	});

	test('bad input fails before anything is sent: Send in Batches, a label format, the output field', async () => {
		// No interceptors: any request would fail the test with a network error.
		const batches = await runWorkflow(
			withLabel({ options: { sendInBatches: true } }),
			references('EC-1'),
		);
		expect(batches.error?.message).toBe(
			'"Get Label" and "Send in Batches" cannot be used together',
		);
		expect(batches.error?.description).toContain('Nothing was sent to SortedPRO');

		const format = await runWorkflow(
			withLabel({ labelFormat: '={{ $json.format }}' }, continueOnFail),
			[
				{ reference: 'EC-1', format: 'GIF' },
				{ reference: 'EC-2', format: 'default' },
			],
		);
		expect(format.output?.map((item) => item.json.error)).toEqual([
			'"Label Format" in item 0 is "GIF", which is not a label format',
			'"Label Format" in item 1 is "default", which is not a label format',
		]);

		const field = await runWorkflow(withLabel({ binaryPropertyName: ' ' }), references('EC-1'));
		expect(field.error?.message).toBe('"Put Output File in Field" is empty in item 0');
	});
});
