/**
 * Issue "the API key reaches SortedPRO and nowhere else": redirects are never followed
 * with the key, an echoed key is redacted from everything a run leaves behind, answers
 * that are not SortedPRO's JSON are errors, work is bounded, and odd input is refused
 * before anything is sent. Runs in n8n-core's engine with nock and loopback servers.
 */
import nock from 'nock';
import { sleep } from 'n8n-workflow';

import {
	PRODUCTION,
	TEST_API_KEY,
	operationWorkflow,
	references,
	runCredentialTest,
	runWorkflow,
	searchList,
	visibleText,
} from '../helpers/engine';
import type { WorkflowRun } from '../helpers/engine';
import { startLoopback } from '../helpers/local';
import type { Loopback } from '../helpers/local';
import { listResult, sortedPro } from '../helpers/sortedPro';
import { smallPdf } from '../../simulator/files';

const group = { serviceGroup: { __rl: true, mode: 'id', value: 'NEXTDAY' } };
const allocate = (options: Record<string, number | boolean> = {}, settings = {}) =>
	operationWorkflow('allocation', 'allocateWithServiceGroup', { ...group, options }, settings);
const allocatePath = (reference: string) =>
	`/allocation/${reference}/allocatewithservicegroup/NEXTDAY`;
const continueOnFail = { onError: 'continueRegularOutput' as const };
const custom = (baseUrl: string, apiKey = TEST_API_KEY) => ({
	sortedProApi: { apiKey, environment: 'custom', baseUrl },
});
/** Everything a user or an operator could see of a run. */
const everything = ({ run, output, error, logs }: WorkflowRun) =>
	visibleText({ run, output, error, logs });

let target: Loopback;

beforeAll(async () => {
	nock.enableNetConnect('127.0.0.1');
	// Where a hostile redirect points: it must never be reached.
	target = await startLoopback((_request, response) => response.end('{"CarrierName":"Stolen"}'));
});

afterEach(() => {
	target.received.length = 0;
});

afterAll(async () => {
	await target.close();
});

describe('redirects are never followed with the key', () => {
	test.each([301, 302, 303, 307, 308])(
		'HTTP %i from a custom Base URL to another port is an error; the target gets nothing',
		async (status) => {
			const redirecting = await startLoopback((_request, response) => {
				response.writeHead(status, {
					Location: `${target.url}/allocation/EC-1/allocatewithservicegroup/NEXTDAY`,
				});
				response.end();
			});
			try {
				const result = await runWorkflow(allocate(), references('EC-1'), custom(redirecting.url));

				expect(redirecting.received).toHaveLength(1);
				expect(target.received).toHaveLength(0);
				expect(result.output).toBeUndefined();
				expect(result.error?.message).toBe(
					`Could not allocate consignment EC-1 with service group NEXTDAY: the address answered with a redirect to ${target.url} (HTTP ${status}). The redirect was not followed and the API key was not sent there.`,
				);
				expect(result.error?.description).toContain('Check the Environment');
			} finally {
				await redirecting.close();
			}
		},
	);

	test('from Production to plain http on another host: an error item with On Error: Continue, the key stays home', async () => {
		const api = sortedPro()
			.put(allocatePath('EC-1'))
			.reply(302, '', { Location: `${target.url}/steal` });

		const { output } = await runWorkflow(allocate({}, continueOnFail), references('EC-1'));

		expect(api.isDone()).toBe(true);
		expect(target.received).toHaveLength(0);
		expect(output?.[0].json).toMatchObject({ consignmentReference: 'EC-1', httpStatus: 302 });
		expect(output?.[0].json.error).toContain(`redirect to ${target.url}`);
		expect(output?.[0].json.CarrierName).toBeUndefined();
	});

	test('a relative redirect is named as another path and not followed', async () => {
		const api = sortedPro()
			.put(allocatePath('EC-1'))
			.reply(307, '', { Location: '/login?next=/allocation' });

		const { error } = await runWorkflow(allocate(), references('EC-1'));

		expect(api.isDone()).toBe(true);
		expect(error?.message).toContain(
			'a redirect to another path (/login?next=/allocation) (HTTP 307)',
		);
	});

	test('the service-group drop-down does not follow a redirect', async () => {
		const api = nock(PRODUCTION)
			.get('/servicegroups')
			.reply(302, '', { Location: `${target.url}/servicegroups` });

		await expect(searchList('searchServiceGroups')).rejects.toThrow(`redirect to ${target.url}`);
		expect(api.isDone()).toBe(true);
		expect(target.received).toHaveLength(0);
	});

	test("the credential's Test button does not follow a redirect", async () => {
		const api = nock(PRODUCTION)
			.get('/servicegroups')
			.reply(301, '', { Location: `${target.url}/servicegroups` });

		const result = await runCredentialTest({ apiKey: TEST_API_KEY, environment: 'production' });

		expect(api.isDone()).toBe(true);
		expect(target.received).toHaveLength(0);
		expect(result.status).toBe('Error');
		expect(result.message).toContain(
			'The address answered with a redirect (HTTP 301), which was not followed',
		);
	});
});

