/**
 * Safe re-runs and look-ups by your own reference: If Already Allocated, If Your Reference
 * Already Exists, Get By Your Reference, Set Ready To Ship, and one name for the
 * consignment in every output. Engine tests with nock, and the simulator for the re-runs.
 */
import nock from 'nock';

import { createSimulator, DEFAULT_API_KEY } from '../simulator/server';
import { operationWorkflow, references, runWorkflow } from './helpers/engine';
import { listResult, sortedPro } from './helpers/sortedPro';
import {
	allocationSummary,
	consignment,
	link,
	searchAnswer,
	summary,
} from './contracts/documented';

const continueOnFail = { onError: 'continueRegularOutput' as const };
const group = { serviceGroup: { __rl: true, mode: 'id', value: 'NEXTDAY' } };
const allocate = (options: Record<string, string | boolean> = {}, settings = {}) =>
	operationWorkflow('allocation', 'allocateWithServiceGroup', { ...group, options }, settings);
const refusedAllocated = (reference: string) => ({
	Message: `Consignment ${reference} is in state Allocated and cannot be allocated`,
});
/**
 * A consignment as Get Consignment answers it once allocated (help/getting_consignment_data.md):
 * the carrier service in Allocation, the carrier in ConsignmentLegs. Carrier Y, so that it is
 * never mistaken for a fresh allocation's Carrier X.
 */
const carrierYLeg = {
	Leg: 1,
	TrackingReferences: ['TRK-Y-1'],
	CarrierReference: 'CARRIER_Y',
	CarrierServiceReference: null,
	CarrierName: 'Carrier Y',
};
const allocatedConsignment = (reference: string) => {
	const allocated = consignment(reference, 'Allocated');
	return {
		...allocated,
		ConsignmentLegs: [carrierYLeg],
		Allocation: {
			...(allocated.Allocation as Record<string, unknown>),
			MpdCarrierServiceReference: 'CY_NDE',
			MpdCarrierServiceName: 'Next Day Economy',
		},
	};
};
/** What Return Current Allocation outputs for it: the fields of a fresh allocation's answer. */
const currentAllocation = (reference: string) => ({
	ConsignmentReference: reference,
	State: 'Allocated',
	CarrierReference: 'CARRIER_Y',
	CarrierName: 'Carrier Y',
	CarrierServiceReference: 'CY_NDE',
	CarrierServiceName: 'Next Day Economy',
	ConsignmentLegs: [carrierYLeg],
	alreadyAllocated: true,
});
/** How the simulator reports a refused consignment of a list allocation (not documented). */
const refusedSummary = (reference: string, message: string) => ({
	StatusCode: 400,
	ApiLinks: [{ Rel: 'detail', Href: `https://api.electioapp.com/consignments/${reference}` }],
	Description: message,
	ConsignmentLegs: [],
});

