/**
 * The SortedPRO Trigger's bounds, whatever the server or the workflow does: a poll ends within
 * its budget (the request in flight and 429 waits included), the memory n8n saves with the
 * workflow stays under its byte cap, and States are SortedPRO's states and nothing else.
 */
import nock from 'nock';
import type { IDataObject } from 'n8n-workflow';

import {
	MAX_MEMORY_BYTES,
	MAX_REMEMBERED_REFERENCE_LENGTH,
} from '../../../nodes/SortedProTrigger/memory';
import { PRODUCTION, TEST_API_KEY, runPoll } from '../../helpers/engine';
import { startLoopback } from '../../helpers/local';

const MEMORY = 'node:SortedPRO Trigger';
/** n8n's budget for these polls: the trigger keeps half of it in hand, so it has 1.5 s. */
const BUDGET_MS = 3000;

describe('a poll ends within its budget', () => {
	test.each([
		['Events', { typeVersion: 1.1 }],
		['Snapshot', { typeVersion: 1 }],
	])(
		'%s: a server that never answers is cut off at the deadline (1.5 s here), not after 5 attempts x 30 s',
		async (_mode, version) => {
			const silent = await startLoopback(() => undefined);
			const credentials = {
				sortedProApi: { apiKey: TEST_API_KEY, environment: 'custom', baseUrl: silent.url },
			};
			nock.enableNetConnect('127.0.0.1');
			try {
				const polling = runPoll(
					{ event: 'consignmentEnteredState', states: ['Allocated'] },
					{},
					'trigger',
					credentials,
					{ ...version, budgetMs: BUDGET_MS },
				);
				await expect(polling).rejects.toMatchObject({
					description: expect.stringContaining('The time this poll has'),
				});
				// One attempt, cut off when the poll's time ran out, not retried.
				expect(silent.received).toHaveLength(1);
			} finally {
				await silent.close();
			}
		},
	);

	test('endless 429s: no wait is begun that would end after the deadline', async () => {
		const limited = () =>
			nock(PRODUCTION)
				.matchHeader('ocp-apim-subscription-key', TEST_API_KEY)
				.post('/events/consignmentstateevents')
				.reply(
					429,
					{ statusCode: 429, message: 'Rate limit is exceeded.' },
					{ 'Retry-After': '5' },
				);
		limited();
		limited();

		await expect(
			runPoll(
				{ event: 'consignmentEnteredState', states: ['Allocated'] },
				{},
				'trigger',
				undefined,
				{ typeVersion: 1.1, budgetMs: BUDGET_MS },
			),
		).rejects.toMatchObject({
			description: expect.stringMatching(
				/The time this poll has .* ran out after 1 attempt.*SortedPRO is rate limiting this key, try again in a minute/,
			),
		});
		// The 5 s Retry-After was not waited out: the second refusal was never asked for.
		expect(nock.pendingMocks()).toHaveLength(1);
		nock.cleanAll();
	});
});