describe('an echoed key is redacted everywhere', () => {
	// A key with characters that change when URL-encoded, so both forms are checked.
	const key = 'Sk3y/with+odd chars&9f27c0de';
	const echoForms = [key, encodeURIComponent(key), key.toUpperCase()];
	const echoing = (
		status: number,
		body: (headers: Record<string, unknown>) => unknown,
		contentType = 'application/json',
	) =>
		nock(PRODUCTION)
			.put(allocatePath('EC-1'))
			// nock hands a reply function the request itself, headers and all.
			.reply((request: Request) => {
				const text = body(Object.fromEntries(request.headers.entries()));
				return [
					status,
					typeof text === 'string' ? text : JSON.stringify(text),
					{ 'Content-Type': contentType },
				];
			});
	const expectNoKey = (seen: string) => {
		for (const form of [...echoForms, JSON.stringify(key).slice(1, -1)])
			expect(seen).not.toContain(form);
		expect(seen).toContain('[redacted]');
	};

	test.each([
		[
			'a gateway 401 that quotes the key',
			401,
			(headers: Record<string, unknown>) => ({
				statusCode: 401,
				message: `Access denied for key ${String(headers['ocp-apim-subscription-key'])}`,
			}),
		],
		[
			'a SortedPRO 400 whose details repeat the key, URL-encoded',
			400,
			() => ({
				Message: `Bad key ${encodeURIComponent(key)}`,
				Details: [{ Target: 'Key', Message: key }],
				CorrelationId: key,
			}),
		],
		[
			'a 500 that dumps the request headers',
			500,
			(headers: Record<string, unknown>) => ({ Message: 'Internal error', request: headers }),
		],
		[
			'a gateway HTML page in upper case',
			502,
			() => `<html><body><h1>Bad gateway</h1><pre>KEY=${key.toUpperCase()}</pre></body></html>`,
		],
	])(
		'%s: not in the error, its description, its stored answer or the log',
		async (_case, status, body) => {
			echoing(status, body, typeof body({}) === 'string' ? 'text/html' : 'application/json');

			const result = await runWorkflow(
				allocate({ maxAttempts: 1 }),
				references('EC-1'),
				custom('https://api.electioapp.com', key),
			);

			expect(result.error?.message).toContain('Could not allocate consignment EC-1');
			expectNoKey(everything(result));
		},
	);

	test('with On Error: Continue the error item is redacted too', async () => {
		echoing(400, (headers) => ({
			Message: `Unknown subscription ${String(headers['ocp-apim-subscription-key'])}`,
		}));

		const result = await runWorkflow(
			allocate({}, continueOnFail),
			references('EC-1'),
			custom('https://api.electioapp.com', key),
		);

		expect(result.output?.[0].json.error).toBe(
			'Could not allocate consignment EC-1 with service group NEXTDAY: Unknown subscription [redacted] (HTTP 400)',
		);
		expectNoKey(everything(result));
	});

	test('a successful answer that echoes the key is output with the key redacted', async () => {
		echoing(200, (headers) => ({
			CarrierName: 'Carrier X',
			Description: `sent with ${String(headers['ocp-apim-subscription-key'])}`,
		}));

		const result = await runWorkflow(
			allocate(),
			references('EC-1'),
			custom('https://api.electioapp.com', key),
		);

		expect(result.output?.[0].json).toMatchObject({
			CarrierName: 'Carrier X',
			Description: 'sent with [redacted]',
		});
		expectNoKey(everything(result));
	});

	test('an error keeps only an excerpt of a long answer', async () => {
		sortedPro()
			.put(allocatePath('EC-1'))
			.reply(400, { Message: 'No', Padding: 'x'.repeat(50_000) });

		const result = await runWorkflow(allocate(), references('EC-1'));

		expect(result.error?.message).toBe(
			'Could not allocate consignment EC-1 with service group NEXTDAY: No (HTTP 400)',
		);
		expect(everything(result).length).toBeLessThan(30_000);
	});
});

