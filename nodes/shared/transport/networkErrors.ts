import { NodeApiError } from 'n8n-workflow';
import type { INode, JsonObject } from 'n8n-workflow';

import { shorten } from './errors';
import type { SortedProCallContext } from './errors';

// Each says what happened to the request, in words a workflow builder can act on.
const NETWORK_PROBLEMS: Record<string, string> = {
	ECONNRESET: 'the connection was reset before SortedPRO answered',
	ECONNREFUSED: 'the connection to SortedPRO was refused',
	ECONNABORTED: 'SortedPRO did not answer in time',
	ETIMEDOUT: 'SortedPRO did not answer in time',
	ESOCKETTIMEDOUT: 'SortedPRO did not answer in time',
	ENOTFOUND: 'the SortedPRO address could not be found',
	EAI_AGAIN: 'the SortedPRO address could not be looked up',
	EPIPE: 'the connection was closed while the request was being sent',
};

/** The network error code of a failed request (also for errors that only say "timeout"). */
export function networkCode(error: unknown): string {
	const original = (error as { cause?: unknown })?.cause ?? error;
	const code = String((original as { code?: unknown })?.code ?? '');
	if (code) return code;
	const message = original instanceof Error ? original.message : '';
	if (/timeout/i.test(message)) return 'ETIMEDOUT';
	if (/socket hang up/i.test(message)) return 'ECONNRESET';
	return '';
}

/** What failed below HTTP: no answer, a broken connection, or a refused credential. */
export function sortedProTransportError(
	node: INode,
	error: unknown,
	context: SortedProCallContext,
	redact: (text: string) => string,
): NodeApiError {
	// httpRequestWithAuthentication wraps the original error; read it, never re-throw it
	// (the original carries the request options, API key included).
	const original = (error as { cause?: unknown })?.cause ?? error;
	const errorCode = networkCode(error);
	const originalMessage = redact(original instanceof Error ? original.message : String(original));
	const networkProblem = NETWORK_PROBLEMS[errorCode];

	const message = `Could not ${context.action}: ${networkProblem ?? shorten(originalMessage)}`;
	const description = networkProblem
		? `No answer was received, so it is not known whether SortedPRO acted on the request. Check the connection to SortedPRO and run the workflow again. (network error ${errorCode || 'timeout'})`
		: 'No answer was received from SortedPRO. Fix the problem named above and run the workflow again.';
	return new NodeApiError(node, { sortedProStatus: null, reason: originalMessage } as JsonObject, {
		message,
		description,
		itemIndex: context.itemIndex,
	});
}
