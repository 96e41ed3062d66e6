/** Consignment > Get Count By State. */
import nock from 'nock';

import { operationWorkflow, runWorkflow } from '../../helpers/engine';
import { sortedPro } from '../../helpers/sortedPro';

const continueOnFail = { onError: 'continueRegularOutput' as const };
const json = { 'Content-Type': 'application/json' };

describe('Consignment > Get Count By State', () => {
	afterEach(() => nock.cleanAll());

	test("one count per item, paired; a state typed with spaces is SortedPRO's; anything but a count is an error", async () => {
		const api = sortedPro()
			.get('/consignments/count')
			.query({ state: 'ReadyToShip' })
			.reply(200, '7', json)
			.get('/consignments/count')
			.query({ state: 'Unallocated' })
			.reply(200, '0', json)
			.get('/consignments/count')
			.query({ state: 'Allocated' })
			.reply(200, { Count: 3 })
			.get('/consignments/count')
			.query({ state: 'Manifested' })
			.reply(200, '-1', json)
			.get('/consignments/count')
			.query({ state: 'Cancelled' })
			.reply(400, { Code: 'InvalidRequest', Message: 'Bad state' });

		const { output } = await runWorkflow(
			operationWorkflow('consignment', 'getCount', { state: '={{ $json.state }}' }, continueOnFail),
			['Ready To Ship', 'Unallocated', 'Allocated', 'Manifested', 'Cancelled'].map((state) => ({
				state,
			})),
		);

		expect(api.isDone()).toBe(true);
		expect(output?.map((item) => item.pairedItem)).toEqual(
			[0, 1, 2, 3, 4].map((item) => ({ item })),
		);
		expect(output?.[0].json).toEqual({ State: 'ReadyToShip', Count: 7 });
		expect(output?.[1].json).toEqual({ State: 'Unallocated', Count: 0 });
		expect(output?.[2].json.error).toContain('count the consignments in state Allocated');
		expect(output?.[3].json.error).toContain('not a count');
		expect(output?.[4].json).toMatchObject({ httpStatus: 400 });
		expect(output?.[4].json.error).toContain('Bad state');
	});

	test("a state that is not SortedPRO's fails before anything is sent", async () => {
		const { error } = await runWorkflow(
			operationWorkflow('consignment', 'getCount', { state: '={{ "Teleported" }}' }),
			[{}],
		);
		expect(error?.message).toContain('"State" in item 0 is "Teleported"');
	});
});
