import { sleep } from 'n8n-workflow';

/**
 * How fast one node run sends to SortedPRO. Every attempt of every request takes a slot
 * from its run's Pace before it is sent and returns it with what came back, so the items
 * of one run share one limiter. A Pace lives only as long as its node run (settings.ts
 * makes one per execution): nothing is shared between executions or workers.
 *
 * Fixed: at most `limit` requests in flight. Auto adapts that number:
 * - it starts at AUTO_START and, while answers come back cleanly, doubles it every round
 *   trip until the first sign of pressure, then adds one per round trip, never above
 *   AUTO_CEILING, which protects SortedPRO;
 * - a 429 pauses every request of the run for the Retry-After SortedPRO sent, and from then
 *   on requests are also spaced in time, just under the rate that SortedPRO accepted in the
 *   second before it refused (then raised by 5% for every 10 seconds without a 429). A lone
 *   429 among successes (a request sent after it, before it came back, was accepted) is not
 *   the rate limit: it pauses, but teaches nothing;
 * - when answers take clearly longer than the fastest ones did (SortedPRO is struggling),
 *   the number in flight drops by a quarter, at most once a round trip.
 * Both modes honour a 429's Retry-After for the whole run, not only for the request that got it.
 */
export const AUTO_START = 5;
export const AUTO_CEILING = 20;

/** Spacing keeps this share of the rate SortedPRO accepted, so that fixed windows are not overrun. */
const RATE_MARGIN = 0.95;
/** A 429 while already spaced: the rate was still too high. */
const RATE_DECREASE_FACTOR = 0.9;
/** The learned rate is tried 5% higher after this long without a 429. */
const RATE_PROBE_MS = 10_000;
const RATE_PROBE_FACTOR = 1.05;
/** Answers this much slower than the fastest (and at least LATENCY_RISE_MIN_MS slower) mean pressure. */
const LATENCY_RISE_FACTOR = 2;
const LATENCY_RISE_MIN_MS = 50;
const LATENCY_SMOOTHING = 0.2;
const LATENCY_DECREASE_FACTOR = 0.75;
const ACCEPTED_WINDOW_MS = 1000;
const MIN_OBSERVED_MS = 250;

/** A slot taken for one attempt. */
export interface PaceSlot {
	/** The order in which slots were handed out. */
	number: number;
	sentAt: number;
}

/** What came back for one attempt: its HTTP status (none for a network failure) and a 429's wait. */
export interface PaceOutcome {
	status?: number;
	retryAfterMs?: number;
}

export interface PaceState {
	mode: 'auto' | 'fixed';
	limit: number;
	/** Requests per second the run keeps to, once SortedPRO has said 429; 0 for none. */
	rate: number;
	rateLimited: number;
}

export class Pace {
	private limit: number;

	private inFlight = 0;

	private readonly waiting: Array<() => void> = [];

	/** No attempt is sent before this time (a 429's Retry-After). */
	private pausedUntil = 0;

	/** Spacing between sends once a rate is learned, and the earliest time of the next send. */
	private rate = 0;

	private nextSendAt = 0;

	private lastRateChangeAt = 0;

	/** Doubling per round trip until the first sign of pressure. */
	private slowStart = true;

	/** Send times of accepted attempts within the last second, oldest first. */
	private readonly accepted: number[] = [];

	/**
	 * The last 429's lesson and what was there before it: undone when a request sent after
	 * the refused one, while the refusal was on its way, is accepted.
	 */
	private lesson?: { number: number; refusedAt: number; rate: number; limit: number };

	private handedOut = 0;

	/** Accepted sends are counted from here: the first send, or the end of the last pause. */
	private observingSince = 0;

	private fastestMs = Infinity;

	private smoothedMs = 0;

	private lastDecreaseAt = 0;

	private growth = 0;

	private rateLimited = 0;

	private readonly auto: boolean;

	/** @param fixed a fixed number in flight; undefined for Auto */
	constructor(fixed?: number) {
		this.auto = fixed === undefined;
		this.limit = fixed ?? AUTO_START;
	}

	/** How many callers may usefully wait for slots at once. */
	get ceiling(): number {
		return this.auto ? AUTO_CEILING : this.limit;
	}

	state(): PaceState {
		return {
			mode: this.auto ? 'auto' : 'fixed',
			limit: this.limit,
			rate: Math.round(this.rate * 10) / 10,
			rateLimited: this.rateLimited,
		};
	}

