import { NodeApiError, sleep } from 'n8n-workflow';
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IN8nHttpFullResponse,
} from 'n8n-workflow';

import { networkCode, retryAfterMs, sortedProHttpError, sortedProTransportError } from '../helpers/errors';
import type { SortedProCallContext } from '../helpers/errors';

export const CREDENTIAL_TYPE = 'sortedProApi';

/** How one run talks to SortedPRO; read from the node's options (helpers/settings.ts). */
export interface RequestSettings {
	/** Attempts per request, the first included. */
	maxAttempts: number;
	timeoutMs: number;
	/**
	 * The run's credential, read once per execution: otherwise n8n decrypts it again for
	 * every request, which is most of the per-item cost. Never logged or output.
	 */
	credentials?: ICredentialDataDecryptedObject;
}

export const DEFAULT_REQUEST_SETTINGS: RequestSettings = { maxAttempts: 5, timeoutMs: 30_000 };

/** Backoff between attempts: 0.5 s doubling, at most 15 s (a Retry-After, up to a minute, takes precedence). */
const BACKOFF_BASE_MS = 500;
const BACKOFF_CAP_MS = 15_000;

/** Statuses that mean "not done, try again later"; every other 4xx is final. */
const RETRYABLE_STATUSES = new Set([429, 502, 503, 504]);
/** Of those, the ones after which SortedPRO certainly did nothing (safe even for a create). */
const NOT_PROCESSED_STATUSES = new Set([429, 503]);
/** Network failures worth another attempt. */
const RETRYABLE_NETWORK_CODES = new Set(['ECONNRESET', 'ECONNABORTED', 'ETIMEDOUT', 'ESOCKETTIMEDOUT', 'EPIPE', 'ECONNREFUSED', 'EAI_AGAIN']);

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
	/**
	 * False for a request that must not be sent twice when its answer may have been lost
	 * (creating a consignment): it is then only retried when SortedPRO certainly did nothing.
	 */
	repeatable?: boolean;
}

/** SortedPRO's answer and how it was reached. */
export interface SortedProExchange {
	body: unknown;
	attempts: number;
	/** An earlier attempt got no answer, so SortedPRO may already have acted on it. */
	answerLost: boolean;
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

/** Exponential backoff with full jitter, so parallel items do not retry in lockstep. */
function backoffMs(attempt: number): number {
	return Math.random() * Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** (attempt - 1));
}

function attemptsNote(attempts: number): string {
	return attempts > 1 ? ` (after ${attempts} attempts)` : '';
}

/**
 * The one request function: every call to SortedPRO goes through here. The credential's
 * `authenticate` supplies the base URL and the API key headers; this function never sees
 * the key. Rate limits (429, honouring Retry-After), gateway failures (502/503/504),
 * connection resets and timeouts are retried with exponential backoff and jitter; other
 * answers are final. Non-2xx answers and network failures become NodeApiErrors in the
 * user's terms (helpers/errors.ts) that say how many attempts were made.
 */
export async function sortedProApiExchange(
	this: IExecuteFunctions | ILoadOptionsFunctions,
	request: SortedProRequest,
	context: SortedProCallContext,
	settings: RequestSettings = DEFAULT_REQUEST_SETTINGS,
): Promise<SortedProExchange> {
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
		timeout: settings.timeoutMs,
	};
	if (request.body !== undefined) {
		options.body = JSON.stringify(request.body);
		options.headers = { ...options.headers, 'Content-Type': 'application/json' };
	}
	const repeatable = request.repeatable ?? true;
	const cancelSignal = 'getExecutionCancelSignal' in this ? this.getExecutionCancelSignal() : undefined;
	let answerLost = false;

	for (let attempt = 1; ; attempt++) {
		let response: IN8nHttpFullResponse;
		try {
			response = (await this.helpers.httpRequestWithAuthentication.call(
				this,
				CREDENTIAL_TYPE,
				{ ...options },
				settings.credentials
					? { credentialsDecrypted: { id: '', name: '', type: CREDENTIAL_TYPE, data: settings.credentials } }
					: undefined,
			)) as IN8nHttpFullResponse;
		} catch (error) {
			const code = networkCode(error);
			const mapped = sortedProTransportError(this.getNode(), error, context);
			const retryable = RETRYABLE_NETWORK_CODES.has(code) && (repeatable || code === 'ECONNREFUSED');
			const lostNow = RETRYABLE_NETWORK_CODES.has(code) && code !== 'ECONNREFUSED';
			if (!retryable || attempt >= settings.maxAttempts || cancelSignal?.aborted) {
				throw withAttempts(mapped, attempt, answerLost || lostNow);
			}
			// A refused connection never reached SortedPRO; a reset or timeout may have.
			answerLost ||= lostNow;
			await sleep(backoffMs(attempt));
			continue;
		}

		const body = parseBody(response.body);
		const status = response.statusCode;
		if (status >= 200 && status < 300) return { body, attempts: attempt, answerLost };

		const headers = response.headers as Record<string, unknown>;
		const retryable = RETRYABLE_STATUSES.has(status) && (repeatable || NOT_PROCESSED_STATUSES.has(status));
		if (!retryable || attempt >= settings.maxAttempts || cancelSignal?.aborted) {
			throw withAttempts(sortedProHttpError(this.getNode(), status, body, headers, context), attempt, answerLost);
		}
		await sleep(retryAfterMs(headers) ?? backoffMs(attempt));
	}
}

/** Notes the attempts on the final error, in its message and in its context for the callers. */
function withAttempts(error: NodeApiError, attempts: number, answerLost: boolean): NodeApiError {
	error.message += attemptsNote(attempts);
	error.context.sortedProAttempts = attempts;
	error.context.sortedProAnswerLost = answerLost;
	return error;
}

/** Whether SortedPRO may have acted on a request that finally failed with this error. */
export function answerWasLost(error: unknown): boolean {
	return error instanceof NodeApiError && error.context.sortedProAnswerLost === true;
}

/** The answer's body only, for callers that do not care how it was reached. */
export async function sortedProApiRequest(
	this: IExecuteFunctions | ILoadOptionsFunctions,
	request: SortedProRequest,
	context: SortedProCallContext,
	settings?: RequestSettings,
): Promise<unknown> {
	return (await sortedProApiExchange.call(this, request, context, settings)).body;
}
