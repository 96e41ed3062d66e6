import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type { INode, JsonObject } from 'n8n-workflow';

import { API_KEY_HINT, BASE_URL_HINT } from '../../../credentials/SortedProApi.credentials';
import { askedMs } from './retry';

/** What the node was doing when SortedPRO answered, in the user's terms. */
export interface SortedProCallContext {
	/** e.g. "allocate consignment EC-000-05B-MMA with service group NEXTDAY" */
	action: string;
	consignmentReference?: string;
	itemIndex?: number;
	/** what a 404 means for this call, e.g. "consignment X or service group Y" */
	notFound?: string;
	/** the state rule that applies, shown when SortedPRO refuses because of the consignment's state */
	stateRule?: string;
	/**
	 * What to do when the request may have been carried out although no answer came
	 * (a create: never "run it again", which could create a second consignment).
	 */
	ifAnswerLost?: string;
	/** For a refusal for the state: the option that would have avoided it, if any. */
	stateFix?: string;
	/** Refusals this call recognises (by SortedPRO's code or text), each with the step that fixes it. */
	advice?: RefusalAdvice[];
}

/** A refusal a call recognises, and what the user does about it in n8n. */
export interface RefusalAdvice {
	when: RegExp;
	say: string;
}

/** The advice for a refusal the call recognises, if any. */
function adviceFor(context: SortedProCallContext, refusal: string): string | undefined {
	return context.advice?.find((advice) => advice.when.test(refusal))?.say;
}

/**
 * What a 404 is about: of the call's alternatives ("consignment X or service group Y"), the
 * one SortedPRO's message names, when it names exactly one; otherwise all of them.
 */
function notFoundSubject(context: SortedProCallContext, sortedProMessage: string): string {
	const what = context.notFound ?? 'the requested record';
	const alternatives = what.split(' or ');
	if (alternatives.length < 2) return what;
	const named = alternatives.filter((alternative) => {
		const identifier = alternative.trim().split(' ').pop() ?? '';
		return identifier.length > 0 && sortedProMessage.includes(identifier);
	});
	return named.length === 1 ? named[0].trim() : what;
}

/** What to do about a refusal for the consignment's state. */
function stateAdvice(context: SortedProCallContext): string {
	return `${context.stateRule} Check the consignment's current state in SortedPRO.${context.stateFix ? ` ${context.stateFix}` : ''}`;
}

/**
 * An error's description as n8n's editor shows it: as HTML, where a line break is `<br>` (a
 * newline would run the lines together), and a `<` from SortedPRO's text is kept as text.
 */
export function descriptionOf(lines: string[]): string {
	return lines.map((line) => line.replace(/&/g, '&amp;').replace(/</g, '&lt;')).join('<br>');
}

/**
 * An error's description lines (each shown on its own line): those describeWith set, or, for
 * an error described otherwise, its description as one line of plain text.
 */
function linesOf(error: { description?: string | null; context: object }): string[] {
	const lines = (error.context as { descriptionLines?: unknown }).descriptionLines;
	if (Array.isArray(lines)) return lines.map(String);
	const text = oneLine(
		(error.description ?? '')
			.replace(/<br\s*\/?>/gi, ' ')
			.replace(/&lt;/g, '<')
			.replace(/&amp;/g, '&'),
	);
	return text ? [text] : [];
}

/**
 * Sets an error's description from its lines: `first` goes before the lines it has, and
 * `replaceHint` stands for its first line (the advice), keeping SortedPRO's details, code and
 * correlation ID.
 */
export function describeWith(
	error: NodeApiError | NodeOperationError,
	change: { first?: Array<string | undefined>; replaceHint?: string },
): void {
	let lines = linesOf(error);
	if (change.replaceHint) lines = [change.replaceHint, ...lines.slice(1)];
	lines = [...(change.first ?? []).filter((line): line is string => Boolean(line)), ...lines];
	error.context.descriptionLines = lines;
	error.description = descriptionOf(lines);
}

/** A description as one line of plain text, for an error item (no `<br>`, no `\n`). */
export function plainDescription(error: { description?: string | null; context: object }): string {
	return linesOf(error).join(' ');
}

/** One line: SortedPRO's texts may carry line breaks, which an error message must not. */
function oneLine(value: string): string {
	return value.replace(/\s*[\r\n]+\s*/g, ' ').trim();
}

/** SortedPRO's application error body (PascalCase), or the gateway's {statusCode, message}. */
interface SortedProErrorBody {
	Code?: unknown;
	Message?: unknown;
	CorrelationId?: unknown;
	Details?: unknown;
	message?: unknown;
}

const MAX_TEXT = 300;

