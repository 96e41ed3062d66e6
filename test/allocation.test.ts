import { operationWorkflow, references, runWorkflow } from './helpers/engine';
import { allocationSummary, listResult, sortedPro } from './helpers/sortedPro';

const byCode = (value: string) => ({ __rl: true, mode: 'id', value });
const continueOnFail = { onError: 'continueRegularOutput' as const };

describe('Allocate To Cheapest Service', () => {
	test('PUTs allocatewithcheapestquote per item and outputs the Allocation Summary', async () => {
		const api = sortedPro()
			.put('/allocation/EC-1/allocatewithcheapestquote')
			.reply(200, allocationSummary('EC-1'))
			.put('/allocation/EC%202/allocatewithcheapestquote')
			.reply(200, [allocationSummary('EC 2')]);

		const { output, error } = await runWorkflow(
			operationWorkflow('allocation', 'allocate'),
			references('EC-1', 'EC 2'),
		);

		expect(error).toBeUndefined();
		expect(api.isDone()).toBe(true);
		expect(
			output?.map((item) => [
				item.json.ConsignmentReference,
				item.json.CarrierName,
				item.pairedItem,
			]),
		).toEqual([
			['EC-1', 'Carrier X', { item: 0 }],
			['EC 2', 'Carrier X', { item: 1 }],
		]);
	});

	test('a refused allocation names the consignment and the state rule', async () => {
		sortedPro()
			.put('/allocation/EC-1/allocatewithcheapestquote')
			.reply(400, { Message: 'Consignment is in state Manifested' });

		const { error } = await runWorkflow(
			operationWorkflow('allocation', 'allocate'),
			references('EC-1'),
		);

		expect(error?.message).toBe(
			'Could not allocate consignment EC-1 to the cheapest service: Consignment is in state Manifested (HTTP 400)',
		);
		expect(error?.description).toContain(
			'Only consignments in state Unallocated or Allocation Failed can be allocated',
		);
	});
});

describe('Allocate With Quote', () => {
	test('PUTs allocatewithquote with the quote reference', async () => {
		const quote = '5f0c1e9a-3b7d-4c1e-9a0b-2c6f0a8d9e11';
		const api = sortedPro()
			.put(`/allocation/EC-1/allocatewithquote/${quote}`)
			.reply(200, allocationSummary('EC-1'));

		const { output } = await runWorkflow(
			operationWorkflow('allocation', 'allocateWithQuote', {
				quoteReference: '={{ $json.quote }}',
			}),
			[{ reference: 'EC-1', quote }],
		);

		expect(api.isDone()).toBe(true);
		expect(output?.[0].json.ConsignmentReference).toBe('EC-1');
	});

	test('a blank quote reference is refused before any request', async () => {
		// An empty literal is caught by n8n itself; an expression that comes out empty is ours to catch.
		const { error } = await runWorkflow(
			operationWorkflow('allocation', 'allocateWithQuote', {
				quoteReference: '={{ $json.quote }}',
			}),
			[{ reference: 'EC-1', quote: ' ' }],
		);
		expect(error?.message).toBe('"Quote Reference" is empty in item 0');
	});
});

