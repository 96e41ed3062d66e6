/**
 * SortedPRO Trigger: poll() in n8n-core's PollContext with the workflow's static data,
 * SortedPRO played by nock and by the simulator.
 */
import nock from 'nock';

import { createSimulator, DEFAULT_API_KEY } from '../../../simulator/server';
import { PRODUCTION, TEST_API_KEY, runPoll } from '../../helpers/engine';

const consignment = (reference: string, state = 'Allocation Failed') => ({
	Reference: reference,
	State: state,
	Tags: ['web'],
});
/** SortedPRO's search for one state: the first page (100) by default. */
const search = (state: string, skip = 0) =>
	nock(PRODUCTION)
		.matchHeader('ocp-apim-subscription-key', TEST_API_KEY)
		.get(`/consignments/100/${skip}`)
		.query((query) => query.State === state);
const watching = (states = ['AllocationFailed'], extra = {}) => ({
	event: 'consignmentEnteredState',
	states,
	...extra,
});

describe('SortedPRO Trigger: Consignment Entered State', () => {
	test('first poll: records the current state and starts nothing', async () => {
		search('AllocationFailed').reply(200, [consignment('EC-1'), consignment('EC-2')]);
		const staticData = {};

		const { result, memory } = await runPoll(watching(), staticData);

		expect(result).toBeNull();
		expect(memory).toEqual({
			'node:SortedPRO Trigger': { seen: { AllocationFailed: ['EC-1', 'EC-2'] } },
		});
	});

	test('later polls: each consignment that entered the state once, with the state and when it was noticed', async () => {
		const staticData = {};
		search('AllocationFailed').reply(200, [consignment('EC-1')]);
		await runPoll(watching(), staticData);

		search('AllocationFailed').reply(200, [
			consignment('EC-1'),
			consignment('EC-2'),
			consignment('EC 3'),
		]);
		const second = await runPoll(watching(), staticData);
		search('AllocationFailed').reply(200, [
			consignment('EC-1'),
			consignment('EC-2'),
			consignment('EC 3'),
		]);
		const third = await runPoll(watching(), staticData);

		expect(second.items.map((item) => item.json.ConsignmentReference)).toEqual(['EC-2', 'EC 3']);
		expect(second.items[0].json).toMatchObject({
			Reference: 'EC-2',
			State: 'Allocation Failed',
			Tags: ['web'],
			ConsignmentReference: 'EC-2',
			EnteredState: 'Allocation Failed',
			NoticedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
		});
		expect(third.result).toBeNull();
	});

	test('several states, and the filters as query parameters of the search', async () => {
		const staticData = {};
		const filters = {
			filters: {
				query: { parameter: [{ name: 'ShippingLocationReference', value: 'WAREHOUSE-1' }] },
			},
		};
		const scope = (state: string) =>
			nock(PRODUCTION)
				.get('/consignments/100/0')
				.query({ ShippingLocationReference: 'WAREHOUSE-1', State: state });
		scope('Manifested').reply(200, []);
		scope('Cancelled').reply(200, []);
		await runPoll(watching(['Manifested', 'Cancelled'], filters), staticData);

		scope('Manifested').reply(200, [consignment('EC-7', 'Manifested')]);
		scope('Cancelled').reply(200, [consignment('EC-8', 'Cancelled')]);
		const { items } = await runPoll(watching(['Manifested', 'Cancelled'], filters), staticData);

		expect(items.map((item) => [item.json.ConsignmentReference, item.json.EnteredState])).toEqual([
			['EC-7', 'Manifested'],
			['EC-8', 'Cancelled'],
		]);
	});

	test('pages through SortedPRO until a short page', async () => {
		const staticData = {};
		const page = (from: number, count: number) =>
			Array.from({ length: count }, (_u, i) => consignment(`EC-${from + i}`));
		search('AllocationFailed').reply(200, []);
		await runPoll(watching(), staticData);

		const api = search('AllocationFailed', 0)
			.reply(200, page(0, 100))
			.get('/consignments/100/100')
			.query(true)
			.reply(200, page(100, 100))
			.get('/consignments/100/200')
			.query(true)
			.reply(200, page(200, 50));
		const { items } = await runPoll(watching(), staticData);

		expect(api.isDone()).toBe(true);
		expect(items).toHaveLength(250);
	});

	test('manual mode ("Fetch Test Event"): the most recent consignments, and the memory untouched', async () => {
		const staticData = { 'node:SortedPRO Trigger': { seen: { AllocationFailed: ['EC-1'] } } };
		search('AllocationFailed').reply(200, [consignment('EC-1'), consignment('EC-2')]);

		const { items, memory } = await runPoll(watching(), staticData, 'manual');

		expect(items.map((item) => item.json.ConsignmentReference)).toEqual(['EC-1', 'EC-2']);
		expect(memory).toEqual({ 'node:SortedPRO Trigger': { seen: { AllocationFailed: ['EC-1'] } } });
	});

	test('a failed poll raises a readable error and loses nothing: the next poll reports every change', async () => {
		const staticData = {};
		search('AllocationFailed').reply(200, [consignment('EC-1')]);
		search('Manifested').reply(200, []);
		await runPoll(watching(['AllocationFailed', 'Manifested']), staticData);

		search('AllocationFailed').reply(200, [consignment('EC-1'), consignment('EC-2')]);
		search('Manifested').reply(401, {
			statusCode: 401,
			message: 'Access denied due to invalid subscription key.',
		});
		await expect(runPoll(watching(['AllocationFailed', 'Manifested']), staticData)).rejects.toThrow(
			'Could not look for consignments in state Manifested: SortedPRO rejected the API key',
		);
		expect(staticData).toEqual({
			'node:SortedPRO Trigger': { seen: { AllocationFailed: ['EC-1'], Manifested: [] } },
		});

		search('AllocationFailed').reply(200, [consignment('EC-1'), consignment('EC-2')]);
		search('Manifested').reply(200, [consignment('EC-3', 'Manifested')]);
		const { items } = await runPoll(watching(['AllocationFailed', 'Manifested']), staticData);

		expect(items.map((item) => item.json.ConsignmentReference)).toEqual(['EC-2', 'EC-3']);
	});

	test('the same transport as the node: a redirect is not followed and an echoed key is redacted', async () => {
		search('AllocationFailed').reply(302, '', { Location: 'https://elsewhere.example.com/' });
		await expect(runPoll(watching(), {})).rejects.toThrow(
			'redirect to https://elsewhere.example.com',
		);

		search('AllocationFailed').reply(400, { Message: `Bad key ${TEST_API_KEY}` });
		await expect(runPoll(watching(), {})).rejects.toThrow('Bad key [redacted]');
	});

	test('no states: a readable error before anything is sent', async () => {
		await expect(runPoll(watching([]), {})).rejects.toThrow('"States" is empty');
	});
});