/** How much of an error answer is kept on the error, for whoever debugs it. */
const MAX_KEPT_ANSWER = 1000;

/** What an error keeps of SortedPRO's answer: its status and the start of its text. */
function answerCause(statusCode: number, body: unknown): JsonObject {
	const text = typeof body === 'string' ? body : body === undefined ? '' : JSON.stringify(body);
	return {
		sortedProStatus: statusCode,
		sortedProAnswer: text.length > MAX_KEPT_ANSWER ? `${text.slice(0, MAX_KEPT_ANSWER)}…` : text,
	};
}

// SortedPRO words a refusal caused by the consignment's state in several ways; none is documented.
const STATE_ERROR =
	/\bstate\b|\bstatus\b|already (?:been )?allocated|not (?:in an? )?allocatable|cannot be (?:de)?allocated|can ?not be (?:de)?allocated|unable to (?:de)?allocate .*(?:allocated|manifested|cancelled|dispatched)/i;

/** Whether SortedPRO's refusal text says the consignment's state does not allow the action. */
export function isStateRefusal(refusal: string): boolean {
	return STATE_ERROR.test(refusal);
}

function text(value: unknown): string {
	return typeof value === 'string' ? value.trim() : '';
}

/** Cuts a text from SortedPRO or a gateway to a readable length. */
export function shorten(value: string): string {
	return value.length > MAX_TEXT ? `${value.slice(0, MAX_TEXT)}…` : value;
}

/** Makes an HTML or plain-text gateway page readable in one line. */
function readableText(body: string): string {
	const stripped = body
		.replace(/<(script|style)[\s\S]*?<\/\1>/gi, ' ')
		.replace(/<[^>]+>/g, ' ')
		.replace(/&nbsp;/g, ' ')
		.replace(/\s+/g, ' ')
		.trim();
	return shorten(stripped);
}

function detailLines(details: unknown): string[] {
	if (!Array.isArray(details)) return [];
	return details
		.filter(
			(detail): detail is Record<string, unknown> => typeof detail === 'object' && detail !== null,
		)
		.map((detail) => {
			const target = text(detail.Target);
			const code = text(detail.Code);
			const message = text(detail.Message);
			return `- ${target ? `${target}: ` : ''}${message || '(no message)'}${code ? ` [${code}]` : ''}`;
		});
}

/**
 * The one error mapper for SortedPRO's HTTP answers: turns a non-2xx response into a
 * NodeApiError whose message says what failed (with the consignment and HTTP status)
 * and whose description says what to do.
 */
export function sortedProHttpError(
	node: INode,
	statusCode: number,
	body: unknown,
	headers: Record<string, unknown> | undefined,
	context: SortedProCallContext,
): NodeApiError {
	const errorBody: SortedProErrorBody =
		typeof body === 'object' && body !== null && !Array.isArray(body)
			? (body as SortedProErrorBody)
			: {};
	const sortedProMessage =
		text(errorBody.Message) ||
		text(errorBody.message) ||
		(typeof body === 'string' ? readableText(body) : '');
	const code = text(errorBody.Code);
	const details = detailLines(errorBody.Details);
	const correlationId = text(errorBody.CorrelationId);

	let hint: string;
	let summary = sortedProMessage;
	let stateRefusal = false;
	if (statusCode === 401 || statusCode === 403) {
		summary = `SortedPRO rejected the API key${sortedProMessage ? ` (${sortedProMessage})` : ''}`;
		hint = API_KEY_HINT;
	} else if (statusCode === 404) {
		const what = notFoundSubject(context, sortedProMessage);
		summary = `SortedPRO could not find ${what}${sortedProMessage ? ` (${sortedProMessage})` : ''}`;
		hint = `Check that ${what} exist${what.includes(' or ') || what.includes(' and ') ? '' : 's'} in the SortedPRO environment this credential points at (production and sandbox have separate data).`;
	} else if (statusCode === 429) {
		// What SortedPRO asked for, even beyond the minute the node waits out at the most.
		const asked = askedMs(headers);
		const wait = asked !== undefined && asked > 0 ? asked : undefined;
		summary = `SortedPRO's rate limit was exceeded${sortedProMessage ? ` (${sortedProMessage})` : ''}`;
		hint = `Wait${wait ? ` ${Math.ceil(wait / 1000)} seconds` : ' a little'} and run the workflow again, or lower Max Concurrent Requests.`;
	} else if (statusCode >= 500) {
		summary = sortedProMessage
			? `SortedPRO failed: ${sortedProMessage}`
			: 'SortedPRO or its gateway failed and sent no readable explanation';
		hint =
			'This is usually temporary. Run the workflow again in a few minutes; if it keeps failing, contact Sorted support with the correlation ID below (if any).';
	} else if (context.stateRule && isStateRefusal(`${code} ${sortedProMessage}`)) {
		stateRefusal = true;
		hint = stateAdvice(context);
	} else {
		hint =
			adviceFor(context, `${code} ${sortedProMessage}`) ??
			'SortedPRO refused the request. Check the values sent against the details below.';
	}
	if (!summary) summary = `SortedPRO answered with HTTP ${statusCode} and no explanation`;

	const lines: string[] = [
		hint,
		...(details.length ? ['Details:', ...details] : []),
		code ? `SortedPRO error code: ${code}` : '',
		correlationId ? `Correlation ID (quote it to Sorted support): ${correlationId}` : '',
	].filter(Boolean);

	// Only an excerpt of SortedPRO's answer goes into the error (the transport has already
	// redacted the key from it): never the request, which carries the key.
	const error = new NodeApiError(node, answerCause(statusCode, body), {
		message: oneLine(`Could not ${context.action}: ${summary} (HTTP ${statusCode})`),
		httpCode: String(statusCode),
		itemIndex: context.itemIndex,
	});
	describeWith(error, { first: lines });
	if (code) error.context.sortedProCode = code;
	if (correlationId) error.context.correlationId = correlationId;
	// The runner's "Return Current Allocation" applies to this kind of refusal only.
	error.context.sortedProStateRefusal = stateRefusal;
	return error;
}