describe('Allocate With Carrier Service (always a list call)', () => {
	const workflow = (settings = {}) =>
		operationWorkflow(
			'allocation',
			'allocateWithCarrierService',
			{ carrierService: byCode('={{ $json.service }}'), options: { batchSize: 2 } },
			settings,
		);

	test('sends up to Batch Size references per call, one call per carrier service, and pairs each result', async () => {
		const api = sortedPro()
			.put('/allocation/allocatewithcarrierservice', {
				MpdCarrierServiceReference: 'CX_NDS',
				ConsignmentReferences: ['EC-1', 'EC-2'],
			})
			.reply(200, [listResult('EC-2'), listResult('EC-1')])
			.put('/allocation/allocatewithcarrierservice', {
				MpdCarrierServiceReference: 'CX_NDS',
				ConsignmentReferences: ['EC-4'],
			})
			.reply(200, [listResult('EC-4')])
			.put('/allocation/allocatewithcarrierservice', {
				MpdCarrierServiceReference: 'CY_ECO',
				ConsignmentReferences: ['EC-3'],
			})
			.reply(200, [listResult('EC-3')]);

		const { output, error } = await runWorkflow(workflow(), [
			{ reference: 'EC-1', service: 'CX_NDS' },
			{ reference: 'EC-2', service: 'CX_NDS' },
			{ reference: 'EC-3', service: 'CY_ECO' },
			{ reference: 'EC-4', service: 'CX_NDS' },
		]);

		expect(error).toBeUndefined();
		expect(api.isDone()).toBe(true);
		expect(
			output?.map((item) => [item.json.ConsignmentReference, item.json.Data, item.pairedItem]),
		).toEqual([
			['EC-1', 'EC-1', { item: 0 }],
			['EC-2', 'EC-2', { item: 1 }],
			['EC-3', 'EC-3', { item: 2 }],
			['EC-4', 'EC-4', { item: 3 }],
		]);
	});

	test('a consignment refused inside a successful call is an error for that item only', async () => {
		sortedPro()
			.put('/allocation/allocatewithcarrierservice')
			.reply(200, [
				listResult('EC-1'),
				listResult('EC-2', false, 'Consignment EC-2 is in state Cancelled and cannot be allocated'),
			]);

		const items = [
			{ reference: 'EC-1', service: 'CX_NDS' },
			{ reference: 'EC-2', service: 'CX_NDS' },
		];
		const { output } = await runWorkflow(workflow(continueOnFail), items);

		expect(output).toHaveLength(2);
		expect(output?.[0].json).toMatchObject({ ConsignmentReference: 'EC-1', IsSuccess: true });
		expect(output?.[1]).toEqual({
			json: {
				error:
					'Could not allocate consignment EC-2 with carrier service CX_NDS: Consignment EC-2 is in state Cancelled and cannot be allocated',
				errorDescription: expect.stringContaining(
					'Only consignments in state Unallocated or Allocation Failed',
				),
				ConsignmentReference: 'EC-2',
				consignmentReference: 'EC-2',
				httpStatus: null,
			},
			pairedItem: { item: 1 },
		});

		// Without "Continue", the run stops with an error naming the consignment.
		sortedPro()
			.put('/allocation/allocatewithcarrierservice')
			.reply(200, [listResult('EC-1'), listResult('EC-2', false, 'No')]);
		const { error } = await runWorkflow(workflow(), items);
		expect(error?.message).toBe(
			'Could not allocate consignment EC-2 with carrier service CX_NDS: No',
		);
	});
});

describe('Allocate Using Default Rules (always a list call)', () => {
	test('matches Allocation Summaries to items by their consignment link, whatever their order', async () => {
		const api = sortedPro()
			.put('/allocation/allocate', { ConsignmentReferences: ['EC-1', 'EC-2'] })
			.reply(200, [allocationSummary('EC-2'), allocationSummary('EC-1')]);

		const { output } = await runWorkflow(
			operationWorkflow('allocation', 'allocateWithDefaultRules'),
			references('EC-1', 'EC-2'),
		);

		expect(api.isDone()).toBe(true);
		expect(output?.map((item) => item.json.ConsignmentReference)).toEqual(['EC-1', 'EC-2']);
		expect(output?.[0].json.Description).toContain('Consignment EC-1 has been');
		expect(output?.[1].json.Description).toContain('Consignment EC-2 has been');
	});

	test('a consignment missing from the answer is reported, never dropped', async () => {
		sortedPro()
			.put('/allocation/allocate')
			.reply(200, [allocationSummary('EC-1')]);

		const { output } = await runWorkflow(
			operationWorkflow('allocation', 'allocateWithDefaultRules', {}, continueOnFail),
			references('EC-1', 'EC-2'),
		);

		expect(output?.[0].json.ConsignmentReference).toBe('EC-1');
		expect(output?.[1].json.error).toBe(
			"Could not allocate consignment EC-2 using the default rules: SortedPRO's answer to the batch call had no result for this consignment, so it may or may not have been processed; check it in SortedPRO",
		);
	});

	test('when the whole call fails, every item in it fails with the reason', async () => {
		sortedPro()
			.put('/allocation/allocate')
			.reply(500, { Message: 'Internal error', CorrelationId: 'c-9' });

		const { output } = await runWorkflow(
			operationWorkflow('allocation', 'allocateWithDefaultRules', {}, continueOnFail),
			references('EC-1', 'EC-2'),
		);

		expect(
			output?.map((item) => [
				item.json.consignmentReference,
				item.json.httpStatus,
				item.json.error,
			]),
		).toEqual([
			[
				'EC-1',
				500,
				'Could not allocate 2 consignments (EC-1, EC-2) using the default rules: SortedPRO failed: Internal error (HTTP 500)',
			],
			[
				'EC-2',
				500,
				'Could not allocate 2 consignments (EC-1, EC-2) using the default rules: SortedPRO failed: Internal error (HTTP 500)',
			],
		]);
	});
});