	/**
	 * Waits for a slot: a free place in flight, then the run's pause and spacing. With a
	 * `deadline`, gives up (undefined, nothing taken) as soon as the run's pause or spacing would
	 * hold the slot past it, or the deadline passed while waiting for a place in flight (which
	 * frees up within a Request Timeout): no slot is ever handed out after it.
	 */
	async acquire(): Promise<PaceSlot>;
	async acquire(deadline: number): Promise<PaceSlot | undefined>;
	async acquire(deadline = Infinity): Promise<PaceSlot | undefined> {
		if (this.observingSince === 0) this.observingSince = Date.now();
		if (this.inFlight < this.limit && this.waiting.length === 0) this.inFlight += 1;
		// Whoever frees a place counts the next waiter in (see wake).
		else await new Promise<void>((resolve) => this.waiting.push(resolve));
		for (;;) {
			const now = Date.now();
			let sendAt = this.pausedUntil;
			if (this.rate > 0) sendAt = Math.max(sendAt, this.nextSendAt);
			if (Math.max(sendAt, now) > deadline) {
				this.inFlight -= 1;
				this.wake();
				return undefined;
			}
			if (this.rate > 0) this.nextSendAt = Math.max(sendAt, now) + 1000 / this.rate;
			if (sendAt <= now) return { number: ++this.handedOut, sentAt: now };
			const pause = this.pausedUntil;
			await sleep(sendAt - now);
			// A 429 that came in meanwhile moves this slot's time.
			if (this.pausedUntil === pause) return { number: ++this.handedOut, sentAt: Date.now() };
		}
	}

	/** Returns a slot with what its attempt got, and adapts. */
	release(slot: PaceSlot, outcome: PaceOutcome): void {
		const now = Date.now();
		this.inFlight -= 1;
		if (outcome.status === 429) this.onRateLimited(slot, now, outcome.retryAfterMs ?? 1000);
		else if (outcome.status !== undefined) this.onAnswer(slot, now);
		this.wake();
	}

	private wake(): void {
		while (this.waiting.length > 0 && this.inFlight < this.limit) {
			this.inFlight += 1;
			this.waiting.shift()?.();
		}
	}

	private onRateLimited(slot: PaceSlot, now: number, retryAfterMs: number): void {
		this.rateLimited += 1;
		this.pausedUntil = Math.max(this.pausedUntil, now + retryAfterMs);
		this.nextSendAt = this.pausedUntil;
		if (!this.auto) return;
		this.slowStart = false;
		// Attempts already in flight when the first 429 came get 429 too: one lesson per pause.
		if (now - this.lastRateChangeAt < retryAfterMs) return;
		// What SortedPRO accepted in the last second (or since the run or its last pause began,
		// if that is shorter) is its limit, or up to twice it when that second straddles two of
		// the gateway's windows; a later 429 corrects that. Too short a look teaches nothing.
		const since = Math.max(now - ACCEPTED_WINDOW_MS, this.observingSince);
		while (this.accepted.length > 0 && this.accepted[0] < since) this.accepted.shift();
		this.lesson = { number: slot.number, refusedAt: now, rate: this.rate, limit: this.limit };
		if (now - since >= MIN_OBSERVED_MS && this.accepted.length > 0) {
			const learned = (this.accepted.length * 1000) / (now - since);
			this.rate =
				this.rate > 0 ? Math.min(this.rate, learned) * RATE_DECREASE_FACTOR : learned * RATE_MARGIN;
		}
		this.observingSince = this.pausedUntil;
		this.lastRateChangeAt = now;
		this.accepted.length = 0;
		// No more in flight than that rate needs at the answer times seen.
		const needed = Math.ceil((this.rate * Math.max(this.smoothedMs, 1)) / 1000) + 1;
		this.limit = Math.max(1, Math.min(this.limit, Math.max(needed, AUTO_START)));
	}

	private onAnswer(slot: PaceSlot, now: number): void {
		if (!this.auto) return;
		const lesson = this.lesson;
		if (lesson && slot.number > lesson.number && slot.sentAt <= lesson.refusedAt) {
			// A request sent after the refused one, before the refusal came back, got through:
			// that 429 was not the rate limit, so it taught nothing (the pause stands).
			this.rate = lesson.rate;
			this.limit = lesson.limit;
			this.lesson = undefined;
		}
		const tookMs = now - slot.sentAt;
		this.accepted.push(slot.sentAt);
		if (this.accepted.length > 4096) this.accepted.splice(0, 2048);
		this.fastestMs = Math.min(this.fastestMs, tookMs);
		this.smoothedMs =
			this.smoothedMs === 0
				? tookMs
				: this.smoothedMs + LATENCY_SMOOTHING * (tookMs - this.smoothedMs);
		if (this.rate > 0 && now - this.lastRateChangeAt >= RATE_PROBE_MS) {
			this.rate *= RATE_PROBE_FACTOR;
			this.lastRateChangeAt = now;
		}
		const struggling =
			this.smoothedMs > this.fastestMs * LATENCY_RISE_FACTOR &&
			this.smoothedMs - this.fastestMs > LATENCY_RISE_MIN_MS;
		if (struggling) {
			this.slowStart = false;
			if (now - this.lastDecreaseAt >= this.smoothedMs) {
				this.limit = Math.max(1, Math.floor(this.limit * LATENCY_DECREASE_FACTOR));
				this.lastDecreaseAt = now;
			}
			return;
		}
		// Doubling per round trip is one more per answer; after pressure, one more per round trip.
		this.growth += this.slowStart ? 1 : 1 / this.limit;
		if (this.growth >= 1) {
			this.growth -= 1;
			this.limit = Math.min(AUTO_CEILING, this.limit + 1);
		}
	}
}
