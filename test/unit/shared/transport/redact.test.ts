/** How the transport redacts the API key from whatever comes back (shared/transport/redact.ts). */
import { REDACTED, keyRedactor } from '../../../../nodes/shared/transport/redact';

describe('keyRedactor', () => {
	const key = 'Ab12 cd/34+ef"56';
	const redact = keyRedactor(key);

	test.each([
		['as sent', key],
		['in another letter case', key.toUpperCase()],
		['URL-encoded', encodeURIComponent(key)],
		['URL-encoded with + for the space', encodeURIComponent(key).replace(/%20/g, '+')],
		['JSON-escaped', JSON.stringify(key).slice(1, -1)],
		['HTML-escaped', key.replace(/"/g, '&quot;')],
	])('replaces the key %s, every time it occurs', (_form, echoed) => {
		expect(redact(`key=${echoed}; again: ${echoed}.`)).toBe(`key=${REDACTED}; again: ${REDACTED}.`);
	});

	test('leaves other text alone, and without a key redacts nothing', () => {
		expect(redact('nothing secret here')).toBe('nothing secret here');
		expect(keyRedactor('')('abc')).toBe('abc');
		expect(keyRedactor(undefined)('abc')).toBe('abc');
	});

	test('a key with regular-expression characters is matched literally', () => {
		expect(keyRedactor('a.b*c')('a.b*c axbbc')).toBe(`${REDACTED} axbbc`);
	});
});
