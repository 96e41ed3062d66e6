/** How long a 429's Retry-After asks to wait, and how long the node waits (shared/transport/retry.ts). */
import {
	RATE_LIMIT_FLOOR_MS,
	RETRY_AFTER_CAP_MS,
	askedMs,
	rateLimitWait,
} from '../../../../nodes/shared/transport/retry';

describe('askedMs', () => {
	test('seconds as sent, however large; nothing or nonsense is undefined', () => {
		expect(askedMs({ 'retry-after': '3' })).toBe(3000);
		expect(askedMs({ 'retry-after': ['2'] })).toBe(2000);
		expect(askedMs({ 'retry-after': '0' })).toBe(0);
		expect(askedMs({ 'retry-after': '3600' })).toBe(3_600_000);
		expect(askedMs({})).toBeUndefined();
		expect(askedMs(undefined)).toBeUndefined();
		expect(askedMs({ 'retry-after': 'soon' })).toBeUndefined();
	});

	test('an HTTP date: the time until then, negative when it is past', () => {
		const inTenSeconds = new Date(Date.now() + 10_000).toUTCString();
		const wait = askedMs({ 'retry-after': inTenSeconds }) ?? -1;
		// toUTCString drops the milliseconds, so the wait is up to a second shorter.
		expect(wait).toBeGreaterThan(8_000);
		expect(wait).toBeLessThanOrEqual(10_000);
		expect(askedMs({ 'retry-after': 'Wed, 21 Oct 2015 07:28:00 GMT' })).toBeLessThan(0);
	});
});

describe('rateLimitWait', () => {
	test.each([['0'], ['-5'], ['0.1'], ['Wed, 21 Oct 2015 07:28:00 GMT'], ['soon'], [undefined]])(
		'Retry-After %s: half a second to a second, never less',
		(retryAfter) => {
			const headers = retryAfter === undefined ? {} : { 'retry-after': retryAfter };
			for (let draw = 0; draw < 20; draw++) {
				const { waitMs, tooLong } = rateLimitWait(headers);
				expect(tooLong).toBe(false);
				expect(waitMs).toBeGreaterThanOrEqual(RATE_LIMIT_FLOOR_MS);
				expect(waitMs).toBeLessThan(2 * RATE_LIMIT_FLOOR_MS);
			}
		},
	);

	test('what SortedPRO asked, up to a minute; more is too long to wait out', () => {
		expect(rateLimitWait({ 'retry-after': '3' })).toEqual({ waitMs: 3000, tooLong: false });
		expect(rateLimitWait({ 'retry-after': '60' })).toEqual({ waitMs: 60_000, tooLong: false });
		expect(rateLimitWait({ 'retry-after': '61' })).toEqual({
			waitMs: RETRY_AFTER_CAP_MS,
			tooLong: true,
		});
	});
});
