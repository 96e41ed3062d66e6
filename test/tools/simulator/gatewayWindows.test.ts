/** The simulator's gateway: sliding and offset rate windows, and random 429s (simulator/server.js). */
import nock from 'nock';

import { createSimulator, DEFAULT_API_KEY, rateLimiter } from '../../../simulator/server';

describe('rate windows', () => {
	test('fixed windows may start off the second: 500 ms after it here', () => {
		const overLimit = rateLimiter({ window: 'fixed', offsetMs: 500 });
		// 5,400 and 5,600 are in different windows ([4,500, 5,500) and [5,500, 6,500)).
		expect([overLimit('key', 1, 5_400), overLimit('key', 1, 5_600)]).toEqual([
			undefined,
			undefined,
		]);
		// The second request of a window waits until the next one starts at 6,500.
		expect(overLimit('key', 1, 6_000)).toBe(1);
		expect(overLimit('key', 1, 6_500)).toBeUndefined();
	});

	test('a sliding window allows `limit` accepted requests in any second; refusals do not count', () => {
		const overLimit = rateLimiter({ window: 'sliding' });
		expect([0, 100, 200].map((now) => overLimit('key', 3, now))).toEqual([
			undefined,
			undefined,
			undefined,
		]);
		// Across a fixed window's edge the same three would be allowed again; a sliding one refuses.
		expect(overLimit('key', 3, 999)).toBe(1);
		expect(overLimit('key', 3, 1_001)).toBeUndefined();
		expect(overLimit('key', 3, 1_050)).toBe(1);
		expect(overLimit('other key', 3, 1_050)).toBeUndefined();
	});
});

describe('random 429s', () => {
	let simulator: ReturnType<typeof createSimulator> | undefined;

	beforeAll(() => nock.enableNetConnect('127.0.0.1'));
	afterEach(async () => await simulator?.close());

	const get = async (baseUrl: string) =>
		await fetch(`${baseUrl}/servicegroups/`, {
			headers: { 'ocp-apim-subscription-key': DEFAULT_API_KEY },
		});

	test('a share of requests is refused although the key is under its limit, counted apart', async () => {
		simulator = createSimulator({ consignments: 1, random429: 0.5, faultSeed: 7 });
		const baseUrl = await simulator.listen(0);

		const statuses: number[] = [];
		for (let request = 0; request < 40; request++) statuses.push((await get(baseUrl)).status);
		const counts = (await (await fetch(`${baseUrl}/__sim/requests`)).json()) as {
			random429: number;
			rateLimited: number;
		};

		const refused = statuses.filter((status) => status === 429).length;
		expect(refused).toBeGreaterThan(5);
		expect(refused).toBeLessThan(35);
		expect(statuses.filter((status) => status === 200)).toHaveLength(40 - refused);
		expect(counts).toMatchObject({ random429: refused, rateLimited: 0 });
	});

	test('after the latency, or at once', async () => {
		simulator = createSimulator({
			consignments: 1,
			latencyMs: 300,
			random429: 1,
			random429Timing: 'after-latency',
		});
		const baseUrl = await simulator.listen(0);

		const started = Date.now();
		expect((await get(baseUrl)).status).toBe(429);
		// At least the latency: a lower bound only, which no machine's speed can break.
		expect(Date.now() - started).toBeGreaterThanOrEqual(290);

		await fetch(`${baseUrl}/__sim/config`, {
			method: 'POST',
			body: JSON.stringify({ random429Timing: 'instant', latencyMs: 60_000 }),
		});
		// With a minute of latency, an answer within the test's timeout can only be one given at once.
		expect((await get(baseUrl)).status).toBe(429);
	});
});