describe('SortedPRO Trigger against the simulator', () => {
	test('consignments moved to Allocation Failed and Manifested are reported once each', async () => {
		nock.enableNetConnect('127.0.0.1');
		const simulator = createSimulator({ consignments: 10 });
		try {
			const baseUrl = await simulator.listen(0);
			const credentials = {
				sortedProApi: { apiKey: DEFAULT_API_KEY, environment: 'custom', baseUrl },
			};
			const parameters = watching(['AllocationFailed', 'Manifested']);
			const staticData = {};
			expect((await runPoll(parameters, staticData, 'trigger', credentials)).result).toBeNull();

			simulator.model.advance(['EC-SIM-000002', 'EC-SIM-000005'], 'Allocation Failed');
			simulator.model.advance(['EC-SIM-000007'], 'Manifested');
			const first = await runPoll(parameters, staticData, 'trigger', credentials);
			const again = await runPoll(parameters, staticData, 'trigger', credentials);

			expect(
				first.items.map((item) => [item.json.ConsignmentReference, item.json.EnteredState]),
			).toEqual([
				['EC-SIM-000002', 'Allocation Failed'],
				['EC-SIM-000005', 'Allocation Failed'],
				['EC-SIM-000007', 'Manifested'],
			]);
			expect(again.result).toBeNull();
		} finally {
			await simulator.close();
		}
	});
});
