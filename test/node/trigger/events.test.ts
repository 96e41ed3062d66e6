/**
 * SortedPRO Trigger reading SortedPRO's events (Detection Auto or Events, version 1.1): poll()
 * in n8n-core's PollContext with the workflow's static data; SortedPRO played by the simulator
 * (which records every state change with its time) and, for hostile answers, by nock.
 */
import nock from 'nock';
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { DEFAULT_API_KEY, createSimulator } from '../../../simulator/server';
import { PRODUCTION, TEST_API_KEY, runPoll } from '../../helpers/engine';

const V = { typeVersion: 1.1 };
const MEMORY = 'node:SortedPRO Trigger';
const MINUTE = 60_000;

const watching = (states: string[], extra: INodeParameters = {}): INodeParameters => ({
	event: 'consignmentEnteredState',
	states,
	...extra,
});
const ago = (ms: number) => new Date(Date.now() - ms).toISOString();
/** The trigger's memory, moved back as if its last poll had been `ms` earlier. */
const pollWasEarlier = (staticData: IDataObject, ms: number) => {
	const memory = staticData[MEMORY] as { events: { until: number } };
	memory.events.until -= ms;
};

let simulator: ReturnType<typeof createSimulator>;
let credentials: { sortedProApi: { apiKey: string; environment: string; baseUrl: string } };
const poll = async (
	parameters: INodeParameters,
	staticData: IDataObject,
	mode: 'trigger' | 'manual' = 'trigger',
) => await runPoll(parameters, staticData, mode, credentials, V);

beforeEach(async () => {
	nock.enableNetConnect('127.0.0.1');
	simulator = createSimulator({ consignments: 10 });
	const baseUrl = await simulator.listen(0);
	credentials = { sortedProApi: { apiKey: DEFAULT_API_KEY, environment: 'custom', baseUrl } };
});

afterEach(async () => {
	await simulator.close();
});

