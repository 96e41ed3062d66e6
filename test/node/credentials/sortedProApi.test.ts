import nock from 'nock';

import {
	PRODUCTION,
	TEST_API_KEY,
	loadPackage,
	readWorkflow,
	runCredentialTest,
	runWorkflow,
	visibleText,
} from '../../helpers/engine';

const workflow = readWorkflow('allocate-with-service-group.json');
const item = [{ reference: 'EC-1', group: 'NEXTDAY' }];
const path = '/allocation/EC-1/allocatewithservicegroup/NEXTDAY';
const credentialsFor = (data: Record<string, string>) => ({
	sortedProApi: { apiKey: TEST_API_KEY, ...data },
});

describe('SortedPRO API credential', () => {
	test('production and sandbox send the key, API version 1.1 and JSON accept to their own host', async () => {
		for (const [environment, host] of [
			['production', PRODUCTION],
			['sandbox', 'https://apisandbox.electioapp.com'],
		]) {
			const api = nock(host)
				.matchHeader('ocp-apim-subscription-key', TEST_API_KEY)
				.matchHeader('electio-api-version', '1.1')
				.matchHeader('accept', 'application/json')
				.put(path)
				.reply(200, { CarrierName: 'Carrier X' });

			const { output, error } = await runWorkflow(workflow, item, credentialsFor({ environment }));

			expect(error).toBeUndefined();
			expect(api.isDone()).toBe(true);
			expect(output?.[0].json.CarrierName).toBe('Carrier X');
		}
	});

	test.each([
		[
			'an https address with a path prefix',
			'https://proxy.example.com/sortedpro/',
			'https://proxy.example.com',
			`/sortedpro${path}`,
		],
		['plain http on 127.0.0.1', 'http://127.0.0.1:4010', 'http://127.0.0.1:4010', path],
		['plain http on localhost', 'http://localhost:4010/', 'http://localhost:4010', path],
		['plain http on ::1', 'http://[::1]:4010', 'http://[::1]:4010', path],
	])('a custom base URL is accepted when it is %s', async (_case, baseUrl, host, expectedPath) => {
		const api = nock(host)
			.matchHeader('ocp-apim-subscription-key', TEST_API_KEY)
			.put(expectedPath)
			.reply(200, {});

		const { error } = await runWorkflow(
			workflow,
			item,
			credentialsFor({ environment: 'custom', baseUrl }),
		);

		expect(error).toBeUndefined();
		expect(api.isDone()).toBe(true);
	});

	test.each([
		['plain http to another host', 'http://api.electioapp.com', 'must start with https://'],
		['plain http to a private address', 'http://10.0.0.5:8080', 'must start with https://'],
		['not a URL', 'api.electioapp.com', 'is not a valid URL'],
		['a URL with a query', 'https://api.electioapp.com/?key=1', 'must not contain a query'],
	])(
		'a custom base URL is refused before the key is sent when it is %s',
		async (_case, baseUrl, expected) => {
			// Any request at all would fail the test: nothing is intercepted and the network is closed.
			const { error, run, logs } = await runWorkflow(
				workflow,
				item,
				credentialsFor({ environment: 'custom', baseUrl }),
			);

			expect(error?.message).toContain(
				'Could not allocate consignment EC-1 with service group NEXTDAY',
			);
			expect(error?.message).toContain(expected);
			expect(error?.message).toContain('The API key was not sent');
			expect(visibleText({ run, error, logs })).not.toContain(TEST_API_KEY);
		},
	);

	test('an empty API key is explained instead of sending an unauthenticated request', async () => {
		const { error } = await runWorkflow(workflow, item, {
			sortedProApi: { apiKey: '  ', environment: 'production' },
		});

		expect(error?.message).toContain('The SortedPRO API credential has no API key');
	});

	test('authenticate gives the environment, the key and the API version, turns redirects off, and refuses other addresses', async () => {
		const { loader } = await loadPackage();
		const credential = loader.credentialTypes.sortedProApi.type;
		expect(credential.displayName).toBe('SortedPRO API');
		if (typeof credential.authenticate !== 'function')
			throw new Error('the credential must authenticate with a function');

		const prepared = await credential.authenticate(
			{ apiKey: TEST_API_KEY, environment: 'sandbox' },
			{ method: 'GET', url: '/servicegroups' },
		);

		expect(prepared).toMatchObject({
			method: 'GET',
			baseURL: 'https://apisandbox.electioapp.com',
			url: '/servicegroups',
			disableFollowRedirect: true,
			maxRedirects: 0,
			headers: {
				'ocp-apim-subscription-key': TEST_API_KEY,
				'electio-api-version': '1.1',
				Accept: 'application/json',
			},
		});
		await expect(
			credential.authenticate(
				{ apiKey: TEST_API_KEY, environment: 'custom', baseUrl: 'http://example.com' },
				{ url: '/servicegroups' },
			),
		).rejects.toThrow('must start with https://');
		await expect(
			credential.authenticate(
				{ apiKey: TEST_API_KEY, environment: 'production' },
				{ url: 'https://elsewhere.example.com/x' },
			),
		).rejects.toThrow('outside the credential');
	});
});

describe("the credential's Test button", () => {
	const production = { apiKey: TEST_API_KEY, environment: 'production' };

	test('a valid key: one cheap authenticated GET of the service groups, and success', async () => {
		const api = nock(PRODUCTION)
			.matchHeader('ocp-apim-subscription-key', TEST_API_KEY)
			.matchHeader('electio-api-version', '1.1')
			.get('/servicegroups')
			.reply(200, [{ ServiceGroupCode: 'NEXTDAY', Name: 'Next day' }]);

		const result = await runCredentialTest(production);

		expect(api.isDone()).toBe(true);
		expect(result.status).toBe('OK');
	});

	test.each([
		[
			'a wrong key',
			401,
			'SortedPRO rejected the API key (HTTP 401). Check the API key in the "SortedPRO API" credential',
		],
		['a key without access', 403, 'SortedPRO rejected the API key (HTTP 403). Check the API key'],
		[
			'an address that is not SortedPRO',
			404,
			'There is no SortedPRO API at this address (HTTP 404). Check the Environment',
		],
		[
			'a redirect',
			302,
			'The address answered with a redirect (HTTP 302), which was not followed: the API key was not sent there.',
		],
		['the rate limit', 429, "SortedPRO's rate limit was exceeded (HTTP 429): the key works."],
		[
			'a failing gateway',
			502,
			'SortedPRO or its gateway failed (HTTP 502). This is usually temporary',
		],
	])(
		'%s is explained in the words the node uses, not as a bare status',
		async (_case, status, message) => {
			// n8n sends the request again after a 401, to refresh a credential that may have expired.
			nock(PRODUCTION)
				.get('/servicegroups')
				.times(2)
				.reply(status, { message: 'Access denied' }, { Location: 'https://login.example.com/' });

			const result = await runCredentialTest(production);

			expect(result.status).toBe('Error');
			expect(result.message).toContain(message);
		},
	);

	test('a credential the gate refuses is explained before anything is sent', async () => {
		const result = await runCredentialTest({
			apiKey: TEST_API_KEY,
			environment: 'custom',
			baseUrl: 'http://10.0.0.5',
		});

		expect(result.status).toBe('Error');
		expect(result.message).toContain('must start with https://');
		expect(result.message).toContain('The API key was not sent');
	});
});
