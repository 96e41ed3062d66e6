/**
 * The one request function: every call to SortedPRO goes through sortedProApiExchange. What an
 * attempt is (attempt.ts), when to retry (retry.ts), how answers are read (answer.ts) and what
 * errors say (errors.ts, networkErrors.ts) live beside it.
 */
import { NodeApiError, sleep } from 'n8n-workflow';
import type { IHttpRequestOptions, IN8nHttpFullResponse, JsonObject } from 'n8n-workflow';

import { parseErrorAnswer, parseSuccessAnswer } from './answer';
import { sendAttempt } from './attempt';
import type { RequestContext } from './attempt';
import {
	describeWith,
	sortedProAnswerError,
	sortedProHttpError,
	sortedProRedirectError,
} from './errors';
import type { SortedProCallContext } from './errors';
import { networkCode, sortedProTransportError } from './networkErrors';
import type { PaceSlot } from './pace';
import type { RequestSettings, SortedProExchange, SortedProRequest } from './request';
import {
	NOT_PROCESSED_STATUSES,
	RETRYABLE_NETWORK_CODES,
	RETRYABLE_STATUSES,
	RETRY_AFTER_CAP_MS,
	backoffMs,
	rateLimitWait,
} from './retry';

/**
 * Outside a node run (a drop-down, a trigger's poll) rate-limit refusals are waited out for
 * this long at the most, from the first one: nobody should wait minutes for a list.
 */
const UNPACED_RATE_LIMIT_BOUND_MS = 10_000;