describe('Allocation: If Already Allocated', () => {
	test('Return Current Allocation: an allocated consignment is a success with its carrier and service', async () => {
		const api = sortedPro()
			.put('/allocation/EC-1/allocatewithservicegroup/NEXTDAY')
			.reply(400, refusedAllocated('EC-1'))
			.get('/consignments/EC-1')
			.reply(200, allocatedConsignment('EC-1'))
			.put('/allocation/EC-2/allocatewithservicegroup/NEXTDAY')
			// Documented: a list of one Allocation Summary.
			.reply(200, [allocationSummary('EC-2')]);

		const { output, error } = await runWorkflow(
			allocate({ ifAlreadyAllocated: 'returnCurrent' }),
			references('EC-1', 'EC-2'),
		);

		expect(error).toBeUndefined();
		expect(api.isDone()).toBe(true);
		expect(output?.[0]).toEqual({ json: currentAllocation('EC-1'), pairedItem: { item: 0 } });
		expect(output?.[1].json).toMatchObject({
			ConsignmentReference: 'EC-2',
			CarrierName: 'Carrier X',
		});
		expect(output?.[1].json.alreadyAllocated).toBeUndefined();
	});

	test('the same in batches: a refused entry whose consignment is Allocated succeeds', async () => {
		sortedPro()
			.put('/allocation/allocatewithservicegroup')
			// Documented: List<AllocationSummary>, one per consignment.
			.reply(200, [
				refusedSummary('EC-1', refusedAllocated('EC-1').Message),
				allocationSummary('EC-2'),
			])
			.get('/consignments/EC-1')
			.reply(200, allocatedConsignment('EC-1'));

		const { output } = await runWorkflow(
			allocate({ ifAlreadyAllocated: 'returnCurrent', sendInBatches: true }),
			references('EC-1', 'EC-2'),
		);

		expect(
			output?.map((item) => [item.json.ConsignmentReference, item.json.alreadyAllocated ?? false]),
		).toEqual([
			['EC-1', true],
			['EC-2', false],
		]);
		expect(output?.[0].json).toEqual(currentAllocation('EC-1'));
		expect(output?.[1].json).toMatchObject({ CarrierName: 'Carrier X' });
	});

	test('a refusal for another reason stays an error, and Error (the default) does not look', async () => {
		const api = sortedPro()
			.put('/allocation/EC-1/allocatewithservicegroup/NEXTDAY')
			.reply(400, { Message: 'No carrier service in NEXTDAY is eligible' })
			.put('/allocation/EC-2/allocatewithservicegroup/NEXTDAY')
			.reply(400, refusedAllocated('EC-2'));
		// Were they read back, both would look allocated: neither may be.
		const readBacks = sortedPro()
			.get('/consignments/EC-1')
			.reply(200, allocatedConsignment('EC-1'))
			.get('/consignments/EC-2')
			.reply(200, allocatedConsignment('EC-2'));

		const returnCurrent = await runWorkflow(
			allocate({ ifAlreadyAllocated: 'returnCurrent' }, continueOnFail),
			references('EC-1'),
		);
		const byDefault = await runWorkflow(allocate({}, continueOnFail), references('EC-2'));

		expect(api.isDone()).toBe(true);
		expect(readBacks.pendingMocks()).toHaveLength(2);
		expect(returnCurrent.output?.[0].json.alreadyAllocated).toBeUndefined();
		expect(byDefault.output?.[0].json.alreadyAllocated).toBeUndefined();
		expect(returnCurrent.output?.[0].json.error).toContain(
			'No carrier service in NEXTDAY is eligible',
		);
		expect(byDefault.output?.[0].json.error).toContain(
			'is in state Allocated and cannot be allocated',
		);
	});

	test('only allocations offer it', async () => {
		const { loadPackage, NODE_TYPE } = await import('./helpers/engine');
		const { nodeTypes } = await loadPackage();
		const { properties } = nodeTypes.getByNameAndVersion(NODE_TYPE, 1).description;
		const offeredFor = properties
			.filter((property) => property.name === 'options')
			.filter((property) =>
				property.options?.some(
					(option) => 'name' in option && option.name === 'ifAlreadyAllocated',
				),
			)
			.map(
				(property) =>
					`${property.displayOptions?.show?.resource}.${property.displayOptions?.show?.operation}`,
			);

		expect(offeredFor.sort()).toEqual([
			'allocation.allocate',
			'allocation.allocateWithCarrierService',
			'allocation.allocateWithDefaultRules',
			'allocation.allocateWithQuote',
			'allocation.allocateWithServiceGroup',
		]);
	});
});

