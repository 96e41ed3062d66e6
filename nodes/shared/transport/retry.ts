/** When a request is tried again, and how long to wait before it. */

/** Backoff between attempts: 0.5 s doubling, at most 15 s (a Retry-After, up to a minute, takes precedence). */
const BACKOFF_BASE_MS = 500;
const BACKOFF_CAP_MS = 15_000;

/** Statuses that mean "not done, try again later"; every other 4xx is final. */
export const RETRYABLE_STATUSES = new Set([429, 502, 503, 504]);
/** Of those, the ones after which SortedPRO certainly did nothing (safe even for a create). */
export const NOT_PROCESSED_STATUSES = new Set([429, 503]);
/** Network failures worth another attempt. */
export const RETRYABLE_NETWORK_CODES = new Set([
	'ECONNRESET',
	'ECONNABORTED',
	'ETIMEDOUT',
	'ESOCKETTIMEDOUT',
	'EPIPE',
	'ECONNREFUSED',
	'EAI_AGAIN',
]);

/** Exponential backoff with full jitter, so parallel items do not retry in lockstep. */
export function backoffMs(attempt: number): number {
	return Math.random() * Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** (attempt - 1));
}

/** The longest a 429 is waited out: SortedPRO asking for longer fails the item instead of waiting hours. */
export const RETRY_AFTER_CAP_MS = 60_000;
/**
 * The shortest wait after a 429, whatever Retry-After says (nothing, 0, a negative number, a date
 * in the past, nonsense), plus up to as much again of jitter: an item never floods SortedPRO.
 */
export const RATE_LIMIT_FLOOR_MS = 500;

/** Milliseconds Retry-After asks for (seconds or an HTTP date), as sent; undefined when unreadable. */
export function askedMs(headers: Record<string, unknown> | undefined): number | undefined {
	const raw = headers?.['retry-after'];
	const value = String(Array.isArray(raw) ? raw[0] : (raw ?? '')).trim();
	if (!value) return undefined;
	const seconds = Number(value);
	const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(value) - Date.now();
	return Number.isFinite(ms) ? ms : undefined;
}

/**
 * How long to wait after a 429: what SortedPRO asked, but never less than RATE_LIMIT_FLOOR_MS
 * (with jitter); `tooLong` when it asked for more than RETRY_AFTER_CAP_MS, which is not waited out.
 */
export function rateLimitWait(headers: Record<string, unknown> | undefined): {
	waitMs: number;
	tooLong: boolean;
} {
	const ms = askedMs(headers);
	if (ms !== undefined && ms > RETRY_AFTER_CAP_MS)
		return { waitMs: RETRY_AFTER_CAP_MS, tooLong: true };
	if (ms === undefined || ms < RATE_LIMIT_FLOOR_MS)
		return { waitMs: RATE_LIMIT_FLOOR_MS * (1 + Math.random()), tooLong: false };
	return { waitMs: ms, tooLong: false };
}