describe('Consignment Entered State, by events', () => {
	test('the first poll notes where reading starts and reports nothing, having checked the events API', async () => {
		const staticData: IDataObject = {};
		const before = Date.now();
		const { result, memory } = await poll(watching(['Allocated']), staticData);

		expect(result).toBeNull();
		const until = (memory[MEMORY] as { events: { until: number } }).events.until;
		// A window ends 30 s before the poll (SortedPRO has recorded what happened in it).
		expect(until).toBeGreaterThanOrEqual(before - 30_000);
		expect(until).toBeLessThanOrEqual(Date.now() - 30_000);
		expect(simulator.model.eventReads).toBe(1);
		expect(simulator.model.searches).toBe(0);
	});

	test('a consignment that entered Allocated and left it for Manifested between two polls is reported once', async () => {
		const staticData: IDataObject = {};
		await poll(watching(['Allocated']), staticData);
		pollWasEarlier(staticData, 2 * MINUTE);
		simulator.model.advance(['EC-SIM-000003'], 'Allocated', ago(90_000));
		simulator.model.advance(['EC-SIM-000003'], 'Manifested', ago(80_000));

		const second = await poll(watching(['Allocated']), staticData);
		const third = await poll(watching(['Allocated']), staticData);

		expect(second.items.map((item) => item.json)).toEqual([
			expect.objectContaining({
				ConsignmentReference: 'EC-SIM-000003',
				ConsignmentReferenceProvidedByCustomer: 'ORDER-000003',
				EnteredState: 'Allocated',
				// SortedPRO's ConsignmentState is the state now (SDK ConsignmentPayload).
				ConsignmentState: 'Manifested',
				Detection: 'Events',
				NoticedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
			}),
		]);
		expect(third.result).toBeNull();
		// Nothing was searched: one request per watched state and window.
		expect(simulator.model.searches).toBe(0);
	});

	test('several states: each entry reported with the state it entered', async () => {
		const staticData: IDataObject = {};
		const parameters = watching(['AllocationFailed', 'Manifested']);
		await poll(parameters, staticData);
		pollWasEarlier(staticData, 2 * MINUTE);
		simulator.model.advance(['EC-SIM-000002'], 'AllocationFailed', ago(100_000));
		simulator.model.advance(['EC-SIM-000007'], 'Allocated', ago(95_000));
		simulator.model.advance(['EC-SIM-000007'], 'Manifested', ago(90_000));

		const { items } = await poll(parameters, staticData);

		expect(items.map((item) => [item.json.ConsignmentReference, item.json.EnteredState])).toEqual([
			['EC-SIM-000002', 'Allocation Failed'],
			['EC-SIM-000007', 'Manifested'],
		]);
	});

	test.each([
		['an hour', 59 * MINUTE, 4],
		['a day (a daily poll)', 24 * 60 * MINUTE, 24],
	])(
		'%s since the last poll: read in windows that follow each other, all in this poll',
		async (_since, sinceMs, requests) => {
			const staticData: IDataObject = {};
			await poll(watching(['Allocated']), staticData);
			pollWasEarlier(staticData, sinceMs);
			simulator.model.advance(['EC-SIM-000001'], 'Allocated', ago(sinceMs - MINUTE));
			simulator.model.advance(['EC-SIM-000004'], 'Allocated', ago(2 * MINUTE));
			const reads = () => Number(simulator.model.eventReads);
			const readsBefore = reads();

			const first = await poll(watching(['Allocated']), staticData);
			const second = await poll(watching(['Allocated']), staticData);

			// At most 24 windows (requests per state) a poll: longer ones after a longer pause.
			expect(reads() - readsBefore).toBe(requests + 1);
			expect(first.items.map((item) => item.json.ConsignmentReference)).toEqual([
				'EC-SIM-000001',
				'EC-SIM-000004',
			]);
			expect(second.result).toBeNull();
		},
	);

	test('a trigger published again after weeks reads the last 7 days, and says so in the log', async () => {
		const staticData: IDataObject = {};
		await poll(watching(['Allocated']), staticData);
		pollWasEarlier(staticData, 30 * 24 * 60 * MINUTE);
		simulator.model.advance(['EC-SIM-000002'], 'Allocated', ago(20 * 24 * 60 * MINUTE));
		simulator.model.advance(['EC-SIM-000003'], 'Allocated', ago(6 * 24 * 60 * MINUTE));

		const { items, logs } = await poll(watching(['Allocated']), staticData);

		expect(items.map((item) => item.json.ConsignmentReference)).toEqual(['EC-SIM-000003']);
		expect(logs.some((line) => line.includes('events more than 7 days old are not read'))).toBe(
			true,
		);
	});

	test('Fetch Test Event shows the last hour, memory untouched', async () => {
		simulator.model.advance(['EC-SIM-000005'], 'Allocated', ago(10 * MINUTE));
		const staticData: IDataObject = {};

		const { items, memory } = await poll(watching(['Allocated']), staticData, 'manual');

		expect(items.map((item) => item.json.ConsignmentReference)).toEqual(['EC-SIM-000005']);
		expect(memory).toEqual({ [MEMORY]: {} });
	});

	test("the events page's spelling of the route is tried when the SDK's answers 404, and remembered", async () => {
		await fetch(`${credentials.sortedProApi.baseUrl}/__sim/config`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify({ eventsApi: 'page' }),
		});
		const staticData: IDataObject = {};
		await poll(watching(['Allocated']), staticData);
		pollWasEarlier(staticData, 2 * MINUTE);
		simulator.model.advance(['EC-SIM-000006'], 'Allocated', ago(MINUTE));

		const { items } = await poll(watching(['Allocated']), staticData);

		expect(items.map((item) => item.json.ConsignmentReference)).toEqual(['EC-SIM-000006']);
		expect((staticData[MEMORY] as { events: { route: number } }).events.route).toBe(1);
		// The first poll found the route (a 404, then an answer); the second went straight to it.
		expect(simulator.counts.answered).toBe(3);

		// SortedPRO moves back to the SDK's spelling: the other route is tried again.
		await fetch(`${credentials.sortedProApi.baseUrl}/__sim/config`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify({ eventsApi: 'sdk' }),
		});
		pollWasEarlier(staticData, 20_000);
		simulator.model.advance(['EC-SIM-000008'], 'Allocated', ago(40_000));
		const back = await poll(watching(['Allocated']), staticData);
		expect(back.items.map((item) => item.json.ConsignmentReference)).toEqual(['EC-SIM-000008']);
		expect((staticData[MEMORY] as { events: { route?: number } }).events.route).toBeUndefined();
	});

	test('a Detection that is not one of the choices: a readable error before anything is sent', async () => {
		await expect(poll(watching(['Allocated'], { detection: 'webhooks' }), {})).rejects.toThrow(
			'"Detection" "webhooks" is not Auto, Events or Snapshot',
		);
		expect(simulator.counts.answered).toBe(0);
	});
});