describe('Consignment > Create: If Your Reference Already Exists', () => {
	const create = (ifYourReferenceExists?: string, settings = {}) =>
		operationWorkflow(
			'consignment',
			'create',
			{
				inputMode: 'json',
				jsonBody:
					'={{ JSON.stringify({ ConsignmentReferenceProvidedByCustomer: $json.order, Packages: [] }) }}',
				...(ifYourReferenceExists ? { ifYourReferenceExists } : {}),
			},
			settings,
		);
	/** SortedPRO's documented search by your reference (help/getting_consignment_data.md). */
	const search = (yourReference: string) =>
		sortedPro().get('/consignments/100/0').query({ referenceProvidedByCustomer: yourReference });
	const existing = summary('EC-7', 'Allocated', 'ORDER 1/2');

	test('Return Existing (the default): the existing consignment, marked existing, and nothing created', async () => {
		const api = search('ORDER 1/2').reply(200, searchAnswer(existing));
		const post = sortedPro()
			.post('/consignments')
			.reply(201, [link('EC-70')]);

		const { output, error } = await runWorkflow(create(), [{ order: 'ORDER 1/2' }]);

		expect(error).toBeUndefined();
		expect(api.isDone()).toBe(true);
		expect(post.isDone()).toBe(false);
		expect(output?.[0].json).toEqual({ ...existing, ConsignmentReference: 'EC-7', existing: true });
	});

	test('a reference SortedPRO does not have is created, once', async () => {
		// The search finds only ORDER-20, which is not ORDER-2.
		const api = search('ORDER-2')
			.reply(200, searchAnswer(summary('EC-20', 'Allocated', 'ORDER-20')))
			.post('/consignments')
			.once()
			.reply(201, [link('EC-8')]);

		const { output } = await runWorkflow(create(), [{ order: 'ORDER-2' }]);

		expect(api.isDone()).toBe(true);
		expect(output?.[0].json).toMatchObject({ ConsignmentReference: 'EC-8' });
		expect(output?.[0].json.existing).toBeUndefined();
	});

	test('Create Another does not look; Error names the existing consignment', async () => {
		const api = sortedPro()
			.post('/consignments')
			.reply(201, [link('EC-9')])
			.get('/consignments/100/0')
			.query({ referenceProvidedByCustomer: 'ORDER-3' })
			.reply(200, searchAnswer(summary('EC-3', 'Allocated', 'ORDER-3')));

		const another = await runWorkflow(create('createAnother'), [{ order: 'ORDER-3' }]);
		const refused = await runWorkflow(create('error', continueOnFail), [{ order: 'ORDER-3' }]);

		expect(api.isDone()).toBe(true);
		expect(another.output?.[0].json.ConsignmentReference).toBe('EC-9');
		expect(refused.output?.[0].json).toMatchObject({
			error: 'A consignment with your reference ORDER-3 already exists: EC-3',
			errorDescription: expect.stringContaining('Nothing was created'),
		});
	});

	test('a look-up that fails is an error, never taken for "none exists"', async () => {
		const api = search('ORDER-4')
			.reply(401, { message: 'Access denied' })
			// An answer that is not a search answer is no more "none" than a refusal is.
			.get('/consignments/100/0')
			.query({ referenceProvidedByCustomer: 'ORDER-4' })
			.reply(200, {});
		const post = sortedPro()
			.post('/consignments')
			.reply(201, [link('EC-40')]);

		const refused = await runWorkflow(create(), [{ order: 'ORDER-4' }]);
		const unreadable = await runWorkflow(create(), [{ order: 'ORDER-4' }]);

		expect(api.isDone()).toBe(true);
		expect(post.isDone()).toBe(false);
		for (const { error } of [refused, unreadable]) {
			expect(error?.message).toContain(
				'Could not look for a consignment with your reference ORDER-4',
			);
		}
		expect(unreadable.error?.message).toContain('not a consignment search answer');
	});
});

describe('Consignment > Get By Your Reference', () => {
	const byYourReference = (settings = {}) =>
		operationWorkflow(
			'consignment',
			'getByClientReference',
			{ clientReference: '={{ $json.order }}' },
			settings,
		);

	test('finds the consignment (reference encoded), named like every other output, paired to its item', async () => {
		// The search (a "#" not encoded would cut the query short), then the consignment it names.
		const found = consignment('EC-1', 'Unallocated', 'ORDER #1');
		const api = sortedPro()
			.get('/consignments/100/0')
			.query({ referenceProvidedByCustomer: 'ORDER #1' })
			.reply(200, searchAnswer(summary('EC-1', 'Unallocated', 'ORDER #1')))
			.get('/consignments/EC-1')
			.reply(200, found)
			.get('/consignments/100/0')
			.query({ referenceProvidedByCustomer: 'ORDER-2' })
			.reply(200, searchAnswer());

		const { output } = await runWorkflow(byYourReference(continueOnFail), [
			{ order: 'ORDER #1' },
			{ order: 'ORDER-2' },
		]);

		expect(api.isDone()).toBe(true);
		expect(output?.[0]).toEqual({
			json: { ...found, ConsignmentReference: 'EC-1' },
			pairedItem: { item: 0 },
		});
		expect(output?.[1].json).toMatchObject({ ConsignmentReference: null });
		expect(output?.[1].json.error).toBe('SortedPRO has no consignment with your reference ORDER-2');
		expect(output?.[1].pairedItem).toEqual({ item: 1 });
	});

	test('an empty reference names the field and the item before anything is sent', async () => {
		const { error } = await runWorkflow(byYourReference(), [{ order: ' ' }]);

		expect(error?.message).toBe('"Your Reference" is empty in item 0');
	});
});

