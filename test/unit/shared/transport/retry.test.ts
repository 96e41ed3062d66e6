/** How long a 429's Retry-After asks to wait (shared/transport/retry.ts). */
import { retryAfterMs } from '../../../../nodes/shared/transport/retry';

describe('retryAfterMs', () => {
	test('seconds, capped at a minute; nothing or nonsense is undefined', () => {
		expect(retryAfterMs({ 'retry-after': '3' })).toBe(3000);
		expect(retryAfterMs({ 'retry-after': ['2'] })).toBe(2000);
		expect(retryAfterMs({ 'retry-after': '0' })).toBe(0);
		expect(retryAfterMs({ 'retry-after': '3600' })).toBe(60_000);
		expect(retryAfterMs({})).toBeUndefined();
		expect(retryAfterMs(undefined)).toBeUndefined();
		expect(retryAfterMs({ 'retry-after': 'soon' })).toBeUndefined();
	});

	test('an HTTP date: the time until then, never negative', () => {
		const inTenSeconds = new Date(Date.now() + 10_000).toUTCString();
		const wait = retryAfterMs({ 'retry-after': inTenSeconds }) ?? -1;
		// toUTCString drops the milliseconds, so the wait is up to a second shorter.
		expect(wait).toBeGreaterThan(8_000);
		expect(wait).toBeLessThanOrEqual(10_000);
		expect(retryAfterMs({ 'retry-after': 'Wed, 21 Oct 2015 07:28:00 GMT' })).toBe(0);
	});
});
