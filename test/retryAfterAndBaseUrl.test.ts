/** Pure rules at the bottom of the node: Retry-After, and the credential's base URL. */
import { sortedProBaseUrl } from '../credentials/SortedProApi.credentials';
import { retryAfterMs } from '../nodes/shared/transport/retry';

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

describe('sortedProBaseUrl', () => {
	test.each([
		[{ environment: 'production' }, 'https://api.electioapp.com'],
		[{}, 'https://api.electioapp.com'],
		[{ environment: 'sandbox' }, 'https://apisandbox.electioapp.com'],
		[
			{ environment: 'custom', baseUrl: ' https://proxy.example.com/sortedpro/ ' },
			'https://proxy.example.com/sortedpro',
		],
		[{ environment: 'custom', baseUrl: 'http://127.0.0.1:4010' }, 'http://127.0.0.1:4010'],
		[{ environment: 'custom', baseUrl: 'http://[::1]:4010/' }, 'http://[::1]:4010'],
	])('%j resolves to %s', (credentials, expected) => {
		expect(sortedProBaseUrl(credentials)).toBe(expected);
	});

	test.each([
		[{ environment: 'staging' }, 'unknown Environment "staging"'],
		[{ environment: '__proto__' }, 'unknown Environment "__proto__"'],
		[{ environment: 'custom', baseUrl: 'http://api.electioapp.com' }, 'must start with https://'],
		[{ environment: 'custom', baseUrl: 'ftp://localhost' }, 'must start with https://'],
		[{ environment: 'custom', baseUrl: 'localhost:4010' }, 'must start with https://'],
		[{ environment: 'custom', baseUrl: 'not a url' }, 'is not a valid URL'],
		[
			{ environment: 'custom', baseUrl: 'https://user@api.electioapp.com' },
			'must not contain a query, a fragment or a user name',
		],
		[
			{ environment: 'custom', baseUrl: 'https://api.electioapp.com/#x' },
			'must not contain a query, a fragment or a user name',
		],
	])('%j is refused', (credentials, message) => {
		expect(() => sortedProBaseUrl(credentials)).toThrow(message);
	});
});