describe('an account without events', () => {
	beforeEach(async () => {
		await fetch(`${credentials.sortedProApi.baseUrl}/__sim/config`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify({ eventsApi: 'off' }),
		});
	});

	test('Auto falls back to snapshots, says so once in the log, and reports changes from then on', async () => {
		const staticData: IDataObject = {};
		const parameters = watching(['AllocationFailed']);
		const first = await poll(parameters, staticData);
		simulator.model.advance(['EC-SIM-000002'], 'Allocation Failed');
		const second = await poll(parameters, staticData);

		expect(first.result).toBeNull();
		expect(
			first.logs.filter((line) => line.includes('answered 404 to its events API')),
		).toHaveLength(1);
		expect(second.logs.filter((line) => line.includes('answered 404 to its events API'))).toEqual(
			[],
		);
		expect(second.items.map((item) => item.json)).toEqual([
			expect.objectContaining({
				ConsignmentReference: 'EC-SIM-000002',
				EnteredState: 'Allocation Failed',
				Detection: 'Snapshot',
			}),
		]);
		expect(staticData[MEMORY]).toMatchObject({
			eventsUnavailableSince: expect.any(Number),
			seen: { AllocationFailed: ['EC-SIM-000002'] },
		});
	});

	test('Auto checks for events again a day later, and reads them from the poll after that one', async () => {
		const staticData: IDataObject = {};
		const parameters = watching(['AllocationFailed']);
		await poll(parameters, staticData);
		const memory = staticData[MEMORY] as { eventsUnavailableSince: number };
		memory.eventsUnavailableSince -= 25 * 60 * MINUTE;
		await fetch(`${credentials.sortedProApi.baseUrl}/__sim/config`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify({ eventsApi: 'sdk' }),
		});
		simulator.model.advance(['EC-SIM-000004'], 'Allocation Failed');

		// This poll still compares snapshots (nothing since the last one is missed)...
		const switching = await poll(parameters, staticData);
		expect(
			switching.items.map((item) => [item.json.ConsignmentReference, item.json.Detection]),
		).toEqual([['EC-SIM-000004', 'Snapshot']]);
		expect(staticData[MEMORY]).toEqual({ events: { until: expect.any(Number) } });

		// ...the next ones read events.
		pollWasEarlier(staticData, 2 * MINUTE);
		simulator.model.advance(['EC-SIM-000006'], 'Allocation Failed', ago(MINUTE));
		const next = await poll(parameters, staticData);
		expect(next.items.map((item) => [item.json.ConsignmentReference, item.json.Detection])).toEqual(
			[['EC-SIM-000006', 'Events']],
		);
	});

	test('Detection Events: a readable error that says what to choose instead', async () => {
		await expect(
			poll(watching(['AllocationFailed'], { detection: 'events' }), {}),
		).rejects.toMatchObject({
			message: 'SortedPRO has no events for this API key: it answered 404 to the events API',
			description: expect.stringContaining('Set Detection to Snapshot'),
		});
	});

	test('Labels Printed needs the events API: a readable error', async () => {
		await expect(poll({ event: 'labelsPrinted' }, {})).rejects.toMatchObject({
			description: expect.stringContaining("needs SortedPRO's Events API"),
		});
	});
});

describe('Labels Printed, Consignment Created, Consignment Updated', () => {
	test("labels printed since the last poll, each once, with SortedPRO's event", async () => {
		const staticData: IDataObject = {};
		await poll({ event: 'labelsPrinted' }, staticData);
		pollWasEarlier(staticData, 2 * MINUTE);
		const consignment = simulator.model.consignments.get('EC-SIM-000001');
		simulator.model.allocateWithServiceGroup('EC-SIM-000001', 'ECONOMY');
		simulator.model.recordEvent(
			consignment,
			'LabelsPrinted',
			'Labels printed',
			new Date(ago(MINUTE)),
		);
		simulator.model.recordEvent(
			consignment,
			'ConsignmentUpdated',
			'Updated',
			new Date(ago(MINUTE)),
		);

		const { items } = await poll({ event: 'labelsPrinted' }, staticData);
		const again = await poll({ event: 'labelsPrinted' }, staticData);

		expect(items.map((item) => item.json)).toEqual([
			expect.objectContaining({
				ConsignmentReference: 'EC-SIM-000001',
				Event: 'Labels Printed',
				EventId: expect.any(String),
				EventDate: expect.stringMatching(/^\d{4}-/),
				EventDetails: expect.objectContaining({ EventType: 'LabelsPrinted' }),
			}),
		]);
		expect(again.result).toBeNull();
	});

	test('an event answered again by the next window (its Start and End may both be included) is reported once', async () => {
		const event = {
			EventId: 'e-1',
			ConsignmentReference: 'EC-000-05B-MMA',
			EventDetails: { EventType: 'ConsignmentCreated', EventDate: ago(60_000) },
		};
		const events = () =>
			nock(PRODUCTION)
				.matchHeader('ocp-apim-subscription-key', TEST_API_KEY)
				.post('/events/consignments');
		events().reply(200, { Events: [] });
		const staticData: IDataObject = {};
		await runPoll({ event: 'consignmentCreated' }, staticData, 'trigger', undefined, V);
		pollWasEarlier(staticData, 2 * MINUTE);
		events().reply(200, { Events: [event] });
		const first = await runPoll(
			{ event: 'consignmentCreated' },
			staticData,
			'trigger',
			undefined,
			V,
		);
		pollWasEarlier(staticData, MINUTE);
		events().reply(200, { Events: [event, { ...event, EventId: 'e-2' }] });
		const second = await runPoll(
			{ event: 'consignmentCreated' },
			staticData,
			'trigger',
			undefined,
			V,
		);

		expect(first.items.map((item) => item.json.EventId)).toEqual(['e-1']);
		expect(second.items.map((item) => item.json.EventId)).toEqual(['e-2']);
		expect(nock.pendingMocks()).toEqual([]);
	});
});

