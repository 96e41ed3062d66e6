/** Which answers the transport accepts, and how error answers are read (shared/transport/answer.ts). */
import {
	MAX_ANSWER_CHARS,
	MAX_ANSWER_DEPTH,
	describeAnswer,
	nestsDeeperThan,
	parseErrorAnswer,
	parseSuccessAnswer,
} from '../../../../nodes/shared/transport/answer';

const nested = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);

describe('parseSuccessAnswer', () => {
	test('a JSON object or array is accepted as parsed', () => {
		expect(parseSuccessAnswer('{"A":1}', 'application/json')).toEqual({ ok: true, body: { A: 1 } });
		expect(parseSuccessAnswer('[1]', '')).toEqual({ ok: true, body: [1] });
	});

	test('an empty answer only where the call allows one; a JSON string only where it allows one', () => {
		expect(parseSuccessAnswer('', '', 'jsonOrEmpty')).toEqual({ ok: true, body: undefined });
		expect(parseSuccessAnswer('  ', '')).toEqual({ ok: false, problem: 'an empty answer' });
		expect(parseSuccessAnswer('"Allocated"', '', 'jsonOrText')).toEqual({
			ok: true,
			body: 'Allocated',
		});
		expect(parseSuccessAnswer('"Allocated"', '')).toEqual({
			ok: false,
			problem: 'the JSON value "Allocated"',
		});
		expect(parseSuccessAnswer('true', '')).toEqual({ ok: false, problem: 'the JSON value true' });
	});

	test('a bare number only where the call allows one (a count)', () => {
		expect(parseSuccessAnswer('42', '', 'jsonOrNumber')).toEqual({ ok: true, body: 42 });
		expect(parseSuccessAnswer('42', '')).toEqual({ ok: false, problem: 'the JSON value 42' });
		expect(parseSuccessAnswer('"42"', '', 'jsonOrNumber')).toEqual({
			ok: false,
			problem: 'the JSON value "42"',
		});
	});

	test('HTML, XML and plain text are named for what they are', () => {
		expect(parseSuccessAnswer('<html><body>Sign in</body></html>', 'text/html')).toEqual({
			ok: false,
			problem: 'an HTML page, likely a login or proxy page',
		});
		expect(describeAnswer('<!DOCTYPE html><p>x', '')).toBe(
			'an HTML page, likely a login or proxy page',
		);
		expect(describeAnswer('<?xml version="1.0"?><a/>', 'application/xml')).toBe('an XML document');
		expect(parseSuccessAnswer('OK', 'text/plain')).toEqual({
			ok: false,
			problem: 'plain text ("OK")',
		});
		expect(describeAnswer('x'.repeat(100), '')).toBe(`plain text ("${'x'.repeat(60)}…")`);
	});

	test(`nesting deeper than ${MAX_ANSWER_DEPTH} levels is refused before parsing; brackets inside strings do not count`, () => {
		expect(nestsDeeperThan(nested(MAX_ANSWER_DEPTH), MAX_ANSWER_DEPTH)).toBe(false);
		expect(nestsDeeperThan(nested(MAX_ANSWER_DEPTH + 1), MAX_ANSWER_DEPTH)).toBe(true);
		expect(nestsDeeperThan(`["${'['.repeat(500)}\\"${'{'.repeat(500)}"]`, MAX_ANSWER_DEPTH)).toBe(
			false,
		);
		expect(parseSuccessAnswer(nested(5000), 'application/json')).toEqual({
			ok: false,
			problem: `JSON nested more than ${MAX_ANSWER_DEPTH} levels deep`,
		});
	});

	test('an answer over the size cap is refused', () => {
		const huge = `"${'a'.repeat(MAX_ANSWER_CHARS)}"`;
		expect(parseSuccessAnswer(huge, 'application/json')).toEqual({
			ok: false,
			problem: 'an answer of more than 64 MB',
		});
	});
});

describe('parseErrorAnswer', () => {
	test("JSON when it is JSON, otherwise the text; deep JSON stays text for the error mapper's excerpt", () => {
		expect(parseErrorAnswer('{"Message":"No"}')).toEqual({ Message: 'No' });
		expect(parseErrorAnswer('<h1>502</h1>')).toBe('<h1>502</h1>');
		expect(parseErrorAnswer('')).toBeUndefined();
		expect(typeof parseErrorAnswer(nested(5000))).toBe('string');
	});
});
