import nock from 'nock';

import { DEFAULT_API_KEY, FAULT_KINDS, createSimulator } from '../../simulator/server';
import { operationWorkflow, runWorkflow } from '../helpers/engine';

/**
 * The fault run: 1,000 consignments allocated through the simulator while 10% of requests
 * meet a fault of every kind it has (429, 503, connection reset, stall, and "succeed,
 * then drop the response"), with the default Max Concurrent Requests (Auto). Nothing may
 * be lost and nothing allocated twice; once more behind a rate-limited gateway.
 */
const COUNT = 1000;

let simulator: ReturnType<typeof createSimulator>;

async function startSimulator(rateLimit: number): Promise<void> {
	nock.enableNetConnect('127.0.0.1');
	simulator = createSimulator({
		consignments: COUNT,
		faultRate: 0.1,
		faults: FAULT_KINDS,
		faultSeed: 42,
		stallMs: 60_000,
		rateLimit,
	});
	await simulator.listen(0);
}

afterEach(async () => {
	await simulator.close();
});

test('1,000 allocations under 10% injected faults: every item out, each consignment allocated exactly once', async () => {
	await startSimulator(0);
	await allocateAllUnderFaults();
}, 120_000);

test('the same behind a gateway allowing 150 requests a second: Auto keeps to it, nothing lost or doubled', async () => {
	await startSimulator(150);
	// From an item's first 429 the node waits out a rate limit for Max Attempts x Request
	// Timeout at the most, then fails the item as documented (the bounds tests cover that).
	// With 6 x 2 s a run on a slow or busy machine can outlast that bound; 60 x 2 s is this
	// test's own timeout, so here only a run that never ends could fail an item for it.
	await allocateAllUnderFaults(60);
	const { rateLimited } = (await (
		await fetch(`${simulator.model.baseUrl}/__sim/requests`)
	).json()) as { rateLimited: number };
	// Auto may or may not reach the limit, depending on how fast this machine is (a busy machine
	// never gets to 150 a second): whatever it did, it was refused far less often than once per item.
	expect(rateLimited).toBeLessThan(COUNT / 2);
}, 120_000);

async function allocateAllUnderFaults(maxAttempts = 6): Promise<void> {
	const credentials = {
		sortedProApi: {
			apiKey: DEFAULT_API_KEY,
			environment: 'custom',
			baseUrl: simulator.model.baseUrl,
		},
	};
	const references = [...simulator.model.consignments.keys()];
	// ECONOMY takes every GB consignment; the 10% going to Germany fail (no eligible service).
	const workflow = operationWorkflow(
		'allocation',
		'allocateWithServiceGroup',
		{
			serviceGroup: { __rl: true, mode: 'id', value: 'ECONOMY' },
			options: { timeoutSeconds: 2, maxAttempts },
		},
		{ onError: 'continueRegularOutput' },
	);

	const { output, error } = await runWorkflow(
		workflow,
		references.map((reference) => ({ reference })),
		credentials,
	);

	expect(error).toBeUndefined();
	expect(output).toHaveLength(COUNT);
	const faults = (
		(await (await fetch(`${simulator.model.baseUrl}/__sim/requests`)).json()) as {
			faults: Record<string, number>;
		}
	).faults;
	expect(Object.keys(faults).sort()).toEqual([...FAULT_KINDS].sort());

	const { consignments } = simulator.model.snapshot();
	output?.forEach((item, index) => {
		const reference = references[index];
		expect(item.pairedItem).toEqual({ item: index });
		const stored = consignments.find((consignment) => consignment.Reference === reference);
		const consignmentOf = item.json.ConsignmentReference ?? item.json.consignmentReference;
		expect(consignmentOf).toBe(reference);
		if (stored?.State === 'Allocated') {
			// Allocated exactly once, and reported as a success, never as an error.
			expect([reference, stored.AllocationCount, item.json.error]).toEqual([
				reference,
				1,
				undefined,
			]);
		} else {
			// Not allocated: only the Germany-bound ones, refused for having no eligible service.
			expect([reference, stored?.State, String(item.json.error)]).toEqual([
				reference,
				// SortedPRO's enum spelling.
				'AllocationFailed',
				expect.stringContaining('No carrier service in service group ECONOMY is eligible'),
			]);
		}
	});
	expect(consignments.filter((consignment) => consignment.State === 'Allocated')).toHaveLength(
		COUNT * 0.9,
	);
	expect(output?.filter((item) => item.json.recoveredAfterRetry === true).length).toBeGreaterThan(
		0,
	);
}
