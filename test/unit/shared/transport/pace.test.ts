/** The run's limiter on its own: slots, the shared pause after a 429, and how Auto adapts. */
import { sleep } from 'n8n-workflow';

import { AUTO_CEILING, AUTO_START, Pace } from '../../../../nodes/shared/transport/pace';

/** Takes and returns `count` slots, each "answered" after `answerMs` with `status`. */
async function answer(pace: Pace, count: number, status: number, answerMs = 0): Promise<void> {
	await Promise.all(
		Array.from({ length: count }, async () => {
			const slot = await pace.acquire();
			if (answerMs > 0) await sleep(answerMs);
			pace.release(slot, { status, retryAfterMs: status === 429 ? 300 : undefined });
		}),
	);
}

test('fixed: never more in flight than the number set, and no adapting', async () => {
	const pace = new Pace(3);
	let inFlight = 0;
	let most = 0;
	await Promise.all(
		Array.from({ length: 12 }, async () => {
			const slot = await pace.acquire();
			inFlight += 1;
			most = Math.max(most, inFlight);
			await sleep(5);
			inFlight -= 1;
			pace.release(slot, { status: 200 });
		}),
	);
	expect(most).toBe(3);
	expect(pace.state()).toEqual({ mode: 'fixed', limit: 3, rate: 0, rateLimited: 0 });
	expect(pace.ceiling).toBe(3);
});

test('auto: starts modestly and grows on clean answers, never above the ceiling', async () => {
	const pace = new Pace();
	expect(pace.state().limit).toBe(AUTO_START);
	await answer(pace, 5, 200);
	expect(pace.state().limit).toBe(AUTO_START + 5);
	await answer(pace, 200, 200);
	expect(pace.state()).toMatchObject({ mode: 'auto', limit: AUTO_CEILING, rate: 0 });
	expect(pace.ceiling).toBe(AUTO_CEILING);
});

/** One request after another, each answered `status` after `answerMs`: a steady, known rate. */
async function steadily(pace: Pace, count: number, answerMs: number): Promise<void> {
	for (let index = 0; index < count; index++) {
		const slot = await pace.acquire();
		await sleep(answerMs);
		pace.release(slot, { status: 200 });
	}
}

test('a 429 pauses every slot of the run for its Retry-After, and Auto keeps to the rate that was accepted', async () => {
	const pace = new Pace();
	const started = Date.now();
	await steadily(pace, 30, 10);
	const acceptedRate = (30 * 1000) / (Date.now() - started);
	const refused = await pace.acquire();
	pace.release(refused, { status: 429, retryAfterMs: 300 });
	const { rate, rateLimited } = pace.state();
	expect(rateLimited).toBe(1);
	expect(rate).toBeGreaterThan(acceptedRate * 0.8);
	expect(rate).toBeLessThanOrEqual(acceptedRate * 1.1);

	const before = Date.now();
	const slot = await pace.acquire();
	expect(slot.sentAt - before).toBeGreaterThanOrEqual(280);
	pace.release(slot, { status: 200 });
	// Spaced: five more slots at once take at least four gaps of 1000 / rate milliseconds.
	const start = Date.now();
	await answer(pace, 5, 200);
	expect(Date.now() - start).toBeGreaterThanOrEqual(Math.floor((4 * 1000) / rate) - 5);
});

test('a second 429 while spaced lowers the rate further', async () => {
	const pace = new Pace();
	await steadily(pace, 30, 10);
	let slot = await pace.acquire();
	pace.release(slot, { status: 429, retryAfterMs: 10 });
	const first = pace.state().rate;
	await steadily(pace, 10, 30);
	slot = await pace.acquire();
	pace.release(slot, { status: 429, retryAfterMs: 10 });
	expect(pace.state().rate).toBeLessThan(first);
	expect(pace.state().rate).toBeGreaterThan(0);
	expect(pace.state().rateLimited).toBe(2);
});

test('a lone 429 among successes pauses the run but teaches no rate', async () => {
	const pace = new Pace();
	await steadily(pace, 30, 10);
	const refused = await pace.acquire();
	const later = await pace.acquire();
	pace.release(refused, { status: 429, retryAfterMs: 200 });
	expect(pace.state().rate).toBeGreaterThan(0);
	// Sent after the refused one and accepted while the gateway was meant to be closed.
	pace.release(later, { status: 200 });
	expect(pace.state()).toMatchObject({ rate: 0, rateLimited: 1 });
	const before = Date.now();
	const next = await pace.acquire();
	expect(next.sentAt - before).toBeGreaterThanOrEqual(150);
});

test('fixed also honours Retry-After for the whole run', async () => {
	const pace = new Pace(5);
	const slot = await pace.acquire();
	pace.release(slot, { status: 429, retryAfterMs: 200 });
	const before = Date.now();
	const next = await pace.acquire();
	expect(next.sentAt - before).toBeGreaterThanOrEqual(180);
	expect(pace.state()).toMatchObject({ limit: 5, rate: 0 });
});

test('auto: answers that get much slower bring the number in flight down', async () => {
	const pace = new Pace();
	await answer(pace, 15, 200, 2);
	const grown = pace.state().limit;
	await answer(pace, 10, 200, 150);
	expect(pace.state().limit).toBeLessThan(grown);
});

test('a network failure neither grows nor shrinks the limit', async () => {
	const pace = new Pace();
	const slot = await pace.acquire();
	pace.release(slot, {});
	expect(pace.state()).toMatchObject({ limit: AUTO_START, rateLimited: 0 });
});

test('a slot asked for with a deadline is not waited for past it, and nothing is taken', async () => {
	const pace = new Pace(1);
	const refused = await pace.acquire();
	pace.release(refused, { status: 429, retryAfterMs: 1_500 });

	const asked = Date.now();
	// The run is paused for 1.5 s, past this caller's deadline: it gets no slot, and does not
	// wait for the pause to end to learn so.
	const answer = await Promise.race([
		pace.acquire(asked + 500),
		sleep(1_500).then(() => 'waited for the pause' as const),
	]);
	expect(answer).toBeUndefined();
	// The one place in flight is still free: the next caller gets it once the pause is over.
	const next = await pace.acquire(Date.now() + 10_000);
	expect(next?.sentAt).toBeGreaterThanOrEqual(asked + 1_400);
});

test('a caller that waited for a place in flight past its deadline gets no slot', async () => {
	const pace = new Pace(1);
	const busy = await pace.acquire();
	const asked = Date.now();
	const waiting = pace.acquire(asked + 100);
	await sleep(300);
	// The place frees up after the deadline: the waiting caller is let in and gives it back.
	pace.release(busy, { status: 200 });
	expect(await waiting).toBeUndefined();
	const next = await pace.acquire(Date.now() + 10_000);
	expect(next).toBeDefined();
});
