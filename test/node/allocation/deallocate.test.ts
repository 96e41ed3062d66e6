import { operationWorkflow, references, runWorkflow } from '../../helpers/engine';
import { listResult, sortedPro } from '../../helpers/sortedPro';

const continueOnFail = { onError: 'continueRegularOutput' as const };

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
