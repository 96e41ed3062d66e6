'use strict';
/**
 * A model of one node run behind SortedPRO's gateway, in virtual time: the run's Pace (the
 * real one, passed in), items sent as the exchange sends them (a 429 waits its own Retry-After,
 * then takes a slot again) and the simulator's own gateway rules (rateLimiter), with answers
 * after a latency and random 429s. Nothing waits in real time, so a test can assert how long
 * a run takes in the model, which does not depend on the machine. Dev tool: not shipped.
 */
const { rateLimiter } = require('./server');

/** Time that moves only when everything that can run has run: then to the next timer. */
class VirtualClock {
	constructor() {
		this.time = 0;
		this.sequence = 0;
		this.timers = [];
	}

	now() {
		return this.time;
	}

	sleep(ms) {
		return new Promise((resolve) =>
			this.timers.push({ at: this.time + Math.max(0, ms), order: this.sequence++, resolve }),
		);
	}

	/** Runs `work` to its end, moving time from timer to timer whenever nothing else can run. */
	async run(work) {
		let finished = false;
		const watched = work.finally(() => (finished = true));
		for (;;) {
			// setImmediate comes after every pending promise callback has run.
			await new Promise((resolve) => setImmediate(resolve));
			if (finished) return await watched;
			if (this.timers.length === 0) throw new Error('model stuck: nothing to wait for');
			let next = 0;
			for (let index = 1; index < this.timers.length; index++) {
				const timer = this.timers[index];
				const best = this.timers[next];
				if (timer.at < best.at || (timer.at === best.at && timer.order < best.order)) next = index;
			}
			const [timer] = this.timers.splice(next, 1);
			this.time = Math.max(this.time, timer.at);
			// Every timer due at the same moment goes at once: fewer turns of the loop.
			const due = [timer, ...this.timers.filter((other) => other.at <= this.time)];
			this.timers = this.timers.filter((other) => other.at > this.time);
			due.sort((a, b) => a.order - b.order).forEach((each) => each.resolve());
		}
	}
}

/** A small, seeded random stream (mulberry32), so that a model run is the same every time. */
function seeded(seed) {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/**
 * Runs `items` requests through a Pace made by `makePace(clock)` against the gateway, and
 * says how long that took (virtual ms) and what happened. With `runs`, that many node runs
 * (each its own Pace, as executions on queue-mode workers) share the gateway's key, each
 * starting up to `staggerMs` later than the first, each item making `callsPerItem` calls.
 * @param {{ makePace: (clock: VirtualClock) => any, items: number, latencyMs: number,
 *   rateLimit?: number, window?: 'fixed' | 'sliding', offsetMs?: number, random429?: number,
 *   random429Timing?: 'instant' | 'after-latency', seed?: number, startAt?: number,
 *   runs?: number, staggerMs?: number, callsPerItem?: number, sendCostMs?: number,
 *   answerCostMs?: number }} options
 */
async function runPaceModel(options) {
	const clock = new VirtualClock();
	// Gateways do not start at zero: the run begins somewhere in a window.
	clock.time = options.startAt ?? 1_000_000;
	const started = clock.time;
	const overLimit = rateLimiter({ window: options.window, offsetMs: options.offsetMs });
	const random = seeded(options.seed ?? 1);
	const counts = { sent: 0, rateLimited: 0, random429: 0, mostInFlight: 0 };
	let inFlight = 0;
	// n8n's CPU, one request at a time: a request reaches the gateway `sendCostMs` of CPU after
	// its slot (later when others are queued before it), an answer is handled after `answerCostMs`.
	let cpuFreeAt = -Infinity;
	const onCpu = async (costMs) => {
		if (!(costMs > 0)) return;
		cpuFreeAt = Math.max(clock.now(), cpuFreeAt) + costMs;
		await clock.sleep(cpuFreeAt - clock.now());
	};

	/** One call, as the exchange sends it: a 429 waits its own Retry-After, then goes again. */
	async function call(pace) {
		for (;;) {
			const slot = await pace.acquire();
			counts.sent += 1;
			inFlight += 1;
			counts.mostInFlight = Math.max(counts.mostInFlight, inFlight);
			await onCpu(options.sendCostMs);
			const wait = overLimit('key', options.rateLimit ?? 0, clock.now());
			const randomly = wait === undefined && random() < (options.random429 ?? 0);
			let status = 200;
			let retryAfterMs;
			if (wait !== undefined) {
				// The gateway refuses at once.
				status = 429;
				retryAfterMs = wait * 1000;
				counts.rateLimited += 1;
				await clock.sleep(1);
			} else if (randomly) {
				status = 429;
				retryAfterMs = 1000;
				counts.random429 += 1;
				await clock.sleep(options.random429Timing === 'after-latency' ? options.latencyMs : 1);
			} else await clock.sleep(options.latencyMs);
			await onCpu(options.answerCostMs);
			inFlight -= 1;
			pace.release(slot, { status, retryAfterMs });
			if (status !== 429) return;
			await clock.sleep(retryAfterMs);
		}
	}

	/** One node run: its own Pace, its items worked on by the Pace's number of workers. */
	async function run(index) {
		if (index > 0) await clock.sleep(random() * (options.staggerMs ?? 0));
		const pace = options.makePace(clock);
		let next = 0;
		const worker = async () => {
			while (next < options.items) {
				next += 1;
				for (let made = 0; made < (options.callsPerItem ?? 1); made++) await call(pace);
			}
		};
		await Promise.all(Array.from({ length: Math.min(pace.workers, options.items) }, worker));
		return pace.state();
	}

	const states = await clock.run(
		Promise.all(Array.from({ length: options.runs ?? 1 }, (_, index) => run(index))),
	);
	return { ms: clock.now() - started, ...counts, state: states[0], states };
}

module.exports = { VirtualClock, runPaceModel };
