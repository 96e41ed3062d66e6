/**
 * How one run talks to SortedPRO, composed here and nowhere else: the credential (read once
 * per execution), the redactor for its key, and, for a node run, the run's Pace. Every
 * request is made with the settings this returns.
 */
import { readSortedProCredentials } from './attempt';
import type { RequestContext } from './attempt';
import { Pace } from './pace';
import { keyRedactor } from './redact';
import type { RequestSettings } from './request';

/** Attempts per request (the first included) and the wait for one answer, unless a run says otherwise. */
export const DEFAULT_MAX_ATTEMPTS = 5;
export const DEFAULT_TIMEOUT_MS = 30_000;

export interface RunRequestOptions {
	maxAttempts?: number;
	timeoutMs?: number;
	/**
	 * A node run's limiter: `auto` adapts to SortedPRO (transport/pace.ts), a number keeps at
	 * most that many requests in flight. Without one (a drop-down, a trigger's poll), requests
	 * are not paced and rate-limit refusals count as attempts: nobody waits minutes for a list.
	 */
	pace?: 'auto' | number;
	/**
	 * Auto's number in flight at the start: list calls are few and start together (at most
	 * transport/pace.ts's ceiling); one call per item starts at Auto's own start.
	 */
	paceStart?: number;
	/** When every call of the run must be over (RequestSettings.deadline). */
	deadline?: number;
}

/** The request settings of one run, from the node's credential and the run's options. */
export async function requestSettings(
	context: RequestContext,
	options: RunRequestOptions = {},
): Promise<RequestSettings> {
	const credentials = await readSortedProCredentials(context);
	return {
		maxAttempts: options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
		timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
		credentials,
		redact: keyRedactor(credentials.apiKey),
		deadline: options.deadline,
		// One Pace per node run: its items share it, and nothing outlives the execution.
		pace:
			options.pace === undefined
				? undefined
				: new Pace(
						options.pace === 'auto' ? { start: options.paceStart } : { fixed: options.pace },
					),
	};
}