describe('Allocate With Service Group, Send in Batches', () => {
	test('uses the list endpoint per service group when the option is on', async () => {
		const api = sortedPro()
			.put('/allocation/allocatewithservicegroup', {
				ConsignmentReferences: ['EC-1', 'EC-3'],
				MpdCarrierServiceGroupReference: 'NEXTDAY',
			})
			.reply(200, [listResult('EC-1'), listResult('EC-3')])
			.put('/allocation/allocatewithservicegroup', {
				ConsignmentReferences: ['EC-2'],
				MpdCarrierServiceGroupReference: 'ECONOMY',
			})
			.reply(200, [listResult('EC-2')]);

		const { output, error } = await runWorkflow(
			operationWorkflow('allocation', 'allocateWithServiceGroup', {
				serviceGroup: byCode('={{ $json.group }}'),
				options: { sendInBatches: true },
			}),
			[
				{ reference: 'EC-1', group: 'NEXTDAY' },
				{ reference: 'EC-2', group: 'ECONOMY' },
				{ reference: 'EC-3', group: 'NEXTDAY' },
			],
		);

		expect(error).toBeUndefined();
		expect(api.isDone()).toBe(true);
		expect(output?.map((item) => item.json.ConsignmentReference)).toEqual(['EC-1', 'EC-2', 'EC-3']);
	});
});

describe('Deallocate', () => {
	test('one call per item: 200 with an empty body becomes Deallocated: true', async () => {
		const api = sortedPro().put('/consignments/EC-1/deallocate').reply(200, '');

		const { output } = await runWorkflow(
			operationWorkflow('allocation', 'deallocate'),
			references('EC-1'),
		);

		expect(api.isDone()).toBe(true);
		expect(output).toEqual([
			{ json: { Deallocated: true, ConsignmentReference: 'EC-1' }, pairedItem: { item: 0 } },
		]);
	});

	test('a refused deallocation explains which states can be deallocated', async () => {
		sortedPro()
			.put('/consignments/EC-1/deallocate')
			.reply(400, { Message: 'Consignment EC-1 is in state Unallocated' });

		const { error } = await runWorkflow(
			operationWorkflow('allocation', 'deallocate'),
			references('EC-1'),
		);

		expect(error?.message).toBe(
			'Could not deallocate consignment EC-1: Consignment EC-1 is in state Unallocated (HTTP 400)',
		);
		expect(error?.description).toContain(
			'Only consignments in state Allocated, Manifested or Manifest Failed can be deallocated',
		);
	});

	test('in batches: deallocatelist with the references, results paired back', async () => {
		const api = sortedPro()
			.put('/consignments/deallocatelist', ['EC-1', 'EC-2'])
			.reply(200, [
				listResult('EC-1', true, 'Consignment deallocation completed successfully'),
				listResult('EC-2', false, 'Not allocated'),
			]);

		const { output } = await runWorkflow(
			operationWorkflow(
				'allocation',
				'deallocate',
				{ options: { sendInBatches: true } },
				continueOnFail,
			),
			references('EC-1', 'EC-2'),
		);

		expect(api.isDone()).toBe(true);
		expect(output?.[0].json).toMatchObject({
			Deallocated: true,
			ConsignmentReference: 'EC-1',
			Message: 'Consignment deallocation completed successfully',
		});
		expect(output?.[1].json).toMatchObject({
			error: 'Could not deallocate consignment EC-2: Not allocated',
			consignmentReference: 'EC-2',
		});
	});
});
