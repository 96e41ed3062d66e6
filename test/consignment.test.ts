import { operationWorkflow, references, runWorkflow } from './helpers/engine';
import { listResult, sortedPro } from './helpers/sortedPro';

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
			// Your Reference is set: SortedPRO is asked first whether the order has a consignment.
			.get('/consignments/clientReference/ORDER-1001')
			.reply(404, { Message: 'No consignment with your reference ORDER-1001' })
			.post('/consignments', {
				ShippingLocationReference: 'EST-00001-0001',
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
			.get(/^\/consignments\/clientReference\//)
			.reply(404, {})
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

describe('Consignment > Get and Get Status', () => {
	test('Get returns the consignment; a 404 says which consignment was not found', async () => {
		sortedPro().get('/consignments/EC-1').reply(200, { Reference: 'EC-1', State: 'Allocated' });
		const found = await runWorkflow(operationWorkflow('consignment', 'get'), references('EC-1'));
		expect(found.output?.[0].json).toEqual({
			Reference: 'EC-1',
			State: 'Allocated',
			ConsignmentReference: 'EC-1',
		});

		sortedPro().get('/consignments/EC-404').reply(404, { Message: 'Consignment not found' });
		const missing = await runWorkflow(
			operationWorkflow('consignment', 'get'),
			references('EC-404'),
		);
		expect(missing.error?.message).toBe(
			'Could not get consignment EC-404: SortedPRO could not find consignment EC-404 (Consignment not found) (HTTP 404)',
		);
	});

	test('Get Status accepts a bare state string or an object', async () => {
		sortedPro()
			.get('/consignments/EC-1/status')
			.reply(200, '"Allocated"')
			.get('/consignments/EC-2/status')
			.reply(200, { State: 'Manifested' });

		const { output } = await runWorkflow(
			operationWorkflow('consignment', 'getStatus'),
			references('EC-1', 'EC-2'),
		);

		expect(output?.map((item) => item.json)).toEqual([
			{ ConsignmentReference: 'EC-1', Status: 'Allocated' },
			{ State: 'Manifested', ConsignmentReference: 'EC-2', Status: 'Manifested' },
		]);
	});
});

describe('Consignment > Get Many', () => {
	const page = (from: number, count: number) =>
		Array.from({ length: count }, (_value, index) => ({ Reference: `EC-${from + index}` }));

	test('pages with take/skip and the State filter up to the limit, all paired to the input item', async () => {
		const api = sortedPro()
			.get('/consignments/100/0')
			.query({ State: 'Allocated', ShippingLocationReference: 'EST-1' })
			.reply(200, page(0, 100))
			.get('/consignments/50/100')
			.query({ State: 'Allocated', ShippingLocationReference: 'EST-1' })
			.reply(200, page(100, 50));

		const { output } = await runWorkflow(
			operationWorkflow('consignment', 'getAll', {
				limit: 150,
				filters: {
					state: 'Allocated',
					query: { parameter: [{ name: 'ShippingLocationReference', value: 'EST-1' }] },
				},
			}),
			[{}],
		);

		expect(api.isDone()).toBe(true);
		expect(output).toHaveLength(150);
		expect(output?.[149].json.Reference).toBe('EC-149');
		expect(new Set(output?.map((item) => JSON.stringify(item.pairedItem)))).toEqual(
			new Set(['{"item":0}']),
		);
	});

	test('Return All stops at the first short page', async () => {
		const api = sortedPro()
			.get('/consignments/100/0')
			.reply(200, { Consignments: page(0, 100) })
			.get('/consignments/100/100')
			.reply(200, { Consignments: page(100, 3) });

		const { output } = await runWorkflow(
			operationWorkflow('consignment', 'getAll', { returnAll: true }),
			[{}],
		);

		expect(api.isDone()).toBe(true);
		expect(output).toHaveLength(103);
	});
});

describe('Consignment > Cancel', () => {
	test('one call per item, or cancellist in batches', async () => {
		const api = sortedPro()
			.put('/consignments/EC-1/cancel')
			.reply(200, '')
			.put('/consignments/cancellist', ['EC-2', 'EC-3'])
			.reply(200, [listResult('EC-2'), listResult('EC-3')]);

		const single = await runWorkflow(
			operationWorkflow('consignment', 'cancel'),
			references('EC-1'),
		);
		const batched = await runWorkflow(
			operationWorkflow('consignment', 'cancel', { options: { sendInBatches: true } }),
			references('EC-2', 'EC-3'),
		);

		expect(api.isDone()).toBe(true);
		expect(single.output?.[0].json).toEqual({ Cancelled: true, ConsignmentReference: 'EC-1' });
		expect(
			batched.output?.map((item) => [item.json.ConsignmentReference, item.json.Cancelled]),
		).toEqual([
			['EC-2', true],
			['EC-3', true],
		]);
	});
});
