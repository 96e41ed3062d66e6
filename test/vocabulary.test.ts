/**
 * The pure modules that read SortedPRO's consignment answers one way (helpers/consignments.ts),
 * name its states (helpers/states.ts), read its quotes (helpers/quotes.ts) and build an update
 * from a read consignment (actions/consignment/consignmentUpdate.ts).
 */
import {
	allocationOf,
	inState,
	notAbout,
	referenceOf,
	searchPageOf,
	stateOf,
	yourReferenceOf,
} from '../nodes/shared/consignments';
import {
	cheapestFirst,
	quoteFields,
	quoteLabel,
	quotesAnswerOf,
} from '../nodes/SortedPro/helpers/quotes';
import { CONSIGNMENT_STATES, sameState, stateName } from '../nodes/shared/states';
import { updateRequest } from '../nodes/SortedPro/actions/consignment/consignmentUpdate';
import { consignment, quote, summary } from './contracts/documented';

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

describe('quotes', () => {
	test('the documented answer: quotes, unqualified services, Quotes: null, and what is not one', () => {
		expect(
			quotesAnswerOf({ Quotes: null, UnqualifiedServices: [{ ExclusionReason: 'r' }] }),
		).toEqual({
			quotes: [],
			unqualified: [{ ExclusionReason: 'r' }],
		});
		expect(quotesAnswerOf({ UnqualifiedServices: [] })).toBeUndefined();
		expect(quotesAnswerOf({ Quotes: 'none' })).toBeUndefined();
		expect(quotesAnswerOf([quote('q', 'S', 1)])?.quotes).toHaveLength(1);
	});

	test('the fields a user maps, the picker label and the order', () => {
		const cheap = quote('q-1', 'Economy', 4.2);
		expect(quoteFields(cheap)).toEqual({
			CarrierName: 'ROYAL_MAIL',
			CarrierReference: 'ROYAL_MAIL',
			CarrierServiceName: 'Economy',
			CarrierServiceReference: 'MPD_ECONOMY',
			GrossPrice: 4.2,
			NetPrice: 3.5,
			CurrencyIsoCode: 'GBP',
		});
		expect(quoteLabel(cheap)).toBe('ROYAL_MAIL Economy – 4.20 GBP');
		expect(
			cheapestFirst([quote('q-2', 'Express', 9), cheap, { QuoteReference: 'no price' }]).map(
				(q) => q.QuoteReference,
			),
		).toEqual(['q-1', 'q-2', 'no price']);
	});
});

describe('updateRequest', () => {
	const read = consignment('EC-1');

	test('keeps every field SortedPRO would delete if omitted, and sends packages as UpdatePackageRequests', () => {
		const { body, changed } = updateRequest('EC-1', read, { tags: ['x'] });
		expect(changed).toEqual(['Tags']);
		expect(body).toMatchObject({
			Reference: 'EC-1',
			ShippingDate: read.ShippingDate,
			RequestedDeliveryDate: read.RequestedDeliveryDate,
			ConsignmentReferenceProvidedByCustomer: read.ConsignmentReferenceProvidedByCustomer,
			CustomsDocumentation: null,
			Addresses: read.Addresses,
			MetaData: read.MetaData,
			Tags: ['x'],
		});
		const [pkg] = body.Packages as Array<Record<string, unknown>>;
		expect(Object.keys(pkg)).not.toContain('ConsignmentLegs');
		expect(pkg).toMatchObject({ Reference: 'EP-000-05E-YRQ', Weight: { Value: 0.5, Unit: 'Kg' } });
		for (const readOnly of ['ConsignmentState', 'Allocation', 'Source', 'ConsignmentLegs'])
			expect(Object.keys(body)).not.toContain(readOnly);
	});

	test('metadata is set by key, an address is changed by its AddressType, JSON fields replace', () => {
		const { body, changed } = updateRequest('EC-1', read, {
			metadata: [
				{ KeyValue: 'Channel', StringValue: 'Shop' },
				{ KeyValue: 'Gift', StringValue: 'yes' },
			],
			json: {
				Addresses: [{ AddressType: 'Destination', Postcode: 'LS1 1AA' }],
				RequestedDeliveryDate: { Date: '2026-12-24' },
				Reference: 'EC-OTHER',
			},
		});
		expect(changed).toEqual(['MetaData', 'Addresses', 'RequestedDeliveryDate']);
		expect(body.Reference).toBe('EC-1');
		expect(body.MetaData).toEqual([
			{ KeyValue: 'Channel', StringValue: 'Shop' },
			{ KeyValue: 'Gift', StringValue: 'yes' },
		]);
		const addresses = body.Addresses as Array<Record<string, unknown>>;
		expect(addresses[1]).toMatchObject({ AddressLine1: '13 Porter Street', Postcode: 'LS1 1AA' });
		expect(addresses[0]).toEqual((read.Addresses as unknown[])[0]);
		expect(body.RequestedDeliveryDate).toEqual({ Date: '2026-12-24' });
		// The read consignment itself is not changed.
		expect((read.Addresses as Array<Record<string, unknown>>)[1].Postcode).toBe('M1 5WG');
	});
});