describe('the memory n8n saves with the workflow is bounded in bytes', () => {
	test('99 references of 100 KB each: a few kilobytes remembered, and still no repeats', async () => {
		const huge = Array.from({ length: 99 }, (_, index) => `EC-${index}-`.padEnd(100_000, 'x'));
		const search = () =>
			nock(PRODUCTION)
				.get('/consignments/100/0')
				.query({ State: 'AllocationFailed' })
				.reply(200, {
					Count: huge.length,
					ConsignmentSummaries: huge.map((reference) => ({
						Reference: reference,
						State: 'AllocationFailed',
					})),
				});
		const staticData: IDataObject = {};
		search();
		await runPoll({ event: 'consignmentEnteredState', states: ['AllocationFailed'] }, staticData);
		search();
		const second = await runPoll(
			{ event: 'consignmentEnteredState', states: ['AllocationFailed'] },
			staticData,
		);

		expect(second.result).toBeNull();
		const bytes = Buffer.byteLength(JSON.stringify(staticData));
		expect(bytes).toBeLessThan(10_000);
		expect(bytes).toBeLessThan(MAX_MEMORY_BYTES);
		// Two answers of 10 MB each through n8n's request helper take a while on a busy machine.
	}, 120_000);

	test('a snapshot of more consignments than fit is cut to the cap, the oldest dropped', async () => {
		// 2,000 references (20 pages of 100, the most a poll reads per state) as long as the
		// trigger remembers as they are: about 134 KB as JSON, over the cap for one state.
		const references = Array.from(
			{ length: 2000 },
			(_, index) => `EC-${String(index).padStart(MAX_REMEMBERED_REFERENCE_LENGTH - 3, '0')}`,
		);
		const staticData: IDataObject = {};
		nock(PRODUCTION)
			.get(/^\/consignments\/100\/\d+/)
			.query({ State: 'Allocated' })
			.times(20)
			.reply((request: { url: string }) => {
				const skip = Number(/\/100\/(\d+)/.exec(request.url)?.[1]);
				const rows = references.slice(skip, skip + 100);
				return [200, rows.map((reference) => ({ Reference: reference, State: 'Allocated' }))];
			});

		await runPoll({ event: 'consignmentEnteredState', states: ['Allocated'] }, staticData);

		expect(Buffer.byteLength(JSON.stringify(staticData))).toBeLessThanOrEqual(MAX_MEMORY_BYTES);
		// A snapshot keeps to half the cap (the other half is the events' memory), shared by its states.
		const seen = (staticData[MEMORY] as { seen: { Allocated: string[] } }).seen.Allocated;
		const bytes = Buffer.byteLength(JSON.stringify(seen));
		expect(bytes).toBeLessThanOrEqual(MAX_MEMORY_BYTES / 2);
		expect(bytes).toBeGreaterThan(MAX_MEMORY_BYTES / 2 - 1000);
		expect(seen.length).toBeLessThan(references.length);
		expect(seen[seen.length - 1]).toBe(references[references.length - 1]);
		expect(nock.pendingMocks()).toEqual([]);
	});
});

describe('States are SortedPRO states and nothing else', () => {
	test.each([[['__proto__', 'constructor']], [['Allocated', 'toString']], [['Allocated', 7]]])(
		'%j: a readable error before anything is sent, and the trigger keeps working',
		async (states) => {
			const staticData: IDataObject = {};
			await expect(
				runPoll({ event: 'consignmentEnteredState', states }, staticData, 'trigger', undefined, {
					typeVersion: 1,
				}),
			).rejects.toMatchObject({
				message: expect.stringMatching(
					/^"States" has .* which is not a SortedPRO consignment state$/,
				),
			});

			nock(PRODUCTION).get('/consignments/100/0').query({ State: 'Allocated' }).reply(200, []);
			const { result } = await runPoll(
				{ event: 'consignmentEnteredState', states: ['Allocated'] },
				staticData,
			);
			expect(result).toBeNull();
		},
	);

	test('memory saved by an older version with "__proto__" as a state is read as data, never as a prototype', async () => {
		const staticData: IDataObject = {
			[MEMORY]: JSON.parse('{"seen":{"__proto__":["EC-1"],"Allocated":["EC-1"]}}') as IDataObject,
		};
		nock(PRODUCTION)
			.get('/consignments/100/0')
			.query({ State: 'Allocated' })
			.reply(200, [
				{ Reference: 'EC-1', State: 'Allocated' },
				{ Reference: 'EC-2', State: 'Allocated' },
			]);

		const { items, memory } = await runPoll(
			{ event: 'consignmentEnteredState', states: ['Allocated'] },
			staticData,
		);

		expect(items.map((item) => item.json.ConsignmentReference)).toEqual(['EC-2']);
		expect(JSON.stringify(memory[MEMORY])).toBe('{"seen":{"Allocated":["EC-1","EC-2"]}}');
	});
});
