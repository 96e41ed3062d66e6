/**
 * What one request to SortedPRO is, and how a run makes its requests: the types the transport
 * (index.ts) takes and gives, and the encoded path template. No requests are made here.
 */
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IHttpRequestMethods,
} from 'n8n-workflow';

import type { AnswerShape } from './answer';
import type { Pace } from './pace';
import type { Redactor } from './redact';

/** How one run talks to SortedPRO; composed by requestSettings (settings.ts). */
export interface RequestSettings {
	/** Attempts per request, the first included. */
	maxAttempts: number;
	timeoutMs: number;
	/**
	 * The run's credential, read once per execution: otherwise n8n decrypts it again for
	 * every request, which is most of the per-item cost. Never logged or output.
	 */
	credentials: ICredentialDataDecryptedObject;
	/** Removes that credential's key from any text SortedPRO or a gateway sends back. */
	redact: Redactor;
	/** The run's limiter: every attempt takes a slot, and a 429 pauses the whole run. */
	pace?: Pace;
	/**
	 * A time (Date.now()) by which every call made with these settings is over, answered or
	 * not: the answer in flight, retries and waits included (a trigger's poll budget).
	 */
	deadline?: number;
}

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
	 * SortedPRO documents 202 Accepted (no body) for this call: it took the request on and will
	 * finish it later (allocations, deallocate, manifest). Such an answer is a success whose
	 * `accepted` is true; for any other call a 202 is an answer the operation does not expect.
	 */
	acceptedLater?: boolean;
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
	/** SortedPRO answered 202 Accepted to a call that documents it: it will finish the work later. */
	accepted: boolean;
}
