import nock from 'nock';

import { operationWorkflow, references, runWorkflow } from './helpers/engine';
import { listResult, sortedPro } from './helpers/sortedPro';
import { consignment, link, searchAnswer, summary } from './contracts/documented';

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

describe('Consignment > Get and Get Status', () => {
	test('Get returns the consignment; a 404 says which consignment was not found', async () => {
		sortedPro().get('/consignments/EC-1').reply(200, consignment('EC-1', 'Allocated'));
		const found = await runWorkflow(operationWorkflow('consignment', 'get'), references('EC-1'));
		expect(found.output?.[0].json).toEqual({
			...consignment('EC-1', 'Allocated'),
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

	test('Get Status accepts a bare state string or the documented object', async () => {
		// help/getting_consignment_data.md, "Checking a Consignment's Status".
		const status = {
			ConsignmentReferenceForAllLegsAssignedByMpd: 'EC-2',
			Status: 'Manifested',
			ExpectedDeliveryDate: '2020-06-02T14:20:11.4370803+01:00',
			ApiLink: link('EC-2'),
		};
		sortedPro()
			.get('/consignments/EC-1/status')
			.reply(200, '"Allocated"')
			.get('/consignments/EC-2/status')
			.reply(200, status);

		const { output } = await runWorkflow(
			operationWorkflow('consignment', 'getStatus'),
			references('EC-1', 'EC-2'),
		);

		expect(output?.map((item) => item.json)).toEqual([
			{ ConsignmentReference: 'EC-1', Status: 'Allocated' },
			{ ...status, ConsignmentReference: 'EC-2' },
		]);
	});

	test('Get Status: an object that names no consignment, or another, is an error', async () => {
		sortedPro()
			.get('/consignments/EC-1/status')
			.reply(200, { Status: 'Manifested' })
			.get('/consignments/EC-2/status')
			.reply(200, { ConsignmentReferenceForAllLegsAssignedByMpd: 'EC-9', Status: 'Manifested' });

		const { output } = await runWorkflow(
			operationWorkflow('consignment', 'getStatus', {}, { onError: 'continueRegularOutput' }),
			references('EC-1', 'EC-2'),
		);

		expect(output?.map((item) => item.json.error)).toEqual([
			"Could not get the status of consignment EC-1: SortedPRO's answer names no consignment",
			"Could not get the status of consignment EC-2: SortedPRO's answer is about consignment EC-9, not EC-2",
		]);
		expect(output?.some((item) => item.json.Status !== undefined)).toBe(false);
	});
});

describe('Consignment > Get Many', () => {
	const page = (from: number, count: number) =>
		Array.from({ length: count }, (_value, index) => summary(`EC-${from + index}`));
	/** A documented search answer: `Count` matches in all, these summaries on the page. */
	const searchPage = (count: number, summaries: ReturnType<typeof page>) => ({
		Count: count,
		ConsignmentSummaries: summaries,
	});

	test('pages with take/skip and the State filter up to the limit, all paired to the input item', async () => {
		const api = sortedPro()
			.get('/consignments/100/0')
			.query({ State: 'Allocated', ShippingLocationReference: 'EST-1' })
			.reply(200, searchPage(400, page(0, 100)))
			.get('/consignments/50/100')
			.query({ State: 'Allocated', ShippingLocationReference: 'EST-1' })
			.reply(200, searchPage(400, page(100, 50)));

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
		expect(output?.[149].json).toMatchObject({
			Reference: 'EC-149',
			ConsignmentReference: 'EC-149',
			State: 'Allocated',
		});
		expect(new Set(output?.map((item) => JSON.stringify(item.pairedItem)))).toEqual(
			new Set(['{"item":0}']),
		);
	});

	test('Return All stops at the first short page', async () => {
		// Count claims more, but a short page is the end of the search.
		const api = sortedPro()
			.get('/consignments/100/0')
			.reply(200, searchPage(1000, page(0, 100)))
			.get('/consignments/100/100')
			.reply(200, searchPage(1000, page(100, 3)));

		const { output } = await runWorkflow(
			operationWorkflow('consignment', 'getAll', { returnAll: true }),
			[{}],
		);

		expect(api.isDone()).toBe(true);
		expect(output).toHaveLength(103);
	});

	test('Return All stops when the pages read reach Count', async () => {
		const api = sortedPro()
			.get('/consignments/100/0')
			.reply(200, searchPage(200, page(0, 100)))
			.get('/consignments/100/100')
			.reply(200, searchPage(200, page(100, 100)))
			.get('/consignments/100/200')
			.reply(200, searchPage(200, page(200, 100)));

		const { output } = await runWorkflow(
			operationWorkflow('consignment', 'getAll', { returnAll: true }),
			[{}],
		);

		expect(output).toHaveLength(200);
		expect(api.pendingMocks()).toEqual(['GET https://api.electioapp.com:443/consignments/100/200']);
	});

	test('a bare list of summaries is tolerated; an answer that is not a search is an error, never "none"', async () => {
		sortedPro()
			.get('/consignments/50/0')
			.reply(200, page(0, 2))
			.get('/consignments/50/0')
			.reply(200, {})
			.get('/consignments/50/0')
			.reply(200, { Consignments: page(0, 2) });

		const bare = await runWorkflow(operationWorkflow('consignment', 'getAll'), [{}]);
		expect(bare.output?.map((item) => item.json.ConsignmentReference)).toEqual(['EC-0', 'EC-1']);

		// {} and { Consignments: [...] } (not the documented ConsignmentSummaries), in turn.
		for (const { output, error } of [
			await runWorkflow(operationWorkflow('consignment', 'getAll'), [{}]),
			await runWorkflow(operationWorkflow('consignment', 'getAll'), [{}]),
		]) {
			expect(output).toBeUndefined();
			expect(error?.message).toContain('not a consignment search answer');
		}
		expect(nock.pendingMocks()).toEqual([]);
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
