/**
 * The consignment vocabulary (shared/consignments.ts): SortedPRO's consignment answers read one
 * way, and its states named (shared/states.ts).
 */
import {
	allocationOf,
	inState,
	notAbout,
	referenceOf,
	searchPageOf,
	stateOf,
	yourReferenceOf,
} from '../../../nodes/shared/consignments';
import { CONSIGNMENT_STATES, sameState, stateName } from '../../../nodes/shared/states';
import { consignment, summary } from '../../fixtures/documented';

describe('one vocabulary for consignment answers', () => {
	test('the reference, your reference and state from Get, a search summary and Get Status', () => {
		const status = { ConsignmentReferenceForAllLegsAssignedByMpd: 'EC-3', Status: 'Manifested' };
		expect([referenceOf(consignment('EC-1')), stateOf(consignment('EC-1'))]).toEqual([
			'EC-1',
			'Unallocated',
		]);
		expect([referenceOf(summary('EC-2')), stateOf(summary('EC-2'))]).toEqual(['EC-2', 'Allocated']);
		expect([referenceOf(status), stateOf(status)]).toEqual(['EC-3', 'Manifested']);
		expect(yourReferenceOf(summary('EC-2', 'Allocated', 'ORDER-9'))).toBe('ORDER-9');
		expect([referenceOf(undefined), stateOf([]), yourReferenceOf('x')]).toEqual([
			'',
			undefined,
			'',
		]);
	});

	test('notAbout: only one object naming the consignment asked for counts', () => {
		expect(notAbout(consignment('EC-1'), 'EC-1')).toBeUndefined();
		expect(notAbout(consignment('EC-2'), 'EC-1')).toBe(
			"SortedPRO's answer is about consignment EC-2, not EC-1",
		);
		expect(notAbout({}, 'EC-1')).toBe("SortedPRO's answer names no consignment");
		expect(notAbout([consignment('EC-1'), consignment('EC-1')], 'EC-1')).toMatch(/a list of 2/);
		expect(notAbout(undefined, 'EC-1')).toBe('SortedPRO sent no consignment');
	});

	test('inState compares spellings without spaces; allocationOf needs a carrier service', () => {
		expect(inState({ State: 'ReadyToShip' }, ['Ready To Ship'])).toBe(true);
		expect(inState({ State: 'Allocated' }, ['Manifested'])).toBe(false);
		expect(inState({}, ['Allocated'])).toBe(false);
		expect(allocationOf(consignment('EC-1', 'Allocated'))).toMatchObject({
			CarrierReference: 'CARRIER_X',
			CarrierName: 'Carrier X',
			CarrierServiceReference: 'CX_NDS',
			CarrierServiceName: 'Next Day Super',
		});
		expect(allocationOf(consignment('EC-1'))).toBeUndefined();
		expect(allocationOf({ Allocation: { MpdCarrierServiceName: 'no reference' } })).toBeUndefined();
	});

	test('searchPageOf: the documented page, a tolerated bare list unless documented only, nothing else', () => {
		expect(searchPageOf({ Count: 1, ConsignmentSummaries: [summary('EC-1')] })).toEqual({
			count: 1,
			summaries: [summary('EC-1')],
		});
		expect(searchPageOf({ Count: 0, ConsignmentSummaries: null })).toEqual({
			count: 0,
			summaries: [],
		});
		expect(searchPageOf([summary('EC-1')])).toEqual({ summaries: [summary('EC-1')] });
		expect(searchPageOf([summary('EC-1')], true)).toBeUndefined();
		expect(searchPageOf({})).toBeUndefined();
		expect(searchPageOf({ Count: 2, ConsignmentSummaries: null })).toBeUndefined();
		expect(searchPageOf('none')).toBeUndefined();
	});

	test("states: SortedPRO's enum, readable names, delivery states included", () => {
		const values = CONSIGNMENT_STATES.map((state) => state.value);
		expect(values).toEqual(
			expect.arrayContaining([
				'ReadyToShip',
				'InTransit',
				'OutForDelivery',
				'Delivered',
				'DeliveryFailed',
			]),
		);
		expect(new Set(values).size).toBe(values.length);
		expect(stateName('AllocationFailed')).toBe('Allocation Failed');
		expect(sameState('Ready To Ship', 'readytoship')).toBe(true);
		expect(sameState('Allocated', 'AllocationFailed')).toBe(false);
	});
});
