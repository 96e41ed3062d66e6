/**
 * The run's limiter on its own, in virtual time (simulator/paceModel.js): what a lone 429 and a
 * confirmed limit do, what Auto learns, and how runs behind the simulator's own gateway rules
 * fare. Time moves only when nothing else can run, so no assertion depends on the machine.
 */
import { AUTO_CEILING, AUTO_START, Pace } from '../../../../nodes/shared/transport/pace';
import type { PaceSlot } from '../../../../nodes/shared/transport/pace';
import { runPaceModel, VirtualClock } from '../../../../simulator/paceModel';

/** A Pace on a virtual clock, and `within` to run work on that clock. */
function virtual(options: { fixed?: number; start?: number } = {}) {
	const clock = new VirtualClock();
	clock.time = 1_000_000;
	const pace = new Pace({ ...options, clock });
	const within = async <T>(work: () => Promise<T>): Promise<T> => await clock.run(work());
	return { clock, pace, within };
}

type Virtual = ReturnType<typeof virtual>;

/** `count` requests one after another, each answered `status` after `answerMs`. */
async function oneByOne({ clock, pace }: Virtual, count: number, answerMs: number, status = 200) {
	const slots: PaceSlot[] = [];
	for (let index = 0; index < count; index++) {
		const slot = await pace.acquire();
		await clock.sleep(answerMs);
		pace.release(slot, { status, retryAfterMs: status === 429 ? 1000 : undefined });
		slots.push(slot);
	}
	return slots;
}

/** `count` requests at once, each answered `status` after `answerMs`. */
async function atOnce({ clock, pace }: Virtual, count: number, answerMs: number, status = 200) {
	return await Promise.all(
		Array.from({ length: count }, async () => {
			const slot = await pace.acquire();
			await clock.sleep(answerMs);
			pace.release(slot, { status, retryAfterMs: status === 429 ? 1000 : undefined });
			return slot;
		}),
	);
}

describe('slots', () => {
	test('fixed: never more in flight than the number set, no adapting, as many workers', async () => {
		const run = virtual({ fixed: 3 });
		let inFlight = 0;
		let most = 0;
		await run.within(
			async () =>
				await Promise.all(
					Array.from({ length: 12 }, async () => {
						const slot = await run.pace.acquire();
						most = Math.max(most, ++inFlight);
						await run.clock.sleep(5);
						inFlight -= 1;
						run.pace.release(slot, { status: 200 });
					}),
				),
		);
		expect(most).toBe(3);
		expect(run.pace.state()).toMatchObject({ mode: 'fixed', limit: 3, rate: 0, rateLimited: 0 });
		expect(run.pace.workers).toBe(3);
	});

	test('auto: starts modestly, doubles on clean answers, never above the ceiling; twice as many workers', async () => {
		const run = virtual();
		expect(run.pace.state().limit).toBe(AUTO_START);
		await run.within(async () => await atOnce(run, AUTO_START, 10));
		expect(run.pace.state().limit).toBe(AUTO_START * 2);
		await run.within(async () => await atOnce(run, 400, 10));
		expect(run.pace.state()).toMatchObject({ mode: 'auto', limit: AUTO_CEILING, rate: 0 });
		expect(run.pace.workers).toBe(AUTO_CEILING * 2);
	});

	test('auto: list calls start together, up to the ceiling', async () => {
		expect(virtual({ start: 10 }).pace.state().limit).toBe(10);
		expect(virtual({ start: 500 }).pace.state().limit).toBe(AUTO_CEILING);
	});

	test('a network failure neither grows nor shrinks the limit', async () => {
		const { pace } = virtual();
		pace.release(await pace.acquire(), {});
		expect(pace.state()).toMatchObject({ limit: AUTO_START, rateLimited: 0 });
	});

	test('auto: answers that get much slower bring the number in flight down', async () => {
		const run = virtual();
		await run.within(async () => await atOnce(run, 15, 2));
		const grown = run.pace.state().limit;
		await run.within(async () => await atOnce(run, 10, 150));
		expect(run.pace.state().limit).toBeLessThan(grown);
	});
});