/** Whether SortedPRO refused a request because of the consignment's state. */
export function refusedForState(error: unknown): boolean {
	return error instanceof NodeApiError && error.context.sortedProStateRefusal === true;
}

/**
 * A redirect. SortedPRO's API does not redirect, so one comes from a wrong address or
 * something in between; it is not followed, so the key never reaches its target.
 */
export function sortedProRedirectError(
	node: INode,
	statusCode: number,
	location: string,
	context: SortedProCallContext,
): NodeApiError {
	let target = 'another address';
	try {
		if (location)
			target = /^[a-z][a-z0-9+.-]*:/i.test(location)
				? new URL(location).origin
				: `another path (${shorten(location)})`;
	} catch {
		target = `an address that is not valid ("${shorten(location)}")`;
	}
	return new NodeApiError(node, { sortedProStatus: statusCode } as JsonObject, {
		message: `Could not ${context.action}: the address answered with a redirect to ${target} (HTTP ${statusCode}). The redirect was not followed and the API key was not sent there.`,
		description: `${BASE_URL_HINT} SortedPRO's API itself never redirects, so a redirect means the address is wrong or a proxy in between sends requests elsewhere.`,
		httpCode: String(statusCode),
		itemIndex: context.itemIndex,
	});
}

/** A 2xx answer that is not the JSON SortedPRO sends (`problem` names what came back). */
export function sortedProAnswerError(
	node: INode,
	statusCode: number,
	problem: string,
	context: SortedProCallContext,
): NodeApiError {
	return new NodeApiError(node, { sortedProStatus: statusCode } as JsonObject, {
		message: `Could not ${context.action}: the answer (HTTP ${statusCode}) was ${problem}, not SortedPRO's JSON`,
		description: `Nothing from this answer was used. ${BASE_URL_HINT} If it does, a proxy or firewall in between may be answering instead of SortedPRO.`,
		httpCode: String(statusCode),
		itemIndex: context.itemIndex,
	});
}

/**
 * A consignment SortedPRO refused inside a list call that as a whole succeeded
 * (`IsSuccess: false` with the reason in `Message`), or left out of its answer.
 */
export function sortedProItemFailure(
	node: INode,
	reason: string,
	context: SortedProCallContext,
	inBatch = true,
): NodeOperationError {
	const forState = context.stateRule && isStateRefusal(reason);
	const advice = adviceFor(context, reason);
	return new NodeOperationError(
		node,
		oneLine(`Could not ${context.action}: ${reason || 'SortedPRO gave no reason'}`),
		{
			itemIndex: context.itemIndex,
			description: forState
				? stateAdvice(context)
				: advice
					? advice
					: inBatch
						? 'SortedPRO accepted the batch call but reported this consignment as failed; the other consignments in the batch are not affected.'
						: "SortedPRO's answer did not say that this consignment was done. Check its state in SortedPRO (or with Consignment > Get Status) before running the workflow again for it.",
		},
	);
}

/** A failure as a node error: the transport's own are already; anything else is wrapped. */
export function asNodeError(node: INode, error: unknown): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	return new NodeOperationError(node, error instanceof Error ? error : new Error(String(error)));
}
