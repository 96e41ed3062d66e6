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

import {
	networkCode,
	retryAfterMs,
	sortedProAnswerError,
	sortedProHttpError,
	sortedProRedirectError,
	sortedProTransportError,
} from '../helpers/errors';
import type { SortedProCallContext } from '../helpers/errors';
import { parseErrorAnswer, parseSuccessAnswer } from './answer';
import { keyRedactor } from './redact';
import type { Redactor } from './redact';
import type { AnswerShape } from './answer';

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
	/** Removes that credential's key from any text SortedPRO or a gateway sends back. */
	redact?: Redactor;
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
	 * What SortedPRO's successful answer may be: a JSON object or array (the default), or
	 * also nothing (deallocating or cancelling one consignment), or also a JSON string.
	 */
	answer?: AnswerShape;
	/**
	 * False for a request that must not be sent twice when its answer may have been lost
	 * (creating a consignment): it is then only retried when SortedPRO certainly did nothing.
	 */
	repeatable?: boolean;
}

/** SortedPRO's answer and how it was reached. */
export interface SortedProExchange {
	body: unknown;
	/** An earlier attempt got no answer, so SortedPRO may already have acted on it. */
	answerLost: boolean;
}

/** Exponential backoff with full jitter, so parallel items do not retry in lockstep. */
function backoffMs(attempt: number): number {
	return Math.random() * Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** (attempt - 1));
}

function attemptsNote(attempts: number): string {
	return attempts > 1 ? ` (after ${attempts} attempts)` : '';
}

/** The context a request is made in: an execution (the node) or the editor (a drop-down). */
type RequestContext = IExecuteFunctions | ILoadOptionsFunctions;

/** A network error of our own for an attempt that ran past Request Timeout. */
function attemptTimedOut(timeoutMs: number): Error {
	return Object.assign(new Error(`timeout of ${timeoutMs} ms exceeded`), { code: 'ETIMEDOUT' });
}

/**
 * Sends one attempt, bounded as a whole by `timeoutMs` (not only while the line is idle: a
 * server trickling a byte at a time is cut off too). n8n replaces a request's own abort
 * signal with the execution's cancel signal, so the attempt's deadline joins that signal
 * through a context that differs from the node's only in the signal it hands out.
 */
async function sendAttempt(
	context: RequestContext,
	options: IHttpRequestOptions,
	credentials: ICredentialDataDecryptedObject | undefined,
	timeoutMs: number,
): Promise<IN8nHttpFullResponse> {
	// AbortSignal.timeout's timer does not keep n8n's process alive; `done` detaches the
	// listener as soon as the attempt has settled.
	const deadline = AbortSignal.timeout(timeoutMs);
	const done = new AbortController();
	const timedOut = new Promise<never>((_resolve, reject) => {
		deadline.addEventListener('abort', () => reject(attemptTimedOut(timeoutMs)), { once: true, signal: done.signal });
	});
	let caller: RequestContext = context;
	if ('getExecutionCancelSignal' in context) {
		const cancel = context.getExecutionCancelSignal();
		const signal = cancel ? AbortSignal.any([cancel, deadline]) : deadline;
		caller = Object.create(context, { getExecutionCancelSignal: { value: () => signal } }) as RequestContext;
	} else {
		options.abortSignal = deadline;
	}
	try {
		return await Promise.race([
			context.helpers.httpRequestWithAuthentication.call(
				caller,
				CREDENTIAL_TYPE,
				options,
				credentials ? { credentialsDecrypted: { id: '', name: '', type: CREDENTIAL_TYPE, data: credentials } } : undefined,
			) as Promise<IN8nHttpFullResponse>,
			timedOut,
		]);
	} finally {
		done.abort();
	}
}

/** The answer's text: requests ask for text, so that nothing is parsed before it is redacted. */
function answerText(body: unknown): string {
	if (typeof body === 'string') return body;
	if (Buffer.isBuffer(body)) return body.toString('utf8');
	return body === undefined || body === null ? '' : JSON.stringify(body);
}

function headerText(headers: Record<string, unknown>, name: string): string {
	const value = headers[name];
	return String(Array.isArray(value) ? value[0] : (value ?? ''));
}