describe('Consignment > Set Ready To Ship', () => {
	test('in list calls; a refused consignment is its own item', async () => {
		const api = sortedPro()
			.put('/consignments/setreadytoship', ['EC-1', 'EC-2'])
			.reply(200, [
				listResult('EC-1'),
				listResult('EC-2', false, 'Consignment EC-2 is in state Unallocated'),
			]);

		const { output } = await runWorkflow(
			operationWorkflow('consignment', 'setReadyToShip', {}, continueOnFail),
			references('EC-1', 'EC-2'),
		);

		expect(api.isDone()).toBe(true);
		expect(output?.[0].json).toMatchObject({ ConsignmentReference: 'EC-1', IsSuccess: true });
		expect(output?.[1].json).toMatchObject({
			ConsignmentReference: 'EC-2',
			consignmentReference: 'EC-2',
			error:
				'Could not set consignment EC-2 ready to ship: Consignment EC-2 is in state Unallocated',
		});
		expect(output?.[1].json.errorDescription).toContain(
			'Only allocated consignments can be set ready to ship',
		);
	});
});

describe('one name for the consignment', () => {
	test('Get Many items carry ConsignmentReference beside SortedPRO’s own Reference', async () => {
		sortedPro()
			.get('/consignments/2/0')
			.query(true)
			.reply(200, [{ Reference: 'EC-1' }, { ConsignmentReference: 'EC-2' }]);

		const { output } = await runWorkflow(operationWorkflow('consignment', 'getAll', { limit: 2 }), [
			{},
		]);

		expect(output?.map((item) => item.json)).toEqual([
			{ Reference: 'EC-1', ConsignmentReference: 'EC-1' },
			{ ConsignmentReference: 'EC-2' },
		]);
	});
});

describe('a crashed run, run again, against the simulator', () => {
	let simulator: ReturnType<typeof createSimulator>;
	let credentials: { sortedProApi: { apiKey: string; environment: string; baseUrl: string } };

	beforeAll(async () => {
		nock.enableNetConnect('127.0.0.1');
		simulator = createSimulator({ consignments: 10 });
		const baseUrl = await simulator.listen(0);
		credentials = { sortedProApi: { apiKey: DEFAULT_API_KEY, environment: 'custom', baseUrl } };
	});

	afterAll(async () => {
		await simulator.close();
	});

	test('with Return Current Allocation every item succeeds and each consignment is allocated once', async () => {
		const refs = ['EC-SIM-000001', 'EC-SIM-000002', 'EC-SIM-000003', 'EC-SIM-000004'];
		// The first run got halfway.
		await runWorkflow(allocate(), references(...refs.slice(0, 2)), credentials);

		for (const sendInBatches of [false, true]) {
			const { output, error } = await runWorkflow(
				allocate({ ifAlreadyAllocated: 'returnCurrent', sendInBatches }),
				references(...refs),
				credentials,
			);
			expect(error).toBeUndefined();
			expect(output?.map((item) => item.json.ConsignmentReference)).toEqual(refs);
			expect(output?.every((item) => item.json.CarrierServiceReference === 'CY_NDE')).toBe(true);
		}
		for (const reference of refs) {
			expect(simulator.model.consignments.get(reference)).toMatchObject({
				State: 'Allocated',
				AllocationCount: 1,
			});
		}
	});

	test('an import run twice creates each order once', async () => {
		const create = operationWorkflow('consignment', 'create', {
			inputMode: 'json',
			jsonBody:
				'={{ JSON.stringify({ ConsignmentReferenceProvidedByCustomer: $json.order, Packages: [{ Weight: { Value: 1, Unit: "Kg" } }], Addresses: [{ AddressType: "Origin", ShippingLocationReference: "WAREHOUSE-1" }, { AddressType: "Destination", Country: { IsoCode: { TwoLetterCode: "GB" } } }] }) }}',
		});
		const orders = [{ order: 'SHOP-1' }, { order: 'SHOP-2' }];
		const before = simulator.model.consignments.size;

		const first = await runWorkflow(create, orders, credentials);
		expect(first.error?.message).toBeUndefined();
		const second = await runWorkflow(create, orders, credentials);

		expect(simulator.model.consignments.size).toBe(before + 2);
		expect(second.output?.map((item) => item.json.ConsignmentReference)).toEqual(
			first.output?.map((item) => item.json.ConsignmentReference),
		);
		expect(second.output?.every((item) => item.json.existing === true)).toBe(true);
	});
});
