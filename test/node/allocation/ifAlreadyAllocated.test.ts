/** Allocations with If Already Allocated: safe re-runs of a run that stopped halfway. */

import { operationWorkflow, references, runWorkflow } from '../../helpers/engine';
import { sortedPro } from '../../helpers/sortedPro';
import { allocationSummary, consignment } from '../../fixtures/documented';

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
		const { loadPackage, NODE_TYPE } = await import('../../helpers/engine');
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
			'allocation.allocateWithServiceFilters',
			'allocation.allocateWithServiceGroup',
		]);
	});
});
