import { operationWorkflow, runWorkflow } from '../../helpers/engine';
import { listResult, sortedPro } from '../../helpers/sortedPro';

const byCode = (value: string) => ({ __rl: true, mode: 'id', value });
const continueOnFail = { onError: 'continueRegularOutput' as const };

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
