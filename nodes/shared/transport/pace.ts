import { sleep } from 'n8n-workflow';

/**
 * How fast one node run sends to SortedPRO. Every attempt of every request takes a slot
 * from its run's Pace before it is sent and returns it with what came back, so the items
 * of one run share one limiter. A Pace lives only as long as its node run (settings.ts
 * makes one per execution): nothing is shared between executions or workers.
 *
 * Which 429s are the rate limit (both modes): SortedPRO's gateway refuses in runs once a
 * key is over its limit, while a busy gateway may refuse a lone request at any time. A 429
 * is a *confirmed limit* when it is one of CLUSTER_IN_A_ROW refusals in a row in send
 * order, or when refusals are at least CLUSTER_SHARE of the last second's sends (and at
 * least CLUSTER_IN_A_ROW). A lone 429 delays only its own request, by its Retry-After (the
 * exchange waits it out). A confirmed limit pauses every request of the run for its
 * Retry-After; refusals of requests sent before it add nothing to it.
 *
 * Fixed: at most `limit` requests in flight. Auto adapts:
 * - it starts at AUTO_START in flight (or the caller's `start`) and, while answers come back
 *   cleanly, doubles that every round trip, never above AUTO_CEILING, which protects SortedPRO;
 * - a confirmed limit teaches SortedPRO's rate once its pause is over: the number of requests
 *   it accepted of those sent in the second before the cluster's first refusal (a count,
 *   never divided by less than a second; at least RATE_FLOOR). Sends then come from a token
 *   bucket at RATE_MARGIN of it. That second may straddle two of the gateway's fixed windows
 *   and count up to twice the limit: a further confirmed limit at the learned rate lowers it
 *   by STEP_BACK_FACTOR (or to the new count, never below MOST_LOWERED of it at once);
 * - two refusals in a row at the learned rate (a fixed window refusing its last request or
 *   two) lower it by PAIR_STEP_BACK, without a pause; a lone one teaches nothing;
 * - probing: a rate that held for RATE_PROBE_MS without a 429 becomes the learned one and a
 *   slightly higher one is tried; any 429 puts the learned one back, and past RATE_MARGIN of
 *   the count refused at it is tried only every RATE_PROBE_PAST_REFUSAL_MS. So a run that
 *   learned little (the key was shared with runs that have since finished) climbs back within
 *   seconds, and a run at the limit goes over it by a lone 429 now and then, not by a pause;
 * - once a rate is known, the number in flight is what it needs at the answer times seen
 *   (rate x latency x IN_FLIGHT_FACTOR + IN_FLIGHT_EXTRA), never above AUTO_CEILING;
 * - when answers take clearly longer than the fastest ones did (SortedPRO is struggling),
 *   the number in flight drops by a quarter, at most once a round trip.
 *
 * simulator/paceModel.js runs this class against the simulator's gateway rules in virtual time.
 */
export const AUTO_START = 5;
export const AUTO_CEILING = 50;

/** Refusals in a row (in send order) that confirm a rate limit. */
const CLUSTER_IN_A_ROW = 3;
/** ...or this share of the last second's sends, counted as at least CLUSTER_SHARE_OF_AT_LEAST. */
const CLUSTER_SHARE = 0.25;
const CLUSTER_SHARE_OF_AT_LEAST = 20;
/** The token bucket keeps this share of the rate learned: fixed windows are not overrun. */
const RATE_MARGIN = 0.95;
/** The least a lesson teaches, in requests a second. */
const RATE_FLOOR = 5;
/** The most one confirmed limit lowers a learned rate by. */
const MOST_LOWERED = 0.5;
/** Two refusals in a row at the learned rate lower it this much (no pause). */
const PAIR_STEP_BACK = 0.98;
/** A confirmed limit while already paced: the rate was still too high. */
const STEP_BACK_FACTOR = 0.85;
/**
 * After this long without a 429 the rate held becomes the learned one, and the next is tried
 * RATE_PROBE_SHARE higher (at least RATE_PROBE_MIN_STEP a second more): so little that going
 * over a limit costs a lone 429 now and then, not a pause.
 */
