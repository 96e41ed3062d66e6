import type {
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IN8nHttpFullResponse,
} from 'n8n-workflow';

import { sortedProHttpError, sortedProTransportError } from '../helpers/errors';
import type { SortedProCallContext } from '../helpers/errors';

export const CREDENTIAL_TYPE = 'sortedProApi';

const DEFAULT_TIMEOUT_MS = 60_000;

/**
 * Builds a request path in which every interpolated value is one URL-encoded path
 * segment, so no reference can add segments, a query or a fragment.
 */
export function sortedProPath(strings: TemplateStringsArray, ...segments: string[]): string {
	return strings.reduce(
		(path, literal, index) =>
			path + literal + (index < segments.length ? encodeURIComponent(segments[index]) : ''),
		'',
	);
}

export interface SortedProRequest {
	method: IHttpRequestMethods;
	/** built with sortedProPath */
	path: string;
	body?: IDataObject | IDataObject[] | string[];
	qs?: IDataObject;
}

function parseBody(raw: unknown): unknown {
	if (typeof raw !== 'string') return raw;
	if (raw.trim() === '') return undefined;
	try {
		return JSON.parse(raw) as unknown;
	} catch {
		// A gateway HTML page or plain text: keep it for the error mapper.
		return raw;
	}
}

/**
 * The one request function: every call to SortedPRO goes through here. The credential's
 * `authenticate` supplies the base URL and the API key headers; this function never
 * sees the key. Non-2xx answers and network failures become NodeApiErrors in the
 * user's terms (see helpers/errors.ts).
 */
export async function sortedProApiRequest(
	this: IExecuteFunctions | ILoadOptionsFunctions,
	request: SortedProRequest,
	context: SortedProCallContext,
): Promise<unknown> {
	const options: IHttpRequestOptions = {
		method: request.method,
		url: request.path,
		qs: request.qs,
		headers: { Accept: 'application/json' },
		// Read the body as text and parse it here, so that an HTML 502 from the gateway
		// still reaches the error mapper instead of failing in a JSON parser.
		encoding: 'text',
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		timeout: DEFAULT_TIMEOUT_MS,
	};
	if (request.body !== undefined) {
		options.body = JSON.stringify(request.body);
		options.headers = { ...options.headers, 'Content-Type': 'application/json' };
	}

	let response: IN8nHttpFullResponse;
	try {
		response = (await this.helpers.httpRequestWithAuthentication.call(
			this,
			CREDENTIAL_TYPE,
			options,
		)) as IN8nHttpFullResponse;
	} catch (error) {
		throw sortedProTransportError(this.getNode(), error, context);
	}

	const body = parseBody(response.body);
	if (response.statusCode < 200 || response.statusCode >= 300) {
		throw sortedProHttpError(
			this.getNode(),
			response.statusCode,
			body,
			response.headers as Record<string, unknown>,
			context,
		);
	}
	return body;
}
