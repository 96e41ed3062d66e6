/**
 * The simulator speaks SortedPRO's documented shapes: for each documented answer fixture
 * (test/fixtures/documented.ts, each naming its page), the simulator's answer to the same call
 * has every documented field, with a value of the same JSON kind (object, list, text, number,
 * true/false; null may stand for any). So the node's other tests and the e2e suite see what
 * SortedPRO sends, not what the node once assumed.
 */
import nock from 'nock';

import { createSimulator, DEFAULT_API_KEY } from '../../../simulator/server';
import {
	allocateAndGetLabelsAnswer,
	addPackageRequest,
	allocationSummary,
	auditMessage,
	consignment,
	customerManifest,
	dispatchResponse,
	flattenedTracking,
	labelAnswer,
	lateAnswer,
	manifestFromQueryAnswer,
	packageAnswer,
	link,
	quote,
	searchAnswer,
	summary,
	unqualifiedService,
} from '../../fixtures/documented';
import { smallPdf } from '../../../simulator/files';
import { operationWorkflow, runWorkflow } from '../../helpers/engine';

type Simulator = ReturnType<typeof createSimulator>;
let simulator: Simulator;
let baseUrl: string;

beforeAll(async () => {
	nock.enableNetConnect('127.0.0.1');
	simulator = createSimulator({ consignments: 20 });
	baseUrl = await simulator.listen(0);
});

afterAll(async () => {
	await simulator.close();
});

beforeEach(() => simulator.model.reset(20));

/** The node's credential for the simulator. */
const credentials = () => ({
	sortedProApi: { apiKey: DEFAULT_API_KEY, environment: 'custom', baseUrl },
});