const RATE_PROBE_MS = 1_000;
/** Probing past the rate where SortedPRO last refused waits this long instead. */
const RATE_PROBE_PAST_REFUSAL_MS = 5_000;
const RATE_PROBE_SHARE = 0.02;
const RATE_PROBE_MIN_STEP = 1;
/** In flight once a rate is known: rate x answer time x IN_FLIGHT_FACTOR + IN_FLIGHT_EXTRA. */
const IN_FLIGHT_FACTOR = 1.2;
const IN_FLIGHT_EXTRA = 2;
/**
 * Items worked on at once, per place in flight, in Auto: items waiting out their own 429 keep
 * their worker, and the others must still fill the places in flight.
 */
const WORKERS_PER_PLACE = 2;
/** Answers this much slower than the fastest (and at least LATENCY_RISE_MIN_MS slower) mean pressure. */
const LATENCY_RISE_FACTOR = 2;
const LATENCY_RISE_MIN_MS = 50;
const LATENCY_SMOOTHING = 0.2;
const LATENCY_DECREASE_FACTOR = 0.75;
/** The look back for lessons and for the share of refusals. */
const WINDOW_MS = 1000;
/** Outcomes older than this (by send time) are forgotten; at most MAX_REMEMBERED are kept. */
const REMEMBER_MS = 2 * WINDOW_MS;
const MAX_REMEMBERED = 4096;

/** Time as the Pace sees it: the real clock, or a test's. */
export interface PaceClock {
	now(): number;
	sleep(ms: number): Promise<void>;
}

const REAL_CLOCK: PaceClock = { now: () => Date.now(), sleep: async (ms) => await sleep(ms) };

/** A slot taken for one attempt. */
export interface PaceSlot {
	/** The order in which slots were handed out, which is the order of sending. */
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
	/** Requests per second the run keeps to, once SortedPRO confirmed a limit; 0 for none. */
	rate: number;
	/** 429s answered to this run, lone or not. */
	rateLimited: number;
	/** How many of them were a confirmed limit that paused the run. */
	confirmedLimits: number;
	/** Attempts sent so far (every try of every request). */
	requests: number;
	/** How long the run was paused for confirmed limits, in total (overlapping pauses count once). */
	pausedMs: number;
}

export interface PaceOptions {
	/** A fixed number in flight; undefined for Auto. */
	fixed?: number;
	/** Auto's number in flight at the start (list calls start together), at most AUTO_CEILING. */
	start?: number;
	clock?: PaceClock;
}

interface Outcome {
	sentAt: number;
	refused: boolean;
}

export class Pace {
	private limit: number;

	private inFlight = 0;

	private readonly waiting: Array<() => void> = [];

	/** No attempt is sent before this time (a confirmed limit's Retry-After). */
	private pausedUntil = 0;

	/** Slots up to this number were sent before the last confirmed limit: they add nothing to it. */
	private confirmedUpTo = 0;

	/** The token bucket (one token deep): `rate` per second, the last token reserved at `tokenAt`. */
	private rate = 0;

	private learnedRate = 0;

	/** The rate SortedPRO last refused at: probed past only slowly (Infinity: none known). */
	private refusedRate = Infinity;

	private tokenAt = -Infinity;

	private lastRateChangeAt = 0;

	/** Doubling per round trip until the first sign of pressure. */
	private slowStart = true;

	/** Recent outcomes by slot number, in the order they came back. */
	private readonly outcomes = new Map<number, Outcome>();

	/** Send times of the last second, oldest first: refusals come back sooner than answers. */
	private readonly sends: PaceSlot[] = [];

	/** Counts pauses and lessons: a slot that slept through one is timed again. */
	private changes = 0;

