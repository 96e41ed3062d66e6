/** The Create fields to SortedPRO's consignment, without a workflow around it. */
import {
	InputError,
	brokenTextPath,
	consignmentFromFields,
	consignmentFromJson,
} from '../../../../../nodes/SortedPro/actions/consignment/consignmentBody';
import type { ConsignmentFields } from '../../../../../nodes/SortedPro/actions/consignment/consignmentBody';

const fields = (change: Partial<ConsignmentFields> = {}): ConsignmentFields => ({
	shippingLocationReference: 'EST-1',
	destination: {
		addressLine1: '1 High St',
		town: 'Leeds',
		countryCode: 'gb',
		postcode: ' LS1 1AA ',
		firstName: 'Jo',
	},
	packages: [{ weight: 1.5 }],
	additionalFields: {},
	...change,
});

const inputError = (run: () => unknown): InputError => {
	let caught: unknown;
	try {
		run();
	} catch (error) {
		caught = error;
	}
	expect(caught).toBeInstanceOf(InputError);
	return caught as InputError;
};

describe('consignmentFromFields', () => {
	test('origin and destination addresses, packages in kg and cm, values in upper-case currency', () => {
		const body = consignmentFromFields(
			fields({
				packages: [
					{
						weight: '2',
						length: 30,
						width: 20,
						height: 10,
						value: 9.5,
						currency: 'eur',
						description: ' Shoes ',
					},
				],
				additionalFields: {
					customerReference: ' ORDER-1 ',
					tags: 'web, , priority',
					shippingDate: '2026-11-26',
					metadata: {
						entry: [
							{ key: 'channel', value: 'shop' },
							{ key: ' ', value: 'ignored' },
						],
					},
				},
			}),
			0,
		);

		// The shipping location is sent only in the Origin address (includes/_create_consignments.md).
		expect(body).toEqual({
			Direction: 'Outbound',
			Packages: [
				{
					Weight: { Value: 2, Unit: 'Kg' },
					Dimensions: { Unit: 'Cm', Length: 30, Width: 20, Height: 10 },
					Value: { Amount: 9.5, Currency: { IsoCode: 'EUR' } },
					Description: 'Shoes',
				},
			],
			Addresses: [
				{ AddressType: 'Origin', ShippingLocationReference: 'EST-1' },
				{
					AddressType: 'Destination',
					Country: { IsoCode: { TwoLetterCode: 'GB' } },
					Contact: { FirstName: 'Jo' },
					AddressLine1: '1 High St',
					Town: 'Leeds',
					Postcode: 'LS1 1AA',
				},
			],
			ConsignmentReferenceProvidedByCustomer: 'ORDER-1',
			ShippingDate: '2026-11-26',
			Tags: ['web', 'priority'],
			MetaData: [{ KeyValue: 'channel', StringValue: 'shop' }],
		});
	});

	test('optional parts are left out when empty, and GBP is the default currency', () => {
		const body = consignmentFromFields(fields({ packages: [{ weight: 1, value: 5 }] }), 0);
		expect(body.Packages).toEqual([
			{ Weight: { Value: 1, Unit: 'Kg' }, Value: { Amount: 5, Currency: { IsoCode: 'GBP' } } },
		]);
		expect(Object.keys(body)).toEqual(['Direction', 'Packages', 'Addresses']);
	});

	test('Town is not required (the documented example has none)', () => {
		const body = consignmentFromFields(
			fields({ destination: { addressLine1: '13 Porter Street', countryCode: 'GB' } }),
			0,
		);
		expect((body.Addresses as unknown[])[1]).toEqual({
			AddressType: 'Destination',
			Country: { IsoCode: { TwoLetterCode: 'GB' } },
			AddressLine1: '13 Porter Street',
		});
	});

	test.each([
		[
			{ destination: { town: 'Leeds', countryCode: 'GB' } },
			'"Destination > Address Line 1" is empty in item 3',
		],
		[
			{ destination: { addressLine1: 'x', town: 'Leeds', countryCode: 'GBR' } },
			'"Destination > Country Code" in item 3 is "GBR", not a two-letter code',
		],
		[{ packages: [] }, '"Packages" is empty in item 3'],
		[
			{ packages: [{ weight: 0 }] },
			'"Packages > Weight" of package 1 in item 3 must be more than 0',
		],
		[
			{ packages: [{ weight: 1 }, { weight: Infinity }] },
			'"Packages > Weight" of package 2 in item 3 must be more than 0',
		],
		[
			{ packages: [{ weight: 1, length: -1 }] },
			'"Packages > Length" of package 1 in item 3 must be a number of 0 or more',
		],
		[
			{ packages: [{ weight: 1, value: NaN }] },
			'"Packages > Value" of package 1 in item 3 must be a number of 0 or more',
		],
	])('%j is refused, naming the field and the item', (change, message) => {
		expect(
			inputError(() => consignmentFromFields(fields(change as Partial<ConsignmentFields>), 3))
				.message,
		).toBe(message);
	});
});

describe('consignmentFromJson', () => {
	test('text or an object already parsed by n8n', () => {
		expect(consignmentFromJson('{ "Packages": [] }', 0)).toEqual({ Packages: [] });
		expect(consignmentFromJson({ Packages: [] }, 0)).toEqual({ Packages: [] });
	});

	test.each([
		['', '"JSON Body" is empty in item 1'],
		['{ "Packages": [', '"JSON Body" in item 1 is not valid JSON'],
		['[1, 2]', '"JSON Body" in item 1 is not a JSON object'],
		['"text"', '"JSON Body" in item 1 is not a JSON object'],
	])('%j is refused', (raw, message) => {
		const error = inputError(() => consignmentFromJson(raw, 1));
		expect(error.message).toContain(message);
		expect(error.description).toContain('Nothing was sent to SortedPRO');
	});
});

describe('brokenTextPath', () => {
	test('finds the first text with a lone surrogate and says where it is', () => {
		expect(brokenTextPath({ A: ['ok', { B: 'x\ud83d' }] }, 'JSON Body')).toEqual({
			path: 'JSON Body > A > 1 > B',
			text: 'x\ud83d',
		});
		expect(brokenTextPath({ A: 'emoji 😀 is fine' }, 'JSON Body')).toBeUndefined();
	});
});
