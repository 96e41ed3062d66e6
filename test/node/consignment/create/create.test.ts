import { operationWorkflow, runWorkflow } from '../../../helpers/engine';
import { sortedPro } from '../../../helpers/sortedPro';
import { searchAnswer, summary } from '../../../fixtures/documented';

const createdLinks = (reference: string) => [
	{ Rel: 'Link', Href: `https://api.electioapp.com/consignments/${reference}` },
];

describe('Consignment > Create', () => {
	const fields = {
		inputMode: 'fields',
		shippingLocationReference: 'EST-00001-0001',
		destination: {
			firstName: '={{ $json.firstName }}',
			lastName: 'Smith',
			email: 'jo@example.com',
			addressLine1: '={{ $json.street }}',
			town: 'Leeds',
			postcode: 'LS1 1AA',
			countryCode: 'gb',
		},
		packages: {
			package: [
				{
					weight: 1.25,
					length: 30,
					width: 20,
					height: 10,
					value: 19.99,
					currency: 'gbp',
					description: 'Shoes',
				},
			],
		},
		additionalFields: {
			customerReference: '={{ $json.order }}',
			tags: 'web, priority',
			metadata: { entry: [{ key: 'channel', value: 'shop' }] },
		},
	};

	test('builds the consignment body from the fields and outputs the new reference', async () => {
		const api = sortedPro()
			// Your Reference is set: SortedPRO's search is asked first whether the order has a
			// consignment. It finds only a loose match (ORDER-10010), which is not this order's.
			.get('/consignments/100/0')
			.query({ referenceProvidedByCustomer: 'ORDER-1001' })
			.reply(200, searchAnswer(summary('EC-000-05B-MMB', 'Allocated', 'ORDER-10010')))
			// The shipping location is sent in the Origin address only (no top-level field).
			.post('/consignments', {
				Direction: 'Outbound',
				Packages: [
					{
						Weight: { Value: 1.25, Unit: 'Kg' },
						Dimensions: { Unit: 'Cm', Length: 30, Width: 20, Height: 10 },
						Value: { Amount: 19.99, Currency: { IsoCode: 'GBP' } },
						Description: 'Shoes',
					},
				],
				Addresses: [
					{ AddressType: 'Origin', ShippingLocationReference: 'EST-00001-0001' },
					{
						AddressType: 'Destination',
						Country: { IsoCode: { TwoLetterCode: 'GB' } },
						Contact: { FirstName: 'Jo', LastName: 'Smith', Email: 'jo@example.com' },
						AddressLine1: '1 High St',
						Town: 'Leeds',
						Postcode: 'LS1 1AA',
					},
				],
				ConsignmentReferenceProvidedByCustomer: 'ORDER-1001',
				Tags: ['web', 'priority'],
				MetaData: [{ KeyValue: 'channel', StringValue: 'shop' }],
			})
			.reply(201, createdLinks('EC-000-05B-MMA'));

		const { output, error } = await runWorkflow(
			operationWorkflow('consignment', 'create', fields),
			[{ firstName: 'Jo', street: '1 High St', order: 'ORDER-1001' }],
		);

		expect(error).toBeUndefined();
		expect(api.isDone()).toBe(true);
		expect(output).toEqual([
			{
				json: { ConsignmentReference: 'EC-000-05B-MMA', ApiLinks: createdLinks('EC-000-05B-MMA') },
				pairedItem: { item: 0 },
			},
		]);
	});

	test('a destination without a country code, or a package without weight, is refused before sending', async () => {
		const noCountry = await runWorkflow(
			operationWorkflow('consignment', 'create', {
				...fields,
				destination: { ...fields.destination, countryCode: '' },
			}),
			[{ firstName: 'Jo', street: '1 High St' }],
		);
		expect(noCountry.error?.message).toBe('"Destination > Country Code" is empty in item 0');

		const noWeight = await runWorkflow(
			operationWorkflow('consignment', 'create', {
				...fields,
				packages: { package: [{ weight: 0 }] },
			}),
			[{ firstName: 'Jo', street: '1 High St' }],
		);
		expect(noWeight.error?.message).toBe(
			'"Packages > Weight" of package 1 in item 0 must be more than 0',
		);
	});

	test('JSON mode sends the body as given; a body that is not an object is refused', async () => {
		const body = {
			ShippingLocationReference: 'EST-1',
			Packages: [{ PackageSizeReference: 'SMALL' }],
			Addresses: [],
		};
		const api = sortedPro().post('/consignments', body).reply(200, createdLinks('EC-9'));

		const { output } = await runWorkflow(
			operationWorkflow('consignment', 'create', {
				inputMode: 'json',
				jsonBody: JSON.stringify(body),
			}),
			[{}],
		);
		expect(api.isDone()).toBe(true);
		expect(output?.[0].json.ConsignmentReference).toBe('EC-9');

		const { error } = await runWorkflow(
			operationWorkflow('consignment', 'create', { inputMode: 'json', jsonBody: '[1, 2]' }),
			[{}],
		);
		expect(error?.message).toBe('"JSON Body" in item 0 is not a JSON object');
	});

	test('a SortedPRO validation error names your reference and the failing field', async () => {
		sortedPro()
			.get('/consignments/100/0')
			.query({ referenceProvidedByCustomer: 'ORDER-7' })
			.reply(200, searchAnswer())
			.post('/consignments')
			.reply(400, {
				Message: 'The request is invalid',
				Details: [
					{
						Target: 'Addresses[1].Postcode',
						Message: 'Postcode is not valid for GB',
						Code: 'InvalidPostcode',
					},
				],
			});

		const { error } = await runWorkflow(operationWorkflow('consignment', 'create', fields), [
			{ firstName: 'Jo', street: '1 High St', order: 'ORDER-7' },
		]);

		expect(error?.message).toBe(
			'Could not create a consignment for your reference ORDER-7: The request is invalid (HTTP 400)',
		);
		expect(error?.description).toContain(
			'- Addresses[1].Postcode: Postcode is not valid for GB [InvalidPostcode]',
		);
	});
});