describe('what SortedPRO answers is not trusted blindly', () => {
	const stateEvents = () =>
		nock(PRODUCTION)
			.matchHeader('ocp-apim-subscription-key', TEST_API_KEY)
			.post('/events/consignmentstateevents');

	test('a window that could not be read is read again by the next poll; the windows before it are reported', async () => {
		stateEvents().reply(200, []);
		const staticData: IDataObject = {};
		await runPoll(watching(['Allocated']), staticData, 'trigger', undefined, V);
		pollWasEarlier(staticData, 30 * MINUTE);
		const until = (staticData[MEMORY] as { events: { until: number } }).events.until;
		// Three windows: the first answers, the second fails (500 is not retried).
		stateEvents().reply(200, [{ ConsignmentReference: 'EC-1', ConsignmentState: 'Allocated' }]);
		stateEvents().reply(500, { Message: 'Something went wrong' });

		const partly = await runPoll(watching(['Allocated']), staticData, 'trigger', undefined, V);

		expect(partly.items.map((item) => item.json.ConsignmentReference)).toEqual(['EC-1']);
		expect(partly.logs.some((line) => line.includes('read again by the next one'))).toBe(true);
		expect((staticData[MEMORY] as { events: { until: number } }).events.until).toBe(
			until + 15 * MINUTE,
		);

		stateEvents().reply(200, [{ ConsignmentReference: 'EC-2', ConsignmentState: 'Allocated' }]);
		stateEvents().reply(200, []);
		const next = await runPoll(watching(['Allocated']), staticData, 'trigger', undefined, V);
		expect(next.items.map((item) => item.json.ConsignmentReference)).toEqual(['EC-2']);
		expect(nock.pendingMocks()).toEqual([]);
	});

	test('an answer that is not a list of state events fails the poll, which then changes nothing', async () => {
		stateEvents().reply(200, []);
		const staticData: IDataObject = {};
		await runPoll(watching(['Allocated']), staticData, 'trigger', undefined, V);
		pollWasEarlier(staticData, 2 * MINUTE);
		const before = JSON.stringify(staticData);
		stateEvents().reply(200, { Count: 1 });

		await expect(
			runPoll(watching(['Allocated']), staticData, 'trigger', undefined, V),
		).rejects.toThrow('is not a list of consignment state events');
		expect(JSON.stringify(staticData)).toBe(before);
	});

	test('an entry without a consignment reference is not an event, and the log says so', async () => {
		stateEvents().reply(200, []);
		const staticData: IDataObject = {};
		await runPoll(watching(['Allocated']), staticData, 'trigger', undefined, V);
		pollWasEarlier(staticData, 2 * MINUTE);
		const long = 'EC-'.padEnd(100_000, 'x');
		stateEvents().reply(200, [
			{ ConsignmentState: 'Allocated' },
			{ ConsignmentReference: long },
			{ ConsignmentReference: 'EC-3' },
		]);

		const { items, logs } = await runPoll(
			watching(['Allocated']),
			staticData,
			'trigger',
			undefined,
			V,
		);

		// A long reference is what SortedPRO said: reported (only the memory bounds its length).
		expect(items.map((item) => item.json.ConsignmentReference)).toEqual([long, 'EC-3']);
		expect(logs.some((line) => line.includes("1 of SortedPRO's events named no consignment"))).toBe(
			true,
		);
		expect(Buffer.byteLength(JSON.stringify(staticData))).toBeLessThan(1000);
	});
});