describe("answers that are not SortedPRO's JSON are errors", () => {
	test.each([
		[
			'an HTML login page',
			'<!DOCTYPE html><html><body><form>Sign in</form></body></html>',
			'text/html',
			'an HTML page, likely a login or proxy page',
		],
		['plain "OK"', 'OK', 'text/plain', 'plain text ("OK")'],
		['nothing at all', '', 'application/json', 'an empty answer'],
		['a bare JSON number', '42', 'application/json', 'the JSON value 42'],
	])('a 200 with %s is not an allocation', async (_case, body, contentType, problem) => {
		sortedPro().put(allocatePath('EC-1')).reply(200, body, { 'Content-Type': contentType });

		const { output } = await runWorkflow(allocate({}, continueOnFail), references('EC-1'));

		expect(output?.[0].json).toMatchObject({
			error: `Could not allocate consignment EC-1 with service group NEXTDAY: the answer (HTTP 200) was ${problem}, not SortedPRO's JSON`,
			consignmentReference: 'EC-1',
			httpStatus: 200,
		});
		expect(output?.[0].json.errorDescription).toContain('Nothing from this answer was used');
	});

	test('an answer nested 5,000 levels deep is a clear error, and the run can still be stored', async () => {
		const deep = '['.repeat(5000) + ']'.repeat(5000);
		sortedPro()
			.put(allocatePath('EC-1'))
			.reply(200, deep)
			.put(allocatePath('EC-2'))
			.reply(400, deep);

		const result = await runWorkflow(allocate({}, continueOnFail), references('EC-1', 'EC-2'));

		expect(result.output?.[0].json.error).toContain('was JSON nested more than 100 levels deep');
		expect(result.output?.[1].json.error).toContain('(HTTP 400)');
		expect(() => JSON.stringify(result.run)).not.toThrow();
	});

	test('in a batch answer only IsSuccess true is a success; "false", 0, null or a missing value fail that item', async () => {
		const api = sortedPro()
			.put('/allocation/allocatewithservicegroup')
			.reply(200, [
				listResult('EC-1'),
				{ ...listResult('EC-2'), IsSuccess: 'false', Message: 'Refused as text' },
				{ ...listResult('EC-3'), IsSuccess: 0, Message: 'Refused as zero' },
				{ ...listResult('EC-4'), IsSuccess: null, Message: 'Refused as null' },
				{ ...listResult('EC-5'), IsSuccess: 'true', Message: 'Not really' },
			]);

		const { output } = await runWorkflow(
			allocate({ sendInBatches: true }, continueOnFail),
			references('EC-1', 'EC-2', 'EC-3', 'EC-4', 'EC-5'),
		);

		expect(api.isDone()).toBe(true);
		expect(output?.map((item) => item.json.error ?? 'allocated')).toEqual([
			'allocated',
			'Could not allocate consignment EC-2 with service group NEXTDAY: Refused as text',
			'Could not allocate consignment EC-3 with service group NEXTDAY: Refused as zero',
			'Could not allocate consignment EC-4 with service group NEXTDAY: Refused as null',
			'Could not allocate consignment EC-5 with service group NEXTDAY: Not really',
		]);
	});
});

