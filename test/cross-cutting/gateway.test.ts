/** The simulator as SortedPRO's gateway: a rate limit per API key, and list calls that cost per consignment. */
import nock from 'nock';

import {
	createSimulator,
	DEFAULT_API_KEY,
	rateLimiter,
	requestCostMs,
} from '../../simulator/server';
import { operationWorkflow, references, runWorkflow } from '../helpers/engine';

describe('rate limit and cost rules', () => {
	test('at most `limit` requests per key in each one-second window; the wait is to the next window', () => {
		const overLimit = rateLimiter();
		expect([1, 2, 3].map(() => overLimit('key', 2, 5_200))).toEqual([undefined, undefined, 1]);
		expect(overLimit('other key', 2, 5_200)).toBeUndefined();
		expect(overLimit('key', 2, 6_000)).toBeUndefined();
		expect(overLimit('key', 0, 6_000)).toBeUndefined();
	});

	test('a list call costs the latency plus the time per consignment; other calls the latency', () => {
		const config = { latencyMs: 100, perConsignmentMs: 2 };
		expect(requestCostMs(config, ['EC-1', 'EC-2', 'EC-3'])).toBe(106);
		expect(requestCostMs(config, { ConsignmentReferences: ['EC-1'] })).toBe(102);
		expect(requestCostMs(config, undefined)).toBe(100);
	});
});

describe('the gateway in front of the simulator', () => {
	let simulator: ReturnType<typeof createSimulator>;
	let baseUrl: string;

	beforeAll(async () => {
		nock.enableNetConnect('127.0.0.1');
		simulator = createSimulator({ consignments: 10, rateLimit: 1 });
		baseUrl = await simulator.listen(0);
	});

	afterAll(async () => {
		await simulator.close();
	});

	test("over the limit: 429 with Retry-After and Azure API Management's message", async () => {
		const answers = await Promise.all(
			Array.from(
				{ length: 6 },
				async () =>
					await fetch(`${baseUrl}/servicegroups/`, {
						headers: { 'ocp-apim-subscription-key': DEFAULT_API_KEY },
					}),
			),
		);
		const limited = answers.filter((answer) => answer.status === 429);

		// Six requests within a second, one allowed a second: at least four are refused.
		expect(limited.length).toBeGreaterThanOrEqual(4);
		expect(limited[0].headers.get('retry-after')).toBe('1');
		expect(await limited[0].json()).toEqual({
			statusCode: 429,
			message: 'Rate limit is exceeded. Try again in 1 seconds.',
		});
	});

	test('the node waits as the gateway asks and allocates every consignment once', async () => {
		const credentials = {
			sortedProApi: { apiKey: DEFAULT_API_KEY, environment: 'custom', baseUrl },
		};
		const refs = ['EC-SIM-000001', 'EC-SIM-000002', 'EC-SIM-000003'];

		const { output, error } = await runWorkflow(
			operationWorkflow('allocation', 'allocateWithServiceGroup', {
				serviceGroup: { __rl: true, mode: 'id', value: 'NEXTDAY' },
			}),
			references(...refs),
			credentials,
		);

		expect(error).toBeUndefined();
		expect(output?.map((item) => item.json.ConsignmentReference)).toEqual(refs);
		for (const reference of refs) {
			expect(simulator.model.consignments.get(reference)).toMatchObject({
				State: 'Allocated',
				AllocationCount: 1,
			});
		}
	});
});

describe('many executions sharing one API key, as on queue-mode workers', () => {
	const RUNS = 20;
	const PER_RUN = 100;
	let simulator: ReturnType<typeof createSimulator>;

	beforeAll(async () => {
		nock.enableNetConnect('127.0.0.1');
		simulator = createSimulator({ consignments: 0, rateLimit: 100, latencyMs: 25 });
		await simulator.listen(0);
	});

	afterAll(async () => {
		await simulator.close();
	});

	test('20 executions at once against 100 requests a second: each adapts, every item succeeds, nothing allocated twice', async () => {
		const all = simulator.model.addConsignments(RUNS * PER_RUN, { country: 'GB', weightKg: 1.5 });
		const credentials = {
			sortedProApi: {
				apiKey: DEFAULT_API_KEY,
				environment: 'custom',
				baseUrl: simulator.model.baseUrl,
			},
		};
		// Defaults (Auto, 5 attempts): each execution has its own limiter, as each does in queue mode.
		const workflow = operationWorkflow('allocation', 'allocateWithServiceGroup', {
			serviceGroup: { __rl: true, mode: 'id', value: 'ECONOMY' },
		});
		const runs = await Promise.all(
			Array.from({ length: RUNS }, async (_, run) => {
				const mine = all.slice(run * PER_RUN, (run + 1) * PER_RUN);
				return await runWorkflow(workflow, references(...mine), credentials);
			}),
		);

		for (const [run, { error, output }] of runs.entries()) {
			expect([run, error?.message]).toEqual([run, undefined]);
			expect(output?.map((item) => item.json.ConsignmentReference)).toEqual(
				all.slice(run * PER_RUN, (run + 1) * PER_RUN),
			);
		}
		const { consignments } = simulator.model.snapshot();
		expect(consignments.filter((consignment) => consignment.AllocationCount !== 1)).toEqual([]);
		// The gateway did refuse: the executions found the limit between them.
		expect(simulator.counts.rateLimited).toBeGreaterThan(0);
	}, 180_000);
});