	/**
	 * The first refusal of the confirmed limit whose lesson is due. A lesson is drawn when its
	 * pause ends: by then the requests sent before the refusal, which take longer to answer
	 * than a gateway takes to refuse, have come back.
	 */
	private lesson?: PaceSlot;

	private handedOut = 0;

	/** Accepted sends are counted from here: the first send, or the end of the last pause. */
	private observingSince = -Infinity;

	private fastestMs = Infinity;

	private smoothedMs = 0;

	private lastDecreaseAt = 0;

	private growth = 0;

	private rateLimited = 0;

	private confirmedLimits = 0;

	private pausedMs = 0;

	private readonly auto: boolean;

	private readonly clock: PaceClock;

	constructor(options: PaceOptions = {}) {
		this.auto = options.fixed === undefined;
		this.clock = options.clock ?? REAL_CLOCK;
		this.limit = options.fixed ?? Math.max(1, Math.min(AUTO_CEILING, options.start ?? AUTO_START));
	}

	/**
	 * How many items (or batches) may be worked on at once: as many as may be in flight, and in
	 * Auto twice that, so that items waiting out their own 429 do not hold up the rest. A fixed
	 * number is kept to exactly (1 means one item after another).
	 */
	get workers(): number {
		return this.auto ? AUTO_CEILING * WORKERS_PER_PLACE : this.limit;
	}

	state(): PaceState {
		return {
			mode: this.auto ? 'auto' : 'fixed',
			limit: this.limit,
			rate: Math.round(this.rate * 10) / 10,
			rateLimited: this.rateLimited,
			confirmedLimits: this.confirmedLimits,
			requests: this.handedOut,
			pausedMs: this.pausedMs,
		};
	}

	/**
	 * Waits for a slot: a free place in flight, then the run's pause and the token bucket. With
	 * a `deadline`, gives up (undefined, nothing taken) as soon as the pause or the bucket would
	 * hold the slot past it, or the deadline passed while waiting for a place in flight (which
	 * frees up within a Request Timeout): no slot is ever handed out after it.
	 */
	async acquire(): Promise<PaceSlot>;
	async acquire(deadline: number): Promise<PaceSlot | undefined>;
	async acquire(deadline = Infinity): Promise<PaceSlot | undefined> {
		if (this.observingSince === -Infinity) this.observingSince = this.clock.now();
		if (this.inFlight < this.limit && this.waiting.length === 0) this.inFlight += 1;
		// Whoever frees a place counts the next waiter in (see wake).
		else await new Promise<void>((resolve) => this.waiting.push(resolve));
		for (;;) {
			const now = this.clock.now();
			if (this.lesson && now >= this.pausedUntil) this.learn(this.lesson, now);
			let sendAt = Math.max(now, this.pausedUntil);
			// One token per 1000 / rate ms, reserved in turn: a late timer does not lose a token.
			if (this.rate > 0) sendAt = Math.max(sendAt, this.tokenAt + 1000 / this.rate);
			if (sendAt > deadline) {
				this.inFlight -= 1;
				this.wake();
				return undefined;
			}
			if (this.rate > 0) this.tokenAt = sendAt;
			if (sendAt <= now) return this.send(now);
			const changes = this.changes;
			await this.clock.sleep(sendAt - now);
			// A confirmed limit or a lesson drawn meanwhile moves this slot's time.
			if (this.changes === changes && !this.lesson) return this.send(this.clock.now());
		}
	}

	private send(now: number): PaceSlot {
		const slot = { number: ++this.handedOut, sentAt: now };
		this.sends.push(slot);
		while (this.sends[0].sentAt <= now - WINDOW_MS) this.sends.shift();
		return slot;
	}

	/** Returns a slot with what its attempt got, and adapts. */
	release(slot: PaceSlot, outcome: PaceOutcome): void {
		const now = this.clock.now();
		this.inFlight -= 1;
		if (outcome.status !== undefined) this.remember(slot, outcome.status === 429, now);
		if (outcome.status === 429) this.onRefused(slot, now, outcome.retryAfterMs ?? 1000);
		else if (outcome.status !== undefined) this.onAnswer(slot, now);
		this.wake();
	}