describe('bounded work', () => {
	const page = (from: number, count = 100) =>
		Array.from({ length: count }, (_unused, index) => ({
			ConsignmentReference: `EC-${from + index}`,
			State: 'Allocated',
		}));
	const getMany = (parameters = {}) =>
		operationWorkflow('consignment', 'getAll', { returnAll: true, ...parameters });

	test('Get Many stops when SortedPRO repeats a page instead of paging', async () => {
		let calls = 0;
		nock(PRODUCTION)
			.get(/^\/consignments\/100\/\d+/)
			.times(10)
			.reply(() => {
				calls++;
				return [200, page(0)];
			});

		const { output, error } = await runWorkflow(getMany(), [{}]);

		expect(error).toBeUndefined();
		expect(calls).toBe(2);
		expect(output).toHaveLength(100);
		expect(new Set(output?.map((item) => item.json.ConsignmentReference)).size).toBe(100);
	});

	test('Get Many with Return All reads at most 500 pages, then says how to narrow the search', async () => {
		let calls = 0;
		nock(PRODUCTION)
			.get(/^\/consignments\/100\/\d+/)
			.times(600)
			.reply((request: Request) => {
				calls++;
				return [200, page(Number(/\/100\/(\d+)/.exec(request.url)?.[1]))];
			});

		const { error } = await runWorkflow(getMany(), [{}]);

		expect(calls).toBe(500);
		expect(error?.message).toBe(
			'The consignment search in item 0 matches more than 50000 consignments',
		);
		expect(error?.description).toContain('Narrow the search with Filters');
	});

	test('Request Timeout bounds the whole attempt: a server trickling its answer is cut off', async () => {
		const trickling = await startLoopback(async (_request, response) => {
			response.writeHead(200, { 'Content-Type': 'application/json' });
			response.write('{"CarrierName":"');
			// One byte every 100 ms for 10 s: never idle long, never done within a second.
			for (let sent = 0; sent < 100 && !response.destroyed; sent++) {
				await sleep(100);
				response.write('x');
			}
			if (!response.destroyed) response.end('"}');
		});
		try {
			const { error } = await runWorkflow(
				allocate({ timeoutSeconds: 1, maxAttempts: 1 }),
				references('EC-1'),
				custom(trickling.url),
			);

			expect(error?.message).toBe(
				'Could not allocate consignment EC-1 with service group NEXTDAY: SortedPRO did not answer in time',
			);
			await sleep(200);
			expect(trickling.abortedAnswers).toBe(1);
		} finally {
			await trickling.close();
		}
	});
});

