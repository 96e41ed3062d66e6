import type {
	ICredentialDataDecryptedObject,
	IExecuteFunctions,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IN8nHttpFullResponse,
	IPollFunctions,
} from 'n8n-workflow';

/** The credential type every request is made with. */
export const CREDENTIAL_TYPE = 'sortedProApi';

/** The decrypted SortedPRO API credential of the node (never logged or output). */
export async function readSortedProCredentials(
	context: IExecuteFunctions | ILoadOptionsFunctions | IPollFunctions,
): Promise<ICredentialDataDecryptedObject> {
	return await context.getCredentials<ICredentialDataDecryptedObject>(CREDENTIAL_TYPE);
}

/** The context a request is made in: an execution (the node) or the editor (a drop-down). */
export type RequestContext = IExecuteFunctions | ILoadOptionsFunctions | IPollFunctions;

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
export async function sendAttempt(
	context: RequestContext,
	options: IHttpRequestOptions,
	credentials: ICredentialDataDecryptedObject | undefined,
	timeoutMs: number,
): Promise<IN8nHttpFullResponse> {
	// AbortSignal.timeout's timer does not keep n8n's process alive; the listener is removed
	// as soon as the attempt has settled (an AbortController would cost an exception object
	// on every attempt).
	const deadline = AbortSignal.timeout(timeoutMs);
	let onDeadline = (): void => {};
	const timedOut = new Promise<never>((_resolve, reject) => {
		onDeadline = () => reject(attemptTimedOut(timeoutMs));
		deadline.addEventListener('abort', onDeadline, { once: true });
	});
	let caller: RequestContext = context;
	if ('getExecutionCancelSignal' in context) {
		const cancel = context.getExecutionCancelSignal();
		const signal = cancel ? AbortSignal.any([cancel, deadline]) : deadline;
		caller = Object.create(context, {
			getExecutionCancelSignal: { value: () => signal },
		}) as RequestContext;
	} else {
		options.abortSignal = deadline;
	}
	try {
		return await Promise.race([
			context.helpers.httpRequestWithAuthentication.call(
				caller,
				CREDENTIAL_TYPE,
				options,
				credentials
					? { credentialsDecrypted: { id: '', name: '', type: CREDENTIAL_TYPE, data: credentials } }
					: undefined,
			) as Promise<IN8nHttpFullResponse>,
			timedOut,
		]);
	} finally {
		deadline.removeEventListener('abort', onDeadline);
	}
}
