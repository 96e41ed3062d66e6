/** An update built from a read consignment (actions/consignment/consignmentUpdate.ts). */
import { updateRequest } from '../../../../../nodes/SortedPro/actions/consignment/consignmentUpdate';
import { consignment } from '../../../../fixtures/documented';

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
