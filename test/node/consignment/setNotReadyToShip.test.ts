/** Consignment > Set Not Ready To Ship. */
import nock from 'nock';

import { operationWorkflow, references, runWorkflow } from '../../helpers/engine';
import { listResult, sortedPro } from '../../helpers/sortedPro';

const continueOnFail = { onError: 'continueRegularOutput' as const };
const DONE = 'Consignment set back to Allocated from Ready To Ship completed successfully';

describe('Consignment > Set Not Ready To Ship', () => {
	afterEach(() => nock.cleanAll());

	test('in list calls of Batch Size; a refused or unmentioned consignment is its own error item', async () => {
		const api = sortedPro()
			.put('/consignments/setnotreadytoship', ['EC-1', 'EC-2'])
			.reply(200, [
				listResult('EC-1', true, DONE),
				listResult('EC-2', false, 'Consignment EC-2 is in state Allocated'),
			])
			.put('/consignments/setnotreadytoship', ['EC-3', 'EC-4'])
			// EC-4 is not in the answer: never taken as done.
			.reply(200, [listResult('EC-3', true, DONE)]);

		const { output } = await runWorkflow(
			operationWorkflow(
				'consignment',
				'setNotReadyToShip',
				{ options: { batchSize: 2 } },
				continueOnFail,
			),
			references('EC-1', 'EC-2', 'EC-3', 'EC-4'),
		);

		expect(api.isDone()).toBe(true);
		expect(output?.map((item) => item.pairedItem)).toEqual([
			{ item: 0 },
			{ item: 1 },
			{ item: 2 },
			{ item: 3 },
		]);
		expect(output?.[0].json).toMatchObject({ ConsignmentReference: 'EC-1', IsSuccess: true });
		expect(output?.[1].json).toMatchObject({
			consignmentReference: 'EC-2',
			error:
				'Could not set consignment EC-2 not ready to ship: Consignment EC-2 is in state Allocated',
		});
		expect(output?.[1].json.errorDescription).toContain(
			'Only consignments in state Ready To Ship can be set back to Allocated',
		);
		expect(output?.[2].json).toMatchObject({ ConsignmentReference: 'EC-3', IsSuccess: true });
		expect(output?.[3].json).toMatchObject({ consignmentReference: 'EC-4' });
		expect(output?.[3].json.error).toBeDefined();
	});

	test("SortedPRO's refusal of the whole call stops the run naming the consignments", async () => {
		const api = sortedPro()
			.put('/consignments/setnotreadytoship', ['EC-1'])
			.reply(400, { Code: 'InvalidRequest', Message: 'Bad request' });

		const { error } = await runWorkflow(
			operationWorkflow('consignment', 'setNotReadyToShip', {}),
			references('EC-1'),
		);

		expect(api.isDone()).toBe(true);
		expect(error?.message).toContain('Could not set consignment EC-1 not ready to ship');
	});

	test('an empty reference fails before anything is sent', async () => {
		const { error } = await runWorkflow(
			operationWorkflow('consignment', 'setNotReadyToShip', {}),
			references('EC-1', '  '),
		);
		expect(error?.message).toContain('Consignment Reference');
		expect(error?.message).toContain('item 1');
	});
});