function attemptsNote(attempts: number): string {
	return attempts > 1 ? ` (after ${attempts} attempts)` : '';
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
 * NodeApiErrors in the user's terms (errors.ts) that say how many attempts were made.
 */
export async function sortedProApiExchange(
	this: RequestContext,
	request: SortedProRequest,
	context: SortedProCallContext,
	settings: RequestSettings,
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
	const { credentials, redact } = settings;
	const repeatable = request.repeatable ?? true;
	const cancelSignal =
		'getExecutionCancelSignal' in this ? this.getExecutionCancelSignal() : undefined;
	// n8n hands out a deep copy of the node on every getNode(): only errors need it.
	const node = () => this.getNode();
	const pace = settings.pace;
	let answerLost = false;
	// Attempts that count against Max Attempts: all but rate-limit refusals being waited out.
	let counted = 0;
	// From an item's first refusal, no wait is begun that would end after the bound: Max
	// Attempts x Request Timeout in a node run, UNPACED_RATE_LIMIT_BOUND_MS elsewhere.
	const paced = pace !== undefined && settings.maxAttempts > 1;
	const rateLimitBoundMs = paced
		? settings.maxAttempts * settings.timeoutMs
		: UNPACED_RATE_LIMIT_BOUND_MS;
	let rateLimitedSince: number | undefined;
	let lastRefusal: { body: unknown; headers: Record<string, unknown> } | undefined;
	/** The rate-limit error, saying why the node stopped waiting (`gaveUp`). */
	const rateLimitError = (
		refusal: { body: unknown; headers: Record<string, unknown> },
		attempts: number,
		gaveUp: string | undefined,
	): NodeApiError => {
		const error = withAttempts(
			sortedProHttpError(node(), 429, refusal.body, refusal.headers, context),
			attempts,
			answerLost,
			context,
		);
		const editor = pace ? undefined : 'SortedPRO is rate limiting this key, try again in a minute.';
		describeWith(error, { first: [gaveUp, editor] });
		return error;
	};
	// A call with a deadline (a trigger's poll) is over by then: the attempt in flight is cut
	// off there, and no retry or wait is begun that would end after it.
	const deadline = settings.deadline ?? Infinity;
	const outOfTime = (failure: NodeApiError | undefined, attempts: number): NodeApiError => {
		const note = `The time this poll has (the trigger bounds each poll) ran out${attempts > 0 ? ` after ${attempts} attempt${attempts === 1 ? '' : 's'}` : ''}; the next poll tries again.`;
		const error =
			failure ??
			new NodeApiError(node(), { sortedProStatus: null } as JsonObject, {
				message: `Could not ${context.action}: no time was left to ask SortedPRO`,
				itemIndex: context.itemIndex,
			});
		describeWith(error, { first: [note] });
		error.context.sortedProOutOfTime = true;
		return error;
	};
	const boundNote = () =>
		`SortedPRO refused for ${Math.round((Date.now() - (rateLimitedSince ?? Date.now())) / 1000)} s: the node waits out a rate limit for at most ${rateLimitBoundMs / 1000} s${paced ? ' (Max Attempts x Request Timeout)' : ''}.`;

	// The last failure retried, to report if the deadline comes before the next answer.
	let lastFailure: NodeApiError | undefined;
	for (let attempt = 1; ; attempt++) {
		counted += 1;
		const timeLeftMs = deadline - Date.now();
		if (timeLeftMs <= 0) throw outOfTime(lastFailure, attempt - 1);
		const timeoutMs = Math.min(settings.timeoutMs, timeLeftMs);
		let response: IN8nHttpFullResponse;
		let slot: PaceSlot | undefined;
		if (pace && rateLimitedSince !== undefined && lastRefusal) {
			// The run's pause may have grown since (other items' refusals): not past the bound.
			slot = await pace.acquire(rateLimitedSince + rateLimitBoundMs);
			if (!slot) throw rateLimitError(lastRefusal, attempt - 1, boundNote());
		} else if (pace && deadline !== Infinity) {
			slot = await pace.acquire(deadline);
			if (!slot) throw outOfTime(lastFailure, attempt - 1);
		} else slot = await pace?.acquire();
		try {
			response = await sendAttempt(
				this,
				{ ...options, timeout: timeoutMs },
				credentials,
				timeoutMs,
			);
		} catch (error) {
			if (slot) pace?.release(slot, {});
			const code = networkCode(error);
			const mapped = sortedProTransportError(node(), error, context, redact);
			const retryable =
				RETRYABLE_NETWORK_CODES.has(code) && (repeatable || code === 'ECONNREFUSED');
			const lostNow = RETRYABLE_NETWORK_CODES.has(code) && code !== 'ECONNREFUSED';
			if (!retryable || counted >= settings.maxAttempts || cancelSignal?.aborted) {
				const failure = withAttempts(mapped, attempt, answerLost || lostNow, context);
				throw Date.now() >= deadline ? outOfTime(failure, attempt) : failure;
			}
			// A refused connection never reached SortedPRO; a reset or timeout may have.
			answerLost ||= lostNow;
			// Counted attempts only: rate-limit refusals waited out do not lengthen the backoff.
			const backoff = backoffMs(counted);
			if (Date.now() + backoff >= deadline)
				throw outOfTime(withAttempts(mapped, attempt, answerLost, context), attempt);
			if (deadline !== Infinity) lastFailure = withAttempts(mapped, attempt, answerLost, context);
			await sleep(backoff);
			continue;
		}

		const status = response.statusCode;
		const headers = (response.headers ?? {}) as Record<string, unknown>;
		const limited = status === 429 ? rateLimitWait(headers) : undefined;
		const waitMs = limited?.waitMs;
		if (slot) pace?.release(slot, { status, retryAfterMs: waitMs });
		const text = redact(answerText(response.body));
		if (status >= 300 && status < 400) {
			const location = redact(headerText(headers, 'location'));
			throw withAttempts(
				sortedProRedirectError(node(), status, location, context),
				attempt,
				answerLost,
			);
		}
		if (status >= 200 && status < 300) {
			const accepted = status === 202 && request.acceptedLater === true;
			const parsed =
				status === 202 && !accepted
					? { ok: false as const, problem: 'a "202 Accepted" this call is not documented to give' }
					: parseSuccessAnswer(
							text,
							headerText(headers, 'content-type'),
							accepted ? 'jsonOrEmpty' : request.answer,
						);
			if (parsed.ok) return { body: parsed.body, answerLost, accepted };
			// A request that must not be sent twice (a create) was carried out, and a 202 was taken
			// on: say so, with the call's own advice.
			throw withAttempts(
				sortedProAnswerError(node(), status, parsed.problem, context),
				attempt,
				answerLost || !repeatable || status === 202,
				context,
			);
		}

		const body = parseErrorAnswer(text);
		const retryable =
			RETRYABLE_STATUSES.has(status) && (repeatable || NOT_PROCESSED_STATUSES.has(status));
		// A 429 is SortedPRO asking to wait: it did nothing, and every execution sharing the key
		// shares its limit, so with many running at once any request may be refused several
		// times in a row. In a node run (which has a Pace) such refusals are waited out without
		// using up Max Attempts, for as long as Max Attempts x Request Timeout (1 attempt means
		// no retries at all). A drop-down or a trigger's poll keeps counting them: nobody should
		// wait minutes for a list in the editor.
		// A Retry-After of more than a minute is not waited out at all.
		let gaveUp: string | undefined;
		if (limited) {
			rateLimitedSince ??= Date.now();
			lastRefusal = { body, headers };
			// With no attempt left (Max Attempts 1, or a drop-down's last) there is no wait to explain.
			const mayRetry = paced || counted < settings.maxAttempts;
			if (mayRetry && limited.tooLong)
				gaveUp = `SortedPRO asked to wait more than ${RETRY_AFTER_CAP_MS / 1000} seconds, which the node does not wait out.`;
			else if (mayRetry && Date.now() + limited.waitMs - rateLimitedSince >= rateLimitBoundMs)
				gaveUp = boundNote();
			else if (paced) counted -= 1;
		}
		if (limited && (gaveUp || counted >= settings.maxAttempts || cancelSignal?.aborted))
			throw rateLimitError({ body, headers }, attempt, gaveUp);
		if (!retryable || counted >= settings.maxAttempts || cancelSignal?.aborted) {
			// A gateway that failed (502) or timed out (504) may have passed the request on.
			const maybeDone = answerLost || status === 502 || status === 504;
			throw withAttempts(
				sortedProHttpError(node(), status, body, headers, context),
				attempt,
				maybeDone,
				context,
			);
		}
		// A 429's wait is this request's own; when the Pace confirms it is the rate limit, the
		// whole run's too, and taking the next slot waits that out (within the bound).
		const waitFor = waitMs ?? backoffMs(counted);
		const failure = () =>
			limited
				? rateLimitError({ body, headers }, attempt, undefined)
				: withAttempts(
						sortedProHttpError(node(), status, body, headers, context),
						attempt,
						answerLost || status === 502 || status === 504,
						context,
					);
		if (Date.now() + waitFor >= deadline) throw outOfTime(failure(), attempt);
		if (deadline !== Infinity) lastFailure = failure();
		await sleep(waitFor);
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
	if (answerLost && context?.ifAnswerLost)
		describeWith(error, { replaceHint: context.ifAnswerLost });
	return error;
}

/** Whether a call failed because the time its run had (RequestSettings.deadline) ran out. */
export function ranOutOfTime(error: unknown): boolean {
	return error instanceof NodeApiError && error.context.sortedProOutOfTime === true;
}

/** Whether SortedPRO may have acted on a request that finally failed with this error. */
export function answerWasLost(error: unknown): boolean {
	return error instanceof NodeApiError && error.context.sortedProAnswerLost === true;
}

/** The answer's body only, for callers that do not care how it was reached. */
export async function sortedProApiRequest(
	this: RequestContext,
	request: SortedProRequest,
	context: SortedProCallContext,
	settings: RequestSettings,
): Promise<unknown> {
	return (await sortedProApiExchange.call(this, request, context, settings)).body;
}
