import nock from 'nock';

import { PRODUCTION, TEST_API_KEY, searchList } from '../../helpers/engine';

const groups = [
	{ ServiceGroupCode: 'NEXTDAY', Name: 'Next day' },
	{ ServiceGroupCode: 'ECONOMY', Name: 'Economy 3-5 days' },
	{ Reference: 'INTL', Description: 'International' },
	{ Name: 'No code, cannot be chosen' },
];

const serviceGroups = () =>
	nock(PRODUCTION).matchHeader('ocp-apim-subscription-key', TEST_API_KEY).get('/servicegroups');

describe('Carrier Service Group drop-down (From List)', () => {
	test('lists the service groups with their codes as values', async () => {
		serviceGroups().reply(200, groups);

		const { result } = await searchList('searchServiceGroups');

		expect(result.results).toEqual([
			{ name: 'Next day (NEXTDAY)', value: 'NEXTDAY' },
			{ name: 'Economy 3-5 days (ECONOMY)', value: 'ECONOMY' },
			{ name: 'International (INTL)', value: 'INTL' },
		]);
	});

	test('filters by name or code, and offers a typed code that is not listed', async () => {
		serviceGroups().reply(200, { ServiceGroups: groups });
		const { result } = await searchList('searchServiceGroups', 'eco');
		expect(result.results).toEqual([
			{ name: 'Economy 3-5 days (ECONOMY)', value: 'ECONOMY' },
			{ name: 'Use code "eco"', value: 'eco' },
		]);
	});

	test('when the list cannot be loaded, a typed code can still be used', async () => {
		serviceGroups().reply(503, '');
		const { result } = await searchList('searchServiceGroups', 'NEXTDAY');
		expect(result.results).toEqual([
			{ name: 'Use code "NEXTDAY" (the list could not be loaded)', value: 'NEXTDAY' },
		]);
	});

	test('a drop-down counts rate-limit refusals as attempts: it gives up after five, not minutes', async () => {
		const limited = { statusCode: 429, message: 'Rate limit is exceeded. Try again in 0 seconds.' };
		serviceGroups().times(5).reply(429, limited, { 'Retry-After': '0' });
		serviceGroups().reply(200, groups);

		const { result } = await searchList('searchServiceGroups', 'NEXTDAY');

		expect(result.results).toEqual([
			{ name: 'Use code "NEXTDAY" (the list could not be loaded)', value: 'NEXTDAY' },
		]);
		expect(nock.pendingMocks()).toHaveLength(1);
		nock.cleanAll();
	});

	test('a drop-down that cannot load for rate limiting says so in words', async () => {
		const limited = { statusCode: 429, message: 'Rate limit is exceeded. Try again in 0 seconds.' };
		serviceGroups().times(5).reply(429, limited, { 'Retry-After': '0' });

		const error = await searchList('searchServiceGroups').catch((caught: Error) => caught);

		expect((error as { description?: string }).description).toContain(
			'SortedPRO is rate limiting this key, try again in a minute.',
		);
		nock.cleanAll();
	});

	test('a drop-down waits out rate limits for 10 seconds at the most', async () => {
		const limited = { statusCode: 429, message: 'Rate limit is exceeded. Try again in 4 seconds.' };
		serviceGroups().times(5).reply(429, limited, { 'Retry-After': '4' });

		const started = Date.now();
		const error = await searchList('searchServiceGroups').catch((caught: Error) => caught);

		// Refused at 0 s and 4 s; at 8 s a third wait would end at 12 s, past the 10 s bound.
		expect(Date.now() - started).toBeGreaterThanOrEqual(8_000);
		expect(nock.pendingMocks()).toHaveLength(1);
		expect((error as Error).message).toMatch(
			/rate limit was exceeded .*\(HTTP 429\) \(after 3 attempts\)$/,
		);
		expect((error as { description?: string }).description).toContain(
			'the node waits out a rate limit for at most 10 s.',
		);
		nock.cleanAll();
	}, 20_000);

	test('an answer that is not a list (nor an object holding exactly one) is never an empty list', async () => {
		serviceGroups().reply(200, { NextDay: [groups[0]], Economy: [groups[1]] });
		await expect(searchList('searchServiceGroups')).rejects.toThrow(
			"Could not load the carrier service groups: SortedPRO's answer for the carrier service groups is not a list the node can read",
		);
		serviceGroups().reply(200, { Message: 'OK' });
		const { result } = await searchList('searchServiceGroups', 'NEXTDAY');
		expect(result.results).toEqual([
			{ name: 'Use code "NEXTDAY" (the list could not be read)', value: 'NEXTDAY' },
		]);
		expect(nock.pendingMocks()).toEqual([]);
	});

	test('when the list cannot be loaded and nothing is typed, the error says why', async () => {
		serviceGroups().reply(401, {
			statusCode: 401,
			message: 'Access denied due to invalid subscription key.',
		});
		await expect(searchList('searchServiceGroups')).rejects.toThrow(
			'Could not load the carrier service groups: SortedPRO rejected the API key (Access denied due to invalid subscription key.) (HTTP 401)',
		);
	});
});

describe('Carrier Service drop-down (From List)', () => {
	test('lists carrier services by their reference', async () => {
		nock(PRODUCTION)
			.matchHeader('ocp-apim-subscription-key', TEST_API_KEY)
			.get('/carrierservices')
			.reply(200, [
				{ Reference: 'CX_NDS', Name: 'Next Day Super' },
				{ MpdCarrierServiceReference: 'CY_ECO' },
			]);

		const { result } = await searchList('searchCarrierServices');

		expect(result.results).toEqual([
			{ name: 'Next Day Super (CX_NDS)', value: 'CX_NDS' },
			{ name: 'CY_ECO', value: 'CY_ECO' },
		]);
	});
});

describe('Origin Shipping Location drop-down (From List)', () => {
	const locations = () =>
		nock(PRODUCTION)
			.matchHeader('ocp-apim-subscription-key', TEST_API_KEY)
			.get('/shippinglocations');

	test('lists the shipping locations by reference, with their names', async () => {
		locations().reply(200, [
			{ Reference: 'WAREHOUSE-1', Name: 'Main warehouse, Leeds' },
			{ ShippingLocationReference: 'STORE-2', Description: 'Shop, York' },
		]);

		const { result } = await searchList('searchShippingLocations');

		expect(result.results).toEqual([
			{ name: 'Main warehouse, Leeds (WAREHOUSE-1)', value: 'WAREHOUSE-1' },
			{ name: 'Shop, York (STORE-2)', value: 'STORE-2' },
		]);
	});

	test('when the list cannot be loaded, a typed reference can still be used', async () => {
		locations().reply(502, '<html>Bad gateway</html>');

		const { result } = await searchList('searchShippingLocations', 'WAREHOUSE-9');

		expect(result.results).toEqual([
			{ name: 'Use code "WAREHOUSE-9" (the list could not be loaded)', value: 'WAREHOUSE-9' },
		]);
	});
});