/**
 * The one request function: every call to SortedPRO goes through here. The credential's
 * `authenticate` supplies the base URL and the API key headers and turns redirects off;
 * this function only uses the key to redact it from whatever comes back. Rate limits (429,
 * honouring Retry-After), gateway failures (502/503/504), connection resets and timeouts
 * are retried with exponential backoff and jitter; other answers are final. Redirects,
 * non-2xx answers, 2xx answers that are not SortedPRO's JSON and network failures become
 * NodeApiErrors in the user's terms (helpers/errors.ts) that say how many attempts were made.
 */
export async function sortedProApiExchange(
	this: RequestContext,
	request: SortedProRequest,
	context: SortedProCallContext,
	settings: RequestSettings = DEFAULT_REQUEST_SETTINGS,
): Promise<SortedProExchange> {
	const options: IHttpRequestOptions = {
		method: request.method,
		url: request.path,
		qs: request.qs,
		headers: { Accept: 'application/json' },
		// Read the body as text and parse it here: the key is redacted from the text first,
		// and an HTML page from a gateway or proxy reaches the error mapper readable.
		encoding: 'text',
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		// The key header would go along to wherever a redirect points (n8n only strips
		// Authorization and Cookie); the credential's authenticate says the same.
		disableFollowRedirect: true,
		timeout: settings.timeoutMs,
	};
	if (request.body !== undefined) {
		options.body = JSON.stringify(request.body);
		options.headers = { ...options.headers, 'Content-Type': 'application/json' };
	}
	const credentials = settings.credentials ?? (await this.getCredentials<ICredentialDataDecryptedObject>(CREDENTIAL_TYPE));
	const redact: Redactor = settings.redact ?? keyRedactor(credentials?.apiKey);
	const repeatable = request.repeatable ?? true;
	const cancelSignal = 'getExecutionCancelSignal' in this ? this.getExecutionCancelSignal() : undefined;
	const node = this.getNode();
	let answerLost = false;

	for (let attempt = 1; ; attempt++) {
		let response: IN8nHttpFullResponse;
		try {
			response = await sendAttempt(this, { ...options }, credentials, settings.timeoutMs);
		} catch (error) {
			const code = networkCode(error);
			const mapped = sortedProTransportError(node, error, context, redact);
			const retryable = RETRYABLE_NETWORK_CODES.has(code) && (repeatable || code === 'ECONNREFUSED');
			const lostNow = RETRYABLE_NETWORK_CODES.has(code) && code !== 'ECONNREFUSED';
			if (!retryable || attempt >= settings.maxAttempts || cancelSignal?.aborted) {
				throw withAttempts(mapped, attempt, answerLost || lostNow, context);
			}
			// A refused connection never reached SortedPRO; a reset or timeout may have.
			answerLost ||= lostNow;
			await sleep(backoffMs(attempt));
			continue;
		}

		const status = response.statusCode;
		const headers = (response.headers ?? {}) as Record<string, unknown>;
		const text = redact(answerText(response.body));
		if (status >= 300 && status < 400) {
			const location = redact(headerText(headers, 'location'));
			throw withAttempts(sortedProRedirectError(node, status, location, context), attempt, answerLost);
		}
		if (status >= 200 && status < 300) {
			const parsed = parseSuccessAnswer(text, headerText(headers, 'content-type'), request.answer);
			if (parsed.ok) return { body: parsed.body, answerLost };
			throw withAttempts(sortedProAnswerError(node, status, parsed.problem, context), attempt, answerLost);
		}

		const body = parseErrorAnswer(text);
		const retryable = RETRYABLE_STATUSES.has(status) && (repeatable || NOT_PROCESSED_STATUSES.has(status));
		if (!retryable || attempt >= settings.maxAttempts || cancelSignal?.aborted) {
			// A gateway that failed (502) or timed out (504) may have passed the request on.
			const maybeDone = answerLost || status === 502 || status === 504;
			throw withAttempts(sortedProHttpError(node, status, body, headers, context), attempt, maybeDone, context);
		}
		await sleep(retryAfterMs(headers) ?? backoffMs(attempt));
	}
}

/**
 * Notes the attempts on the final error, in its message and in its context for the
 * callers, and, when SortedPRO may have acted without answering, the call's own advice.
 */
function withAttempts(
	error: NodeApiError,
	attempts: number,
	answerLost: boolean,
	context?: SortedProCallContext,
): NodeApiError {
	error.message += attemptsNote(attempts);
	error.context.sortedProAnswerLost = answerLost;
	if (answerLost && context?.ifAnswerLost) error.description = context.ifAnswerLost;
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
