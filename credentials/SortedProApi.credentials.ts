import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	Icon,
	INodeProperties,
} from 'n8n-workflow';

/** What to check when SortedPRO refuses the key: shown by the node and by the Test button. */
export const API_KEY_HINT =
	'Check the API key in the "SortedPRO API" credential (SortedPRO: Settings > Users & Roles > User Accounts > Edit User > Show API Key) and that the credential\'s Environment matches it: production and sandbox keys are different.';

/** What to check when the address is not SortedPRO's API. */
export const BASE_URL_HINT =
	'Check the Environment (and for Custom, the Base URL) in the "SortedPRO API" credential: it must point at SortedPRO\'s API, such as https://api.electioapp.com.';

/** SortedPRO's public environments; "custom" points at anything else (a proxy or the simulator). */
const ENVIRONMENT_URLS: Record<string, string> = {
	production: 'https://api.electioapp.com',
	sandbox: 'https://apisandbox.electioapp.com',
};

/** Plain http is only tolerated for a SortedPRO simulator running on the same machine. */
const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * The one place that turns the credential into a base URL. It refuses an insecure or
 * malformed custom URL by throwing, so the API key is never attached to such a request.
 */
export function sortedProBaseUrl(credentials: ICredentialDataDecryptedObject): string {
	const environment = String(credentials.environment ?? 'production');
	if (environment !== 'custom') {
		// An own property only: "constructor" or "__proto__" must not find Object's members.
		const url = Object.prototype.hasOwnProperty.call(ENVIRONMENT_URLS, environment)
			? ENVIRONMENT_URLS[environment]
			: undefined;
		if (!url) {
			throw new Error(
				`The SortedPRO API credential has an unknown Environment "${environment}". Open the credential and choose Production, Sandbox or Custom.`,
			);
		}
		return url;
	}

	const raw = String(credentials.baseUrl ?? '').trim();
	let parsed: URL;
	try {
		parsed = new URL(raw);
	} catch {
		throw new Error(
			`The SortedPRO API credential's Base URL "${raw}" is not a valid URL. Enter a full address such as https://api.electioapp.com. The API key was not sent.`,
		);
	}
	const secure = parsed.protocol === 'https:';
	const loopbackHttp = parsed.protocol === 'http:' && LOOPBACK_HOSTS.has(parsed.hostname);
	if (!secure && !loopbackHttp) {
		throw new Error(
			`The SortedPRO API credential's Base URL must start with https:// (plain http:// is only allowed for localhost, 127.0.0.1 or ::1, e.g. a local SortedPRO simulator). "${parsed.origin}" was refused. The API key was not sent.`,
		);
	}
	if (parsed.search || parsed.hash || parsed.username || parsed.password) {
		throw new Error(
			"The SortedPRO API credential's Base URL must not contain a query, a fragment or a user name. Enter just the address, such as https://api.electioapp.com. The API key was not sent.",
		);
	}
	return `${parsed.origin}${parsed.pathname}`.replace(/\/+$/, '');
}

export class SortedProApi implements ICredentialType {
	name = 'sortedProApi';

	displayName = 'SortedPRO API';

	icon: Icon = {
		light: 'file:../nodes/SortedPro/sortedPro.svg',
		dark: 'file:../nodes/SortedPro/sortedPro.dark.svg',
	};

	documentationUrl =
		'https://github.com/n8n-nodes-sortedpro/n8n-nodes-sortedpro/blob/main/docs/credentials.md';

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description:
				'In SortedPRO: Settings > Users & Roles > User Accounts > Edit User > Show API Key. Production and sandbox have different keys.',
		},
		{
			displayName: 'Environment',
			name: 'environment',
			type: 'options',
			default: 'production',
			options: [
				{
					name: 'Production',
					value: 'production',
					description: 'https://api.electioapp.com',
				},
				{
					name: 'Sandbox',
					value: 'sandbox',
					description: 'https://apisandbox.electioapp.com (separate data and API key)',
				},
				{
					name: 'Custom',
					value: 'custom',
					description: 'Another address, e.g. a proxy or a local SortedPRO simulator',
				},
			],
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: '',
			placeholder: 'https://api.electioapp.com',
			description:
				'Must be https://. Plain http:// is only accepted for localhost, 127.0.0.1 or ::1.',
			displayOptions: { show: { environment: ['custom'] } },
		},
	];

	// A function rather than a generic header template: it also sets the base URL and
	// refuses insecure custom URLs, so every request (including the credential test)
	// goes through the same check before the key is attached.
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const baseURL = sortedProBaseUrl(credentials);
		if (
			/^[a-z][a-z0-9+.-]*:/i.test(requestOptions.url) &&
			!requestOptions.url.startsWith(`${baseURL}/`)
		) {
			throw new Error(
				"Refused to send the SortedPRO API key to an address outside the credential's environment.",
			);
		}
		const apiKey = String(credentials.apiKey ?? '').trim();
		if (!apiKey) {
			throw new Error(
				'The SortedPRO API credential has no API key. Copy it from SortedPRO: Settings > Users & Roles > User Accounts > Edit User > Show API Key.',
			);
		}
		return {
			...requestOptions,
			baseURL,
			// n8n follows redirects by default and strips only Authorization and Cookie on
			// the way, so the key header would go to wherever a redirect points. This covers
			// every request made with the credential: the node's, the drop-downs' and the
			// Test button's. A redirect then comes back as an answer and is reported.
			disableFollowRedirect: true,
			maxRedirects: 0,
			headers: {
				...requestOptions.headers,
				'ocp-apim-subscription-key': apiKey,
				'electio-api-version': '1.1',
				Accept: 'application/json',
			},
		};
	}

	// The Test button reads the carrier service group list: cheap, read-only, needs a valid
	// key. It goes through `authenticate` above (so redirects are not followed), and n8n
	// shows the rule's message for the answer's status instead of a bare "Unauthorized".
	test: ICredentialTestRequest = {
		request: { method: 'GET', url: '/servicegroups' },
		rules: [
			...[401, 403].map((value) => ({
				type: 'responseCode' as const,
				properties: {
					value,
					message: `SortedPRO rejected the API key (HTTP ${value}). ${API_KEY_HINT}`,
				},
			})),
			{
				type: 'responseCode',
				properties: {
					value: 404,
					message: `There is no SortedPRO API at this address (HTTP 404). ${BASE_URL_HINT}`,
				},
			},
			...[301, 302, 303, 307, 308].map((value) => ({
				type: 'responseCode' as const,
				properties: {
					value,
					message: `The address answered with a redirect (HTTP ${value}), which was not followed: the API key was not sent there. ${BASE_URL_HINT}`,
				},
			})),
			{
				type: 'responseCode',
				properties: {
					value: 429,
					message:
						"SortedPRO's rate limit was exceeded (HTTP 429): the key works. Test again in a minute.",
				},
			},
			...[500, 502, 503, 504].map((value) => ({
				type: 'responseCode' as const,
				properties: {
					value,
					message: `SortedPRO or its gateway failed (HTTP ${value}). This is usually temporary: test again in a few minutes.`,
				},
			})),
		],
	};
}