	private wake(): void {
		while (this.waiting.length > 0 && this.inFlight < this.limit) {
			this.inFlight += 1;
			this.waiting.shift()?.();
		}
	}

	private remember(slot: PaceSlot, refused: boolean, now: number): void {
		this.outcomes.set(slot.number, { sentAt: slot.sentAt, refused });
		for (const [number, outcome] of this.outcomes) {
			// A lesson due (drawn when its pause ends) needs the second before its refusal.
			const keep = this.lesson !== undefined || outcome.sentAt >= now - REMEMBER_MS;
			if (keep && this.outcomes.size <= MAX_REMEMBERED) break;
			this.outcomes.delete(number);
		}
	}

	private onRefused(slot: PaceSlot, now: number, retryAfterMs: number): void {
		this.rateLimited += 1;
		// Any 429 while probing above the learned rate: back to it, which held.
		const probing = this.auto && this.rate > this.learnedRate;
		if (probing) {
			this.refusedRate = this.rate;
			this.rate = this.learnedRate;
		}
		if (this.auto) this.lastRateChangeAt = now;
		// Sent before the last confirmed limit: part of it.
		if (slot.number <= this.confirmedUpTo) return;
		const cluster = this.confirmedCluster(slot, now);
		if (!cluster) {
			// Two in a row at the learned rate (a random pair is rare): just over a fixed window's
			// limit, which refuses the last request or two of each window. A little lower, no pause.
			const pair = [slot.number - 1, slot.number + 1].some(
				(number) => number > this.confirmedUpTo && this.outcomes.get(number)?.refused === true,
			);
			if (this.auto && !probing && this.rate > 0 && pair) {
				this.learnedRate = Math.max(RATE_FLOOR * RATE_MARGIN, this.learnedRate * PAIR_STEP_BACK);
				this.refusedRate = Math.min(this.refusedRate, this.rate);
				this.rate = this.learnedRate;
			}
			return;
		}
		this.confirmedLimits += 1;
		this.changes += 1;
		this.confirmedUpTo = this.handedOut;
		const until = Math.max(this.pausedUntil, now + retryAfterMs);
		this.pausedMs += until - Math.max(now, this.pausedUntil);
		this.pausedUntil = until;
		if (!this.auto) return;
		this.slowStart = false;
		// Refused above the rate that held: that rate is the lesson, already learned.
		this.lesson = probing ? undefined : cluster;
	}

	/**
	 * Whether this refusal is one of CLUSTER_IN_A_ROW refusals in a row in send order, or of a
	 * refused share of the last second's sends; if so, the first refusal of that cluster.
	 */
	private confirmedCluster(slot: PaceSlot, now: number): PaceSlot | undefined {
		const refused = (number: number) => this.outcomes.get(number)?.refused === true;
		const at = (number: number): PaceSlot => ({
			number,
			sentAt: this.outcomes.get(number)?.sentAt ?? slot.sentAt,
		});
		const from = Math.max(slot.number - CLUSTER_IN_A_ROW + 1, this.confirmedUpTo + 1);
		for (let first = from; first <= slot.number; first++) {
			let row = 0;
			while (row < CLUSTER_IN_A_ROW && refused(first + row)) row += 1;
			if (row < CLUSTER_IN_A_ROW) continue;
			let start = first;
			while (start - 1 > this.confirmedUpTo && refused(start - 1)) start -= 1;
			return at(start);
		}
		const counts = (number: number, sentAt: number) =>
			number > this.confirmedUpTo && sentAt > now - WINDOW_MS;
		let refusals = 0;
		let first = Infinity;
		for (const [number, outcome] of this.outcomes)
			if (outcome.refused && counts(number, outcome.sentAt)) {
				refusals += 1;
				first = Math.min(first, number);
			}
		let sends = 0;
		for (const sent of this.sends) if (counts(sent.number, sent.sentAt)) sends += 1;
		return refusals >= CLUSTER_IN_A_ROW &&
			refusals >= Math.max(sends, CLUSTER_SHARE_OF_AT_LEAST) * CLUSTER_SHARE
			? at(first)
			: undefined;
	}