async function call(method: string, path: string, body?: unknown) {
	const response = await fetch(`${baseUrl}${path}`, {
		method,
		headers: {
			'ocp-apim-subscription-key': DEFAULT_API_KEY,
			'electio-api-version': '1.1',
			accept: 'application/json',
			...(body === undefined ? {} : { 'content-type': 'application/json' }),
		},
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const text = await response.text();
	return { status: response.status, body: text ? (JSON.parse(text) as unknown) : undefined };
}

const kind = (value: unknown) =>
	value === null ? 'null' : Array.isArray(value) ? 'list' : typeof value;

/** Every path at which `actual` lacks a documented field or has another kind of value. */
function differences(documented: unknown, actual: unknown, path = '$'): string[] {
	if (documented === null || actual === null) return [];
	if (kind(documented) !== kind(actual))
		return [`${path}: documented ${kind(documented)}, simulator ${kind(actual)}`];
	if (Array.isArray(documented) && Array.isArray(actual)) {
		if (documented.length === 0 || actual.length === 0) return [];
		return differences(documented[0], actual[0], `${path}[0]`);
	}
	if (kind(documented) !== 'object') return [];
	const expected = documented as Record<string, unknown>;
	const got = actual as Record<string, unknown>;
	return Object.keys(expected).flatMap((key) =>
		key in got
			? differences(expected[key], got[key], `${path}.${key}`)
			: [`${path}.${key}: missing`],
	);
}

describe('the simulator answers in the documented shapes', () => {
	test('differences() finds a missing field and a field of another kind', () => {
		expect(differences({ A: 1, B: { C: 'x' } }, { B: { C: 2 } })).toEqual([
			'$.A: missing',
			'$.B.C: documented string, simulator number',
		]);
	});

	test('Get Consignment, unallocated and allocated', async () => {
		expect(
			differences(consignment('X'), (await call('GET', '/consignments/EC-SIM-000001')).body),
		).toEqual([]);
		await call('PUT', '/allocation/EC-SIM-000001/allocatewithservicegroup/NEXTDAY');
		const allocated = (await call('GET', '/consignments/EC-SIM-000001')).body;
		expect(differences(consignment('X', 'Allocated'), allocated)).toEqual([]);
		expect(allocated).toMatchObject({ Reference: 'EC-SIM-000001', ConsignmentState: 'Allocated' });
	});

	test('the search, the status and the removed undocumented route', async () => {
		const search = await call('GET', '/consignments/5/0?state=Unallocated');
		expect(differences(searchAnswer(summary('X')), search.body)).toEqual([]);
		const status = await call('GET', '/consignments/EC-SIM-000001/status');
		expect(
			differences(
				{
					ConsignmentReferenceForAllLegsAssignedByMpd: 'X',
					Status: 'Unallocated',
					ApiLink: link('X'),
				},
				status.body,
			),
		).toEqual([]);
		expect((await call('GET', '/consignments/clientReference/ORDER-000001')).status).toBe(404);
	});

	test('allocation answers: a list of one Allocation Summary; list calls, one per consignment', async () => {
		const one = await call('PUT', '/allocation/EC-SIM-000001/allocatewithservicegroup/NEXTDAY');
		expect(differences([allocationSummary('X')], one.body)).toEqual([]);
		const many = await call('PUT', '/allocation/allocatewithservicegroup', {
			ConsignmentReferences: ['EC-SIM-000002', 'EC-SIM-000003'],
			MpdCarrierServiceGroupReference: 'NEXTDAY',
		});
		expect(differences([allocationSummary('X')], many.body)).toEqual([]);
		expect(many.body).toHaveLength(2);
	});

	test('allocation with service filters: a list of Allocation Summaries, drop-off services only when included', async () => {
		const route = '/allocation/allocateConsignmentsWithServiceFilters';
		const without = await call('PUT', route, {
			ConsignmentReferences: ['EC-SIM-000001'],
			Filters: { ServiceDirection: 'Outbound', IsPickup: false, IsDropOff: false },
		});
		expect(differences([allocationSummary('X')], without.body)).toEqual([]);
		const withDropOff = await call('PUT', route, {
			ConsignmentReferences: ['EC-SIM-000002'],
			Filters: { ServiceDirection: 'Outbound', IsPickup: false, IsDropOff: true },
		});
		expect(
			(without.body as Array<{ CarrierServiceReference: string }>)[0].CarrierServiceReference,
		).toBe('CY_NDE');
		expect(
			(withDropOff.body as Array<{ CarrierServiceReference: string }>)[0].CarrierServiceReference,
		).toBe('CZ_48');
	});

	test('allocate all unallocated: what is due at the location, a list of Allocation Summaries', async () => {
		const answer = await call('PUT', `/allocation/allocatewithservicegroup/2100-01-01`, {
			ShipByDate: '2100-01-01T00:00:00Z',
			ShippingLocationReference: 'WAREHOUSE-1',
			MpdCarrierServiceGroupReference: 'NEXTDAY',
		});
		expect(answer.status).toBe(200);
		expect(differences([allocationSummary('X')], answer.body)).toEqual([]);
		expect(answer.body).toHaveLength(20);
		expect((simulator.model.snapshot().states as Record<string, number>).Unallocated ?? 0).toBe(0);
		const none = await call('PUT', '/allocation/allocate/2000-01-01', {
			ShippingLocationReference: 'WAREHOUSE-1',
		});
		expect(none.body).toEqual([]);
	});

	test('allocate and get labels: every route answers an AllocateAndGetLabelsResponse and allocates', async () => {
		for (const route of [
			'/allocation/EC-SIM-000001/labels/PDF',
			'/allocation/EC-SIM-000002/servicegroup/NEXTDAY/labels/ZPL',
			'/allocation/EC-SIM-000003/carrierservice/CX_NDS/labels/PNG',
		]) {
			const answer = await call('PUT', route);
			expect(answer.status).toBe(200);
			expect(differences(allocateAndGetLabelsAnswer('X', smallPdf()), answer.body)).toEqual([]);
		}
		expect(
			['EC-SIM-000001', 'EC-SIM-000002', 'EC-SIM-000003'].map(
				(reference) => simulator.model.consignments.get(reference)?.State,
			),
		).toEqual(['Allocated', 'Allocated', 'Allocated']);
		// Refused as every other call is, and a bad format before allocating.
		expect((await call('PUT', '/allocation/EC-SIM-000001/labels/PDF')).status).toBe(400);
		expect((await call('PUT', '/allocation/EC-SIM-000004/labels/GIF')).status).toBe(400);
		expect(simulator.model.consignments.get('EC-SIM-000004')?.State).toBe('Unallocated');
	});

	test('manifest from query manifests what matches and files customer manifests, read in the documented shapes', async () => {
		for (const reference of ['EC-SIM-000001', 'EC-SIM-000002', 'EC-SIM-000003'])
			await call('PUT', `/allocation/${reference}/allocatewithservicegroup/NEXTDAY`);
		await call('GET', '/labels/EC-SIM-000001/PDF');
		await call('GET', '/labels/EC-SIM-000002/PDF');
		const carrier = simulator.model.consignments.get('EC-SIM-000001')?.Allocation.CarrierReference;

		const query = await call('POST', '/consignments/manifestFromQuery', {
			ShippingLocationReferences: ['WAREHOUSE-1'],
			States: ['Allocated'],
			Carriers: [carrier],
			LabelsPrinted: true,
		});
		expect(query.status).toBe(200);
		expect(differences(manifestFromQueryAnswer(1, 1, ['X']), query.body)).toEqual([]);
		// Manifested: those with labels printed and allocated to that carrier; EC-SIM-000003 has no label.
		const matching = ['EC-SIM-000001', 'EC-SIM-000002'].filter(
			(reference) =>
				simulator.model.consignments.get(reference)?.Allocation.CarrierReference === carrier,
		);
		expect(
			['EC-SIM-000001', 'EC-SIM-000002', 'EC-SIM-000003'].filter(
				(reference) => simulator.model.consignments.get(reference)?.State === 'Manifested',
			),
		).toEqual(matching);
		expect((query.body as { Message: string }).Message).toBe(
			`Query found ${matching.length} consignment(s). ${matching.length} successfully queued to manifest. 0 failed to be added to the queue`,
		);
		// States is required, as the help page says; PUT is answered as well.
		expect((await call('PUT', '/consignments/manifestFromQuery', {})).status).toBe(400);

		const list = await call(
			'GET',
			'/consignments/customer/manifests?shippingLocationReference=WAREHOUSE-1',
		);
		expect(differences([customerManifest('X')], list.body)).toEqual([]);
		const view = await call('GET', '/consignments/manifests');
		expect(
			differences({ Manifests: [customerManifest('X')], TotalRecords: 1, PageSize: 1 }, view.body),
		).toEqual([]);
		const [first] = list.body as Array<{ ManifestReference: string; BookingsCount: number }>;
		expect(first.BookingsCount).toBeGreaterThan(0);

		const { output, error } = await runWorkflow(
			operationWorkflow('manifest', 'getCustomerManifest', {
				manifestReference: first.ManifestReference,
			}),
			[{}],
			credentials(),
		);
		expect(error).toBeUndefined();
		expect(output?.[0].binary?.data?.mimeType).toBe('application/pdf');
		expect((await call('GET', '/consignments/customer/manifest/nope')).status).toBe(404);
	});

	test('dispatch answers a DispatchResponse per consignment and dispatches only manifested ones', async () => {
		await call('PUT', '/allocation/EC-SIM-000001/allocatewithservicegroup/NEXTDAY');
		await call('PUT', '/consignments/manifest', { ConsignmentReferences: ['EC-SIM-000001'] });
		const answer = await call('PUT', '/consignments/Dispatch', {
			ConsignmentReferences: ['EC-SIM-000001', 'EC-SIM-000002', 'EC-NOPE'],
		});
		expect(differences([dispatchResponse('X')], answer.body)).toEqual([]);
		expect((answer.body as Array<{ Status: string }>).map((entry) => entry.Status)).toEqual([
			'Success',
			'Failed',
			'NotFound',
		]);
		expect(simulator.model.consignments.get('EC-SIM-000001')?.State).toBe('Dispatched');
		expect(simulator.model.consignments.get('EC-SIM-000002')?.State).toBe('Unallocated');
	});

	test('tracking per package and the audit messages in their documented shapes', async () => {
		await call('PUT', '/allocation/EC-SIM-000001/allocatewithservicegroup/NEXTDAY');
		await call('GET', '/labels/EC-SIM-000001/PDF');
		const flattened = await call('GET', '/tracking/flattened/EC-SIM-000001');
		expect(differences(flattenedTracking('X'), flattened.body)).toEqual([]);
		const audit = await call('GET', '/consignments/EC-SIM-000001/audit');
		expect(differences([auditMessage('X')], audit.body)).toEqual([]);
		expect((audit.body as Array<{ Category: number }>).map((entry) => entry.Category)).toContain(3);
		expect((await call('GET', '/consignments/EC-NOPE/audit')).status).toBe(404);
		simulator.model.markLate(['EC-SIM-000002', 'EC-SIM-000003']);
		const late = await call('GET', '/consignments/late?pageSize=1&startPage=1');
		expect(differences(lateAnswer(1, summary('X')), late.body)).toEqual([]);
		expect(late.body).toMatchObject({
			TotalNumberOfLateConsignments: 2,
			ConsignmentSummaries: [{ Reference: 'EC-SIM-000003', IsLate: true }],
		});
		expect((await call('GET', '/collectioncalendar/WAREHOUSE-1/CARRIER_X')).body).toMatchObject({
			Rules: expect.any(Array),
		});
		expect((await call('GET', '/collectioncalendar/NOWHERE/CARRIER_X')).status).toBe(404);
		const count = await call('GET', '/consignments/count?state=Allocated');
		expect(count).toEqual({ status: 200, body: 1 });
		expect((await call('GET', '/consignments/count')).status).toBe(400);
	});

	test('packages: add answers the new Package; remove and update change only what they name', async () => {
		const added = await call('POST', '/consignments/EC-SIM-000001/addpackage', addPackageRequest);
		expect(added.status).toBe(201);
		expect(differences(packageAnswer('X'), added.body)).toEqual([]);
		const sized = await call('POST', '/consignments/EC-SIM-000001/addpackage', {
			PackageSizeReference: 'SMALL-BOX',
		});
		expect(sized.body).toMatchObject({ PackageSizeReference: 'SMALL-BOX', Weight: { Value: 1 } });
		expect((await call('GET', '/packagesizes/default')).body).toMatchObject({
			Reference: 'SMALL-BOX',
		});

		const { output, error } = await runWorkflow(
			operationWorkflow('package', 'update', {
				consignmentReference: 'EC-SIM-000001',
				packageReference: (added.body as { Reference: string }).Reference,
				updateFields: { weight: 3 },
			}),
			[{}],
			credentials(),
		);
		expect(error).toBeUndefined();
		expect(output?.[0].json).toMatchObject({ Updated: true });
		const packages = simulator.model.consignments.get('EC-SIM-000001')?.Packages;
		expect(packages).toHaveLength(3);
		expect(packages?.[1]).toMatchObject({
			Weight: { Value: 3 },
			Description: 'Updated Description',
			Dimensions: { Height: 10 },
		});
		const removed = await call(
			'POST',
			`/consignments/EC-SIM-000001/removepackage/${(sized.body as { Reference: string }).Reference}`,
		);
		expect(removed.status).toBe(200);
		expect(simulator.model.consignments.get('EC-SIM-000001')?.Packages).toHaveLength(2);
	});

	test('create and update answer with links; labels, documents and quotes in their documented shapes', async () => {
		const created = await call('POST', '/consignments', {
			Packages: [{ Weight: { Value: 1, Unit: 'Kg' } }],
			Addresses: [
				{ AddressType: 'Origin', ShippingLocationReference: 'WAREHOUSE-1' },
				{
					AddressType: 'Destination',
					AddressLine1: '1 Rue',
					Country: { IsoCode: { TwoLetterCode: 'DE' } },
				},
			],
		});
		expect(created.status).toBe(201);
		expect(differences([link('X')], created.body)).toEqual([]);
		const reference = String((created.body as Array<{ Href: string }>)[0].Href.split('/').pop());

		const updated = await call('PUT', '/consignments/', {
			Reference: 'EC-SIM-000001',
			Tags: ['x'],
		});
		expect(differences([link('X')], updated.body)).toEqual([]);

		const quotes = await call('GET', `/quotes/consignment/${reference}`);
		expect(
			differences(
				{
					QuoteRequestReference: 'r',
					Quotes: [quote('q', 'S', 1)],
					UnqualifiedServices: [unqualifiedService('S', 'R')],
				},
				quotes.body,
			),
		).toEqual([]);

		await call('PUT', '/allocation/allocatewithcarrierservice', {
			MpdCarrierServiceReference: 'CX_EU',
			ConsignmentReferences: [reference],
		});
		const label = await call('GET', `/labels/${reference}/PDF`);
		expect(differences(labelAnswer(smallPdf()), label.body)).toEqual([]);
		const file = Buffer.from((label.body as { File: string }).File, 'base64').toString('latin1');
		expect(Buffer.from(file, 'base64').subarray(0, 5).toString('latin1')).toBe('%PDF-');

		const documents = await call('GET', `/consignments/docs/${reference}`);
		expect(
			differences(
				{
					CommercialInvoiceDocuments: [{ Key: 'k', Value: 'v' }],
					CN22Documents: [],
					CN23Documents: [],
				},
				documents.body,
			),
		).toEqual([]);
	});
});

describe('the node against the documented simulator', () => {
	const orders = ['ORDER-A1', 'ORDER-A10', 'ORDER-A2'].map((order) => ({ order }));
	const importOrders = () =>
		runWorkflow(
			operationWorkflow('consignment', 'create', {
				shippingLocationReference: { __rl: true, mode: 'id', value: 'WAREHOUSE-1' },
				destination: { addressLine1: '1 High Street', postcode: 'LS1 1AA', countryCode: 'GB' },
				packages: { package: [{ weight: 1 }] },
				additionalFields: { customerReference: '={{ $json.order }}' },
			}),
			orders,
			credentials(),
		);

	test('an import run twice creates each order once, with no undocumented route to lean on', async () => {
		const before = simulator.model.consignments.size;
		const first = await importOrders();
		const second = await importOrders();

		expect(first.error).toBeUndefined();
		expect(second.error).toBeUndefined();
		expect(simulator.model.consignments.size).toBe(before + 3);
		expect(
			second.output?.map((item) => [item.json.ConsignmentReference, item.json.existing]),
		).toEqual(first.output?.map((item) => [item.json.ConsignmentReference, true]));
	});

	test('an update changes the tags and deletes nothing SortedPRO would delete if omitted', async () => {
		const read = async () =>
			(await call('GET', '/consignments/EC-SIM-000001')).body as Record<string, unknown>;
		const before = await read();

		const { output, error } = await runWorkflow(
			operationWorkflow('consignment', 'update', {
				consignmentReference: 'EC-SIM-000001',
				updateFields: { tags: 'priority' },
			}),
			[{}],
			credentials(),
		);

		expect(error).toBeUndefined();
		expect(output?.[0].json).toMatchObject({ Updated: true, Changed: ['Tags'] });
		const after = await read();
		expect(after.Tags).toEqual(['priority']);
		for (const field of [
			'ShippingDate',
			'RequestedDeliveryDate',
			'ConsignmentReferenceProvidedByCustomer',
			'CustomsDocumentation',
			'MetaData',
			'Addresses',
			'Packages',
		])
			expect([field, after[field]]).toEqual([field, before[field]]);
		expect(before.ConsignmentReferenceProvidedByCustomer).toBeTruthy();
		expect((before.Addresses as unknown[]).length).toBe(2);
	});

	test('a manifest answered 202 Accepted is a success with the state reached, sent once', async () => {
		await call('PUT', '/allocation/EC-SIM-000001/allocatewithservicegroup/NEXTDAY');
		simulator.config.accept202 = /manifest/;
		const manifested = () =>
			simulator.model.consignments
				.get('EC-SIM-000001')
				?.History.filter((entry: { State: string }) => entry.State === 'Manifesting').length;

		const { output, error } = await runWorkflow(
			operationWorkflow('manifest', 'manifest', { consignmentReference: 'EC-SIM-000001' }),
			[{}],
			credentials(),
		);
		simulator.config.accept202 = null;

		expect(error).toBeUndefined();
		expect(output?.[0].json).toMatchObject({
			ConsignmentReference: 'EC-SIM-000001',
			Accepted: true,
		});
		expect(['Manifesting', 'Manifested']).toContain(output?.[0].json.ConsignmentState);
		expect(manifested()).toBe(1);
	});
});
