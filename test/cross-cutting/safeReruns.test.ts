/**
 * Safe re-runs: one name for the consignment in every output, and a crashed run run again
 * against the simulator. (If Already Allocated, If Your Reference Already Exists, Get By Your
 * Reference and Set Ready To Ship have their tests beside their operations, under test/node/.)
 */
import nock from 'nock';

import { createSimulator, DEFAULT_API_KEY } from '../../simulator/server';
import { operationWorkflow, references, runWorkflow } from '../helpers/engine';
import { sortedPro } from '../helpers/sortedPro';

const group = { serviceGroup: { __rl: true, mode: 'id', value: 'NEXTDAY' } };
const allocate = (options: Record<string, string | boolean> = {}, settings = {}) =>
	operationWorkflow('allocation', 'allocateWithServiceGroup', { ...group, options }, settings);

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