	/**
	 * SortedPRO's rate: what it accepted of the requests sent in the second before the first
	 * refusal of this limit. For a sliding window that is the limit; for fixed windows the
	 * second may straddle two of them and count up to twice it, which the next confirmed limit
	 * (counted wholly within a window) corrects.
	 */
	private learn(first: PaceSlot, now: number): void {
		this.lesson = undefined;
		this.changes += 1;
		const since = Math.max(first.sentAt - WINDOW_MS, this.observingSince);
		let accepted = 0;
		for (const [number, outcome] of this.outcomes)
			if (!outcome.refused && number < first.number && outcome.sentAt >= since) accepted += 1;
		// Little or nothing accepted (the run had just begun, or other executions on the key took
		// it all): at least RATE_FLOOR a second, probed up from there.
		const lesson = Math.max(RATE_FLOOR, accepted) * RATE_MARGIN;
		// Refused again at a rate learned before (the first count straddled two of the gateway's
		// windows, or the key is shared): a step back, but never below half of it at once, as a
		// short look after a pause counts little.
		this.learnedRate =
			this.learnedRate > 0
				? Math.max(
						Math.min(lesson, this.learnedRate * STEP_BACK_FACTOR),
						this.learnedRate * MOST_LOWERED,
					)
				: lesson;
		this.rate = this.learnedRate;
		this.refusedRate = Math.max(RATE_FLOOR, accepted);
		this.observingSince = now;
		this.lastRateChangeAt = now;
		this.limit = this.neededInFlight();
	}

	/** In flight for the rate at the answer times seen, within 1 and AUTO_CEILING. */
	private neededInFlight(): number {
		const needed =
			Math.ceil(((this.rate * Math.max(this.smoothedMs, 1)) / 1000) * IN_FLIGHT_FACTOR) +
			IN_FLIGHT_EXTRA;
		return Math.max(1, Math.min(AUTO_CEILING, needed));
	}

	private onAnswer(slot: PaceSlot, now: number): void {
		if (!this.auto) return;
		const tookMs = now - slot.sentAt;
		this.fastestMs = Math.min(this.fastestMs, tookMs);
		this.smoothedMs =
			this.smoothedMs === 0
				? tookMs
				: this.smoothedMs + LATENCY_SMOOTHING * (tookMs - this.smoothedMs);
		if (this.rate > 0 && now - this.lastRateChangeAt >= RATE_PROBE_MS) {
			const next = this.rate + Math.max(RATE_PROBE_MIN_STEP, this.rate * RATE_PROBE_SHARE);
			const past = next >= this.refusedRate * RATE_MARGIN;
			if (!past || now - this.lastRateChangeAt >= RATE_PROBE_PAST_REFUSAL_MS) {
				// The rate held for a whole interval: it is the learned one now.
				if (this.rate > this.learnedRate && this.rate >= this.refusedRate)
					this.refusedRate = Infinity;
				this.learnedRate = this.rate;
				this.rate = next;
				this.lastRateChangeAt = now;
			}
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
		if (this.rate > 0) {
			// The bucket sets the pace; in flight only has to keep up with it, never more.
			const needed = this.neededInFlight();
			if (needed < this.limit) this.limit = needed;
			else if (needed > this.limit) this.growth += 1 / this.limit;
		} else this.growth += this.slowStart ? 1 : 1 / this.limit;
		// Doubling per round trip is one more per answer; after pressure, one more per round trip.
		if (this.growth >= 1) {
			this.growth -= 1;
			this.limit = Math.min(AUTO_CEILING, this.limit + 1);
		}
	}
}
