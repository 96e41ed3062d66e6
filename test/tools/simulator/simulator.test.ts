import nock from 'nock';

import { createSimulator, DEFAULT_API_KEY } from '../../../simulator/server';
import { operationWorkflow, references, runWorkflow, visibleText } from '../../helpers/engine';

type Simulator = ReturnType<typeof createSimulator>;

// The node against the simulator over loopback: the simulator applies SortedPRO's rules.
let simulator: Simulator;
let credentials: { sortedProApi: { apiKey: string; environment: string; baseUrl: string } };

beforeAll(async () => {
	nock.enableNetConnect('127.0.0.1');
	simulator = createSimulator({ consignments: 20 });
	const baseUrl = await simulator.listen(0);
	credentials = { sortedProApi: { apiKey: DEFAULT_API_KEY, environment: 'custom', baseUrl } };
});

afterAll(async () => {
	await simulator.close();
});

beforeEach(() => simulator.model.reset(20));

const state = (reference: string) => simulator.model.consignments.get(reference);
const group = (value: string) => ({ serviceGroup: { __rl: true, mode: 'id', value } });

describe('the node against the SortedPRO simulator', () => {
	test('allocates to the cheapest eligible service in the group, by weight and country', async () => {
		// EC-SIM-000001 weighs 1.5 kg (GB): Next Day Economy (4.95, up to 2 kg) beats Next Day Super (6.5).
		// EC-SIM-000007 weighs 12 kg: only Next Day Super takes it.
		const { output, error } = await runWorkflow(
			operationWorkflow('allocation', 'allocateWithServiceGroup', group('NEXTDAY')),
			references('EC-SIM-000001', 'EC-SIM-000007'),
			credentials,
		);

		expect(error).toBeUndefined();
		expect(output?.map((item) => item.json.CarrierServiceReference)).toEqual(['CY_NDE', 'CX_NDS']);
		expect(state('EC-SIM-000001')).toMatchObject({ State: 'Allocated', AllocationCount: 1 });
	});

	test('a consignment no service can take ends in Allocation Failed; an allocated one is refused', async () => {
		// EC-SIM-000010 goes to Germany: nothing in NEXTDAY delivers there.
		const { output } = await runWorkflow(
			operationWorkflow('allocation', 'allocateWithServiceGroup', group('NEXTDAY'), {
				onError: 'continueRegularOutput',
			}),
			references('EC-SIM-000010', 'EC-SIM-000002', 'EC-SIM-000002'),
			credentials,
		);

		// SortedPRO's enum spelling (help/consignment_states.md).
		expect(state('EC-SIM-000010')?.State).toBe('AllocationFailed');
		expect(output?.[0].json).toMatchObject({
			httpStatus: 400,
			consignmentReference: 'EC-SIM-000010',
		});
		expect(output?.[0].json.error).toContain(
			'No carrier service in service group NEXTDAY is eligible',
		);
		expect(output?.[1].json.ConsignmentReference).toBe('EC-SIM-000002');
		expect(output?.[2].json.errorDescription).toContain(
			'Only consignments in state Unallocated or Allocation Failed can be allocated',
		);
		expect(state('EC-SIM-000002')?.AllocationCount).toBe(1);
	});

	test('the whole journey: create, allocate in batches, label, manifest, track', async () => {
		const created = await runWorkflow(
			operationWorkflow('consignment', 'create', {
				shippingLocationReference: 'WAREHOUSE-1',
				destination: { addressLine1: '1 High St', town: 'Leeds', countryCode: 'GB' },
				packages: { package: [{ weight: 0.5 }] },
			}),
			[{}],
			credentials,
		);
		const reference = String(created.output?.[0].json.ConsignmentReference);
		expect(reference).toMatch(/^EC-SIM-/);

		const allocated = await runWorkflow(
			operationWorkflow('allocation', 'allocateWithServiceGroup', {
				...group('ECONOMY'),
				options: { sendInBatches: true },
			}),
			references(reference, 'EC-SIM-000003'),
			credentials,
		);
		// List<AllocationSummary>: one per consignment, each with its carrier service.
		expect(allocated.error).toBeUndefined();
		expect(
			allocated.output?.map((item) => [
				item.json.ConsignmentReference,
				typeof item.json.CarrierServiceReference,
				item.json.error,
			]),
		).toEqual([
			[reference, 'string', undefined],
			['EC-SIM-000003', 'string', undefined],
		]);
		expect(state(reference)).toMatchObject({ State: 'Allocated', AllocationCount: 1 });

		const label = await runWorkflow(
			operationWorkflow('label', 'get', { format: 'PDF' }),
			references(reference),
			credentials,
		);
		expect(
			Buffer.from(label.output?.[0].binary?.data.data ?? '', 'base64')
				.subarray(0, 5)
				.toString(),
		).toBe('%PDF-');

		const manifested = await runWorkflow(
			operationWorkflow('manifest', 'manifest'),
			references(reference),
			credentials,
		);
		expect(manifested.output?.[0].json.IsSuccess).toBe(true);

		const tracked = await runWorkflow(
			operationWorkflow('tracking', 'get'),
			references(reference),
			credentials,
		);
		// help/using_pros_tracking_api.md: events per package and leg.
		const packages = tracked.output?.[0].json.TrackedPackages as Array<{
			Legs: Array<{ Events: Array<{ Description: string }> }>;
		}>;
		expect(tracked.output?.[0].json).toMatchObject({
			ConsignmentReference: reference,
			ConsignmentReferenceForAllLegsAssignedByMpd: reference,
		});
		expect(packages[0].Legs[0].Events.map((event) => event.Description)).toEqual([
			'Allocated',
			'Manifested',
		]);
	});

	test('a wrong API key gets the gateway 401, explained, and the key is nowhere in the run', async () => {
		const wrong = {
			sortedProApi: { ...credentials.sortedProApi, apiKey: 'dummy-wrong-key-4c1e9a0b' },
		};
		const { error, run, logs } = await runWorkflow(
			operationWorkflow('allocation', 'allocateWithServiceGroup', group('NEXTDAY')),
			references('EC-SIM-000001'),
			wrong,
		);

		expect(error?.message).toBe(
			'Could not allocate consignment EC-SIM-000001 with service group NEXTDAY: SortedPRO rejected the API key (Access denied due to invalid subscription key. Make sure to provide a valid key for an active subscription.) (HTTP 401)',
		);
		expect(visibleText({ run, error, logs })).not.toContain('wrong-key-4c1e9a0b');
	});
});