describe('lone 429s and confirmed limits', () => {
	test('a lone 429 delays nothing else and teaches nothing', async () => {
		const run = virtual();
		await run.within(async () => await oneByOne(run, 20, 10));
		const refused = await run.pace.acquire();
		run.pace.release(refused, { status: 429, retryAfterMs: 1000 });
		const before = run.clock.now();
		const next = await run.pace.acquire();
		expect(next.sentAt).toBe(before);
		expect(run.pace.state()).toMatchObject({
			rate: 0,
			rateLimited: 1,
			confirmedLimits: 0,
			// 20 before, the refused one and the next: a lone refusal pauses nothing.
			requests: 22,
			pausedMs: 0,
		});
	});

	test('three refusals in a row in send order are the limit: the whole run waits out Retry-After', async () => {
		for (const pace of [virtual(), virtual({ fixed: 5 })]) {
			await pace.within(async () => await oneByOne(pace, 10, 10));
			const slots = await Promise.all([1, 2, 3].map(async () => await pace.pace.acquire()));
			for (const slot of slots) pace.pace.release(slot, { status: 429, retryAfterMs: 1500 });
			// One pause of 1.5 s: the three refusals' waits overlap and count once.
			expect(pace.pace.state()).toMatchObject({
				rateLimited: 3,
				confirmedLimits: 1,
				requests: 13,
				pausedMs: 1500,
			});
			const before = pace.clock.now();
			const next = await pace.within(async () => await pace.pace.acquire());
			expect(next.sentAt - before).toBe(1500);
		}
	});

	test('refusals that are a quarter of the last second, interleaved with answers, are the limit too', async () => {
		const run = virtual();
		await run.within(async () => {
			for (let index = 0; index < 15; index++) {
				const slot = await run.pace.acquire();
				await run.clock.sleep(20);
				// Every third refused: never three in a row, but a third of the sends.
				run.pace.release(slot, { status: index % 3 === 2 ? 429 : 200, retryAfterMs: 1000 });
			}
		});
		// The fifth refusal is a quarter of 20 (the least a share is counted of): the limit.
		expect(run.pace.state()).toMatchObject({ rateLimited: 5, confirmedLimits: 1 });
	});

	test('refusals of requests sent before the limit was confirmed add nothing to it', async () => {
		const run = virtual();
		const slots = await Promise.all(
			Array.from({ length: AUTO_START }, async () => await run.pace.acquire()),
		);
		for (const slot of slots.slice(0, 3))
			run.pace.release(slot, { status: 429, retryAfterMs: 1000 });
		const pausedTo = run.clock.now() + 1000;
		await run.within(async () => await run.clock.sleep(200));
		for (const slot of slots.slice(3)) run.pace.release(slot, { status: 429, retryAfterMs: 1000 });
		expect(run.pace.state()).toMatchObject({ rateLimited: AUTO_START, confirmedLimits: 1 });
		const next = await run.within(async () => await run.pace.acquire());
		expect(next.sentAt).toBe(pausedTo);
	});

	test('the lesson is the count accepted in the second before the first refusal, not divided by less', async () => {
		const run = virtual();
		// 40 accepted, sent over 400 ms: a rate of 100 a second if divided, 40 a second as counted.
		await run.within(async () => await oneByOne(run, 40, 10));
		const refused = await Promise.all([1, 2, 3].map(async () => await run.pace.acquire()));
		for (const slot of refused) run.pace.release(slot, { status: 429, retryAfterMs: 1000 });
		// Drawn when the pause is over.
		const next = await run.within(async () => await run.pace.acquire());
		run.pace.release(next, { status: 200 });
		// 95% of it, so that fixed windows are not overrun.
		expect(run.pace.state().rate).toBe(38);
		// From then on the token bucket spaces sends at that rate.
		const slots = await run.within(async () => await atOnce(run, 10, 1));
		const spacing = (slots[9].sentAt - slots[0].sentAt) / 9;
		expect(spacing).toBeCloseTo(1000 / 38, 0);
	});

	/** A run that learned 38 a second (as in the test above), the pause over. */
	async function learned40() {
		const run = virtual();
		await run.within(async () => await oneByOne(run, 40, 10));
		const refused = await Promise.all([1, 2, 3].map(async () => await run.pace.acquire()));
		for (const slot of refused) run.pace.release(slot, { status: 429, retryAfterMs: 1000 });
		run.pace.release(await run.within(async () => await run.pace.acquire()), { status: 200 });
		return run;
	}

	test('a rate that holds is probed up; a 429 puts the one that held back, without a pause', async () => {
		const run = await learned40();
		// Past the count refused at (40) only every 5 s: 250 sends at 38 a second take 6.6 s.
		await run.within(async () => await oneByOne(run, 250, 1));
		const probed = run.pace.state().rate;
		expect(probed).toBeGreaterThan(38);
		const refused = await run.within(async () => await run.pace.acquire());
		run.pace.release(refused, { status: 429, retryAfterMs: 1000 });
		expect(run.pace.state().rate).toBeLessThan(probed);
		expect(run.pace.state().rate).toBeGreaterThanOrEqual(38);
		const before = run.clock.now();
		expect((await run.within(async () => await run.pace.acquire())).sentAt - before).toBeLessThan(
			100,
		);
		expect(run.pace.state().confirmedLimits).toBe(1);
	});

	test('two refusals in a row at the learned rate lower it a little, without a pause', async () => {
		const run = await learned40();
		const pair = await run.within(async () => [await run.pace.acquire(), await run.pace.acquire()]);
		for (const slot of pair) run.pace.release(slot, { status: 429, retryAfterMs: 1000 });
		expect(run.pace.state()).toMatchObject({ rate: 37.2, confirmedLimits: 1 });
		const before = run.clock.now();
		expect((await run.within(async () => await run.pace.acquire())).sentAt - before).toBeLessThan(
			100,
		);
	});

	test('a slot asked for with a deadline is not waited for past it, and nothing is taken', async () => {
		const run = virtual({ fixed: 1 });
		await run.within(async () => await oneByOne(run, 3, 10, 429));
		const asked = run.clock.now();
		const pausedTo = asked + 1000;
		// The run is paused past this caller's deadline: no slot, and no waiting to learn so.
		expect(await run.pace.acquire(asked + 500)).toBeUndefined();
		expect(run.clock.now()).toBe(asked);
		// The one place in flight is still free: the next caller gets it once the pause is over.
		const next = await run.within(async () => await run.pace.acquire(asked + 10_000));
		expect(next?.sentAt).toBe(pausedTo);
	});

	test('a caller that waited for a place in flight past its deadline gets no slot', async () => {
		const run = virtual({ fixed: 1 });
		const busy = await run.pace.acquire();
		const waiting = run.pace.acquire(run.clock.now() + 100);
		await run.within(async () => await run.clock.sleep(300));
		// The place frees up after the deadline: the waiting caller is let in and gives it back.
		run.pace.release(busy, { status: 200 });
		expect(await waiting).toBeUndefined();
		expect(await run.pace.acquire(run.clock.now() + 10_000)).toBeDefined();
	});
});

