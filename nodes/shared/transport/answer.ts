/**
 * What the transport accepts as an answer from SortedPRO, and how it names what it
 * refuses. Pure functions of the answer's text: no n8n, no requests.
 */

/** The largest answer read (64 MiB): SortedPRO's largest answers, label files, are far smaller. */
export const MAX_ANSWER_CHARS = 64 * 1024 * 1024;

/** The deepest nesting of objects and arrays accepted; SortedPRO's answers nest a few levels. */
export const MAX_ANSWER_DEPTH = 100;

/** Whether JSON text nests objects or arrays deeper than `max` (strings are skipped). */
export function nestsDeeperThan(text: string, max: number): boolean {
	let depth = 0;
	let inString = false;
	for (let index = 0; index < text.length; index++) {
		const char = text.charCodeAt(index);
		if (inString) {
			if (char === 0x5c)
				index++; // backslash: skip the escaped character
			else if (char === 0x22) inString = false;
		} else if (char === 0x22) {
			inString = true;
		} else if (char === 0x7b || char === 0x5b) {
			if (++depth > max) return true;
		} else if (char === 0x7d || char === 0x5d) {
			depth--;
		}
	}
	return false;
}

/** A short, user-facing description of an answer that is not the JSON SortedPRO sends. */
export function describeAnswer(text: string, contentType: string): string {
	const trimmed = text.trim();
	if (/html/i.test(contentType) || /^<(!doctype html|html|head|body)\b/i.test(trimmed)) {
		return 'an HTML page, likely a login or proxy page';
	}
	if (/^</.test(trimmed)) return 'an XML document';
	const excerpt = trimmed.replace(/\s+/g, ' ').slice(0, 60);
	return `plain text ("${excerpt}${trimmed.length > 60 ? '…' : ''}")`;
}

export type ParsedAnswer = { ok: true; body: unknown } | { ok: false; problem: string };

/**
 * Parses a successful (2xx) answer's text. SortedPRO answers with a JSON object or
 * array; a few calls answer with nothing at all, or a JSON string (a state). Anything
 * else is refused and named.
 */
/** What a call's successful answer may be besides a JSON object or array. */
/** 'jsonOrNumber': also a bare JSON number (a count). */
export type AnswerShape = 'json' | 'jsonOrEmpty' | 'jsonOrText' | 'jsonOrNumber';

export function parseSuccessAnswer(
	text: string,
	contentType: string,
	shape: AnswerShape = 'json',
): ParsedAnswer {
	if (text.length > MAX_ANSWER_CHARS) {
		return { ok: false, problem: `an answer of more than ${MAX_ANSWER_CHARS / 1024 / 1024} MB` };
	}
	if (text.trim() === '') {
		return shape === 'jsonOrEmpty'
			? { ok: true, body: undefined }
			: { ok: false, problem: 'an empty answer' };
	}
	if (nestsDeeperThan(text, MAX_ANSWER_DEPTH)) {
		return { ok: false, problem: `JSON nested more than ${MAX_ANSWER_DEPTH} levels deep` };
	}
	let body: unknown;
	try {
		body = JSON.parse(text) as unknown;
	} catch {
		return { ok: false, problem: describeAnswer(text, contentType) };
	}
	if (shape === 'jsonOrText' && typeof body === 'string') return { ok: true, body };
	if (shape === 'jsonOrNumber' && typeof body === 'number') return { ok: true, body };
	if (typeof body !== 'object' || body === null) {
		return { ok: false, problem: `the JSON value ${JSON.stringify(body)?.slice(0, 60)}` };
	}
	return { ok: true, body };
}

/**
 * Parses an error (non-2xx) answer's text for the error mapper: JSON when it is JSON,
 * otherwise the text itself, at most `MAX_ANSWER_CHARS` of it.
 */
export function parseErrorAnswer(text: string): unknown {
	if (text.trim() === '') return undefined;
	if (text.length <= MAX_ANSWER_CHARS && !nestsDeeperThan(text, MAX_ANSWER_DEPTH)) {
		try {
			return JSON.parse(text) as unknown;
		} catch {
			// a gateway's HTML or plain-text page
		}
	}
	return text.slice(0, MAX_ANSWER_CHARS);
}
