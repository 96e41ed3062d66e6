/** The credential's base URL rules (credentials/SortedProApi.credentials.ts). */
import { sortedProBaseUrl } from '../../../credentials/SortedProApi.credentials';

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
