/**
 * The run summary: n8n's execution hints on the node's run, as the editor shows them above the
 * output. A run of mixed results says how many were allocated, already allocated, recovered and
 * failed, and what the rate limit cost.
 */
import { operationWorkflow, references, runWorkflow } from '../helpers/engine';
import { sortedPro } from '../helpers/sortedPro';
import { allocationSummary, consignment } from '../fixtures/documented';

const group = { serviceGroup: { __rl: true, mode: 'id', value: 'NEXTDAY' } };
const allocate = (options: Record<string, string | boolean> = {}) =>
	operationWorkflow(
		'allocation',
		'allocateWithServiceGroup',
		{ ...group, options },
		{ onError: 'continueRegularOutput' },
	);
const path = (reference: string) => `/allocation/${reference}/allocatewithservicegroup/NEXTDAY`;
const refusedAllocated = (reference: string) => ({
	Code: 'InvalidConsignmentState',
	Message: `Consignment ${reference} is in state Allocated and cannot be allocated`,
});
const reset = () => Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });

describe('run summary (execution hints)', () => {
	test('a mixed run: allocated, already allocated, recovered, failed, and a rate-limit refusal', async () => {
		const api = sortedPro()
			// EC-1 and EC-5: allocated, EC-5 after one rate-limit refusal.
			.put(path('EC-1'))
			.reply(200, [allocationSummary('EC-1')])
			.put(path('EC-5'))
			.reply(429, { Message: 'Too many requests' }, { 'Retry-After': '1' })
			.put(path('EC-5'))
			.reply(200, [allocationSummary('EC-5')])
			// EC-2: allocated before this run (Return Current Allocation).
			.put(path('EC-2'))
			.reply(400, refusedAllocated('EC-2'))
			.get('/consignments/EC-2')
			.reply(200, consignment('EC-2', 'Allocated'))
			// EC-3: the first attempt allocated it, but its answer was lost.
			.put(path('EC-3'))
			.replyWithError(reset())
			.put(path('EC-3'))
			.reply(400, refusedAllocated('EC-3'))
			.get('/consignments/EC-3')
			.reply(200, consignment('EC-3', 'Allocated'))
			// EC-4: nothing eligible.
			.put(path('EC-4'))
			.reply(400, { Message: 'No carrier service in the group is eligible for this consignment' });

		const { output, error, hints } = await runWorkflow(
			allocate({ ifAlreadyAllocated: 'returnCurrent' }),
			references('EC-1', 'EC-2', 'EC-3', 'EC-4', 'EC-5'),
		);

		expect(error).toBeUndefined();
		expect(api.isDone()).toBe(true);
		expect(output).toHaveLength(5);
		expect(hints).toHaveLength(1);
		expect(hints[0]).toMatchObject({ type: 'warning', location: 'outputPane' });
		expect(hints[0].message).toMatch(
			new RegExp(
				[
					'^5 items: 2 allocated, 1 already allocated, 1 recovered \\(done by an attempt whose answer was lost\\), 1 failed \\(see its error item\\)\\. ',
					// 5 first attempts, 1 after the refusal, 1 after the lost answer and 2 read-backs.
					'9 requests to SortedPRO in (under )?[0-9.]+ s\\. ',
					"SortedPRO's rate limit refused 1 request; each was waited out on its own, without pausing the run\\.$",
				].join(''),
			),
		);
	});

	test('an all-good run is an info; one request per item where batches would do names Send in Batches', async () => {
		const refs = Array.from({ length: 20 }, (_, index) => `EC-${index + 1}`);
		const api = sortedPro();
		for (const reference of refs)
			api.put(path(reference)).reply(200, [allocationSummary(reference)]);

		const { hints } = await runWorkflow(allocate(), references(...refs));

		expect(api.isDone()).toBe(true);
		expect(hints.map(({ type }) => type)).toEqual(['info', 'info']);
		expect(hints[0].message).toMatch(/^20 items: 20 allocated\. 20 requests to SortedPRO in /);
		expect(hints[1].message).toBe(
			'This run sent one request per item. With Options > Send in Batches, these 20 consignments go in 1 call of up to 100, and each still gets its own output item.',
		);
	});

	test('a run of one item has no summary: its output says it all', async () => {
		sortedPro()
			.put(path('EC-1'))
			.reply(200, [allocationSummary('EC-1')]);

		const { output, hints } = await runWorkflow(allocate(), references('EC-1'));

		expect(output).toHaveLength(1);
		expect(hints).toEqual([]);
	});
});
