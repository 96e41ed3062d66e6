/** What stands in for the API key wherever a server echoed it. */
export const REDACTED = '[redacted]';

/** A function that replaces every occurrence of the API key in a text. */
export type Redactor = (text: string) => string;

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const htmlEscaped = (text: string) =>
	text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * Builds the redactor for one API key. A gateway or an error page may echo the key as
 * sent, URL-encoded (with %20 or + for a space), JSON-escaped or HTML-escaped, in any
 * letter case: every such form becomes "[redacted]". Without a key nothing is replaced.
 */
export function keyRedactor(apiKey: unknown): Redactor {
	const key = typeof apiKey === 'string' ? apiKey.trim() : '';
	if (!key) return (text) => text;
	let urlEncoded: string;
	try {
		urlEncoded = encodeURIComponent(key);
	} catch {
		urlEncoded = key; // a key with a lone surrogate has no URL-encoded form
	}
	const forms = new Set([
		key,
		urlEncoded,
		urlEncoded.replace(/%20/g, '+'),
		JSON.stringify(key).slice(1, -1),
		htmlEscaped(key),
	]);
	// Longest first, so a longer form is not half-replaced by a shorter one inside it.
	const pattern = new RegExp(
		[...forms]
			.sort((a, b) => b.length - a.length)
			.map(escapeRegExp)
			.join('|'),
		'gi',
	);
	return (text) => {
		pattern.lastIndex = 0;
		return pattern.test(text) ? text.replace(pattern, REDACTED) : text;
	};
}