describe('simulator faults', () => {
	test.each([
		['429', 429, 'Rate limit is exceeded'],
		['503', 503, '503 Service Unavailable'],
	])('%s answers like the gateway does', async (kind, status, text) => {
		simulator.config.faultRate = 1;
		simulator.config.faults = [kind];
		try {
			const response = await fetch(`${simulator.model.baseUrl}/servicegroups`, {
				headers: { 'ocp-apim-subscription-key': DEFAULT_API_KEY },
			});
			expect(response.status).toBe(status);
			expect(await response.text()).toContain(text);
			if (kind === '429') expect(response.headers.get('retry-after')).toBe('1');
		} finally {
			simulator.config.faultRate = 0;
		}
	});

	test('"drop" performs the allocation, then closes the connection without an answer', async () => {
		simulator.config.faultRate = 1;
		simulator.config.faults = ['drop'];
		try {
			await expect(
				fetch(
					`${simulator.model.baseUrl}/allocation/EC-SIM-000001/allocatewithservicegroup/NEXTDAY`,
					{
						method: 'PUT',
						headers: { 'ocp-apim-subscription-key': DEFAULT_API_KEY },
					},
				),
			).rejects.toThrow();
		} finally {
			simulator.config.faultRate = 0;
		}
		expect(state('EC-SIM-000001')).toMatchObject({ State: 'Allocated', AllocationCount: 1 });
	});
});