describe('odd input is refused before anything is sent', () => {
	// The network is closed and nothing is intercepted: any request would fail differently.
	test('a label Format from an expression must be one of the offered values', async () => {
		const { error } = await runWorkflow(
			operationWorkflow('label', 'get', { format: '={{ ".." }}' }),
			references('EC-1'),
		);

		expect(error?.message).toBe('"Format" in item 0 is "..", which is not a label format');
		expect(error?.description).toContain('Nothing was sent to SortedPRO');
	});

	test('a label File of "A" is not a label', async () => {
		sortedPro().get('/labels/EC-1/PDF').reply(200, { File: 'A', ContentType: 'application/pdf' });

		const { error } = await runWorkflow(
			operationWorkflow('label', 'get', { format: 'PDF' }),
			references('EC-1'),
		);

		expect(error?.message).toBe(
			"Could not get the label of consignment EC-1: SortedPRO's answer held a label file that is not valid base64",
		);
	});

	test('a label file is named safely and stored under its format, not the MIME type SortedPRO sent', async () => {
		const packageReference = 'EP-1\u202Efdp.exe/..\u0007';
		sortedPro()
			.get(`/labels/package/EC-1/${encodeURIComponent(packageReference)}/PDF`)
			.reply(200, { File: smallPdf().toString('base64'), ContentType: 'text/html' });

		const { output } = await runWorkflow(
			operationWorkflow('label', 'get', { format: 'PDF', labelFor: 'package', packageReference }),
			references('EC-1'),
		);

		expect(output?.[0].json).toMatchObject({
			fileName: 'EP-1fdp.exe_...pdf',
			ContentType: 'application/pdf',
		});
		expect(output?.[0].binary?.data).toMatchObject({
			mimeType: 'application/pdf',
			fileName: 'EP-1fdp.exe_...pdf',
		});
	});

	test.each([
		['invalid', '{ "Packages": [', '"JSON Body" in item 0 is not valid JSON'],
		['empty', '', '"JSON Body" is empty in item 0'],
	])('an %s JSON Body names the field and the item', async (_case, jsonBody, message) => {
		const { error } = await runWorkflow(
			operationWorkflow('consignment', 'create', { inputMode: 'json', jsonBody }),
			[{}],
		);

		expect(error?.message).toContain(message);
		expect(error?.description).toContain('Nothing was sent to SortedPRO');
	});

	test('a JSON Body with a broken character names where it is', async () => {
		const { error } = await runWorkflow(
			operationWorkflow('consignment', 'create', {
				inputMode: 'json',
				jsonBody: '{ "Tags": ["\\ud83d"] }',
			}),
			[{}],
		);

		expect(error?.message).toBe('"JSON Body > Tags > 0" in item 0 contains a broken character');
	});

	test('a reference with a lone surrogate (half an emoji) names the field and the item', async () => {
		const { error } = await runWorkflow(allocate(), [{ reference: 'EC-1\ud83d' }]);

		expect(error?.message).toBe('"Consignment Reference" in item 0 contains a broken character');
	});

	test('a package weight of Infinity is refused', async () => {
		const { error } = await runWorkflow(
			operationWorkflow('consignment', 'create', {
				inputMode: 'fields',
				shippingLocationReference: 'EST-1',
				destination: { addressLine1: '1 High St', town: 'Leeds', countryCode: 'GB' },
				packages: { package: [{ weight: '={{ 1 / 0 }}' }] },
			}),
			[{}],
		);

		expect(error?.message).toBe('"Packages > Weight" of package 1 in item 0 must be more than 0');
	});

	test.each(['constructor', '__proto__', 'toString'])(
		'an Environment of "%s" is an unknown environment',
		async (environment) => {
			const { error } = await runWorkflow(allocate(), references('EC-1'), {
				sortedProApi: { apiKey: TEST_API_KEY, environment },
			});

			expect(error?.message).toContain(`unknown Environment "${environment}"`);
		},
	);
});

describe('advice that cannot duplicate', () => {
	test('after a lost create answer the error says to look the consignment up first, and nothing is retried', async () => {
		const api = sortedPro()
			// The documented search finds no consignment with the reference: it is created.
			.get('/consignments/100/0')
			.query({ referenceProvidedByCustomer: 'ORDER-1' })
			.reply(200, { Count: 0, ConsignmentSummaries: [] })
			.post('/consignments')
			.replyWithError(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }))
			.post('/consignments')
			.reply(201, [{ Rel: 'Link', Href: `${PRODUCTION}/consignments/EC-2` }]);

		const { error } = await runWorkflow(
			operationWorkflow('consignment', 'create', {
				inputMode: 'json',
				jsonBody: JSON.stringify({
					ConsignmentReferenceProvidedByCustomer: 'ORDER-1',
					Packages: [],
				}),
			}),
			[{}],
		);

		expect(api.pendingMocks()).toHaveLength(1);
		expect(error?.message).toBe(
			'Could not create a consignment for your reference ORDER-1: the connection was reset before SortedPRO answered',
		);
		expect(error?.description).toContain('Do not simply run the workflow again');
		expect(error?.description).toContain('by your reference ORDER-1');
	});

	test('a create that ends in a gateway timeout (504) gets the same advice', async () => {
		sortedPro().post('/consignments').reply(504, '');

		const { error } = await runWorkflow(
			operationWorkflow('consignment', 'create', {
				inputMode: 'json',
				jsonBody: '{ "Packages": [] }',
			}),
			[{}],
		);

		expect(error?.message).toContain('(HTTP 504)');
		expect(error?.description).toContain('Do not simply run the workflow again');
	});
});