describe('behind the simulated gateway (virtual time, the simulator rules)', () => {
	const auto = (clock: VirtualClock) => new Pace({ clock });
	/** The run's time over the time the limit allows, at a start 0, 100, ... 900 ms into a window. */
	async function ratios(scenario: Record<string, unknown> & { items: number; rateLimit: number }) {
		const all: number[] = [];
		for (let phase = 0; phase < 1000; phase += 100) {
			const result = await runPaceModel({
				latencyMs: 100,
				...scenario,
				seed: phase + 1,
				startAt: 1_000_000 + phase,
				makePace: auto,
			});
			expect(result.sent - result.rateLimited - result.random429).toBe(scenario.items);
			all.push(result.ms / ((scenario.items / scenario.rateLimit) * 1000));
		}
		return all.sort((a, b) => a - b);
	}
	const median = (values: number[]) => values[Math.floor(values.length / 2)];

	test('fixed windows: 1,000 at 100 a second close to the limit; 5,000 closer', async () => {
		const thousand = await ratios({ items: 1000, rateLimit: 100 });
		expect(median(thousand)).toBeLessThanOrEqual(1.1);
		expect(Math.max(...thousand)).toBeLessThanOrEqual(1.4);
		expect(median(await ratios({ items: 5000, rateLimit: 100 }))).toBeLessThanOrEqual(1.05);
	});

	test('sliding windows, and 300 ms answers (rate x latency in flight)', async () => {
		expect(
			median(await ratios({ items: 1000, rateLimit: 100, window: 'sliding' })),
		).toBeLessThanOrEqual(1.1);
		const slow = await runPaceModel({
			items: 5000,
			rateLimit: 100,
			latencyMs: 300,
			makePace: auto,
		});
		expect(slow.mostInFlight).toBeGreaterThanOrEqual(30);
		expect(slow.ms / 50_000).toBeLessThanOrEqual(1.1);
	});

	test('2% random 429s: each delays only its own request; with no limit they never pause the run', async () => {
		for (const timing of ['instant', 'after-latency'])
			expect(
				median(
					await ratios({ items: 1000, rateLimit: 100, random429: 0.02, random429Timing: timing }),
				),
			).toBeLessThanOrEqual(1.25);
		const unlimited = await runPaceModel({
			items: 1000,
			latencyMs: 25,
			random429: 0.02,
			makePace: auto,
		});
		expect(unlimited.random429).toBeGreaterThan(10);
		expect(unlimited.state).toMatchObject({ rate: 0, confirmedLimits: 0, limit: AUTO_CEILING });
	});

	test('20 runs sharing one key: few 429s, and runs that learned little climb back', async () => {
		const shared = await runPaceModel({
			items: 100,
			callsPerItem: 2,
			runs: 20,
			staggerMs: 2000,
			latencyMs: 25,
			rateLimit: 100,
			makePace: auto,
		});
		expect(shared.sent - shared.rateLimited).toBe(4000);
		expect(shared.rateLimited).toBeLessThanOrEqual(600);
		// 4,000 calls at 100 a second take 40 s at the least.
		expect(shared.ms).toBeLessThanOrEqual(40_000 * 1.5);
	});
});
