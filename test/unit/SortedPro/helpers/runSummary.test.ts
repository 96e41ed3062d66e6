/** The run summary's pure parts: how items came out, durations, and the ways to fewer requests. */
import type { INodeExecutionData } from 'n8n-workflow';

import { duration, runSummary, tally } from '../../../../nodes/SortedPro/helpers/runSummary';
import type { RunFacts } from '../../../../nodes/SortedPro/helpers/runSummary';

const item = (json: INodeExecutionData['json'], index: number): INodeExecutionData => ({
	json,
	pairedItem: { item: index },
});
const inputs = (count: number, json: INodeExecutionData['json'] = {}) =>
	Array.from({ length: count }, (_, index) => item({ ...json }, index));
const facts = (change: Partial<RunFacts>): RunFacts => ({
	inputs: inputs(3),
	outputs: inputs(3),
	allocates: false,
	couldSendInBatches: false,
	batchSize: 100,
	getsLabels: false,
	elapsedMs: 1200,
	...change,
});

describe('run summary', () => {
	test('an input item counts once, by its worst outcome, whatever number of outputs it has', () => {
		const outputs = [
			item({ ConsignmentReference: 'EC-1' }, 0),
			// Two rows of one item (a Get Many): one success.
			item({ Reference: 'a' }, 1),
			item({ Reference: 'b' }, 1),
			item({ alreadyAllocated: true }, 2),
			item({ recoveredAfterRetry: true }, 3),
			item({ error: 'Could not allocate', httpStatus: 400 }, 4),
			// The error output's shape: the details under `details`.
			item({ error: 'Could not allocate', details: { httpStatus: 400 } }, 5),
		];
		expect(tally(6, outputs)).toEqual({
			succeeded: 2,
			alreadyAllocated: 1,
			recovered: 1,
			failed: 2,
		});
		// A field named error in a successful answer is not a failure.
		expect(tally(1, [item({ error: 'none' }, 0)]).failed).toBe(0);
	});

	test.each([
		[40, 'under 0.1 s'],
		[400, '0.4 s'],
		[12_400, '12 s'],
		[60_000, '1 min'],
		[200_400, '3 min 20 s'],
	])('%d ms is "%s"', (ms, text) => {
		expect(duration(ms)).toBe(text);
	});

	test('a rate limit that paused the run says for how long; counts are written out', () => {
		const [summary] = runSummary(
			facts({
				inputs: inputs(1200),
				outputs: inputs(1200),
				pace: { requests: 1234, rateLimited: 40, pausedMs: 14_000 },
				elapsedMs: 200_000,
			}),
		);
		expect(summary).toEqual({
			message:
				"1,200 items: 1,200 succeeded. 1,234 requests to SortedPRO in 3 min 20 s. SortedPRO's rate limit refused 40 requests; the run paused 14 s in total to wait them out.",
			type: 'info',
			location: 'outputPane',
		});
	});

	test('Label > Get after allocations points to Get Label in the allocation step', () => {
		const allocated = inputs(12, { CarrierServiceReference: 'CX_NDS' });
		const hints = runSummary(facts({ inputs: allocated, outputs: allocated, getsLabels: true }));
		expect(hints[1].message).toBe(
			'12 labels came in a request of their own after their allocation. Turning on Get Label in the allocation step gets each label in the same call: one request per consignment instead of two.',
		);
		// Labels of consignments not allocated just before (a reprint): no such hint.
		expect(runSummary(facts({ inputs: inputs(12), getsLabels: true }))).toHaveLength(1);
	});

	test('Send in Batches is suggested only where it would take a tenth of the requests or fewer', () => {
		const hintsFor = (count: number, couldSendInBatches = true) =>
			runSummary(
				facts({ inputs: inputs(count), outputs: inputs(count), couldSendInBatches, batchSize: 10 }),
			).length;
		expect(hintsFor(100)).toBe(2);
		expect(hintsFor(99)).toBe(1);
		expect(hintsFor(1000, false)).toBe(1);
	});
});
