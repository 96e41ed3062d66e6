/**
 * SortedPRO's consignment answers, read one way by every operation and the trigger. SortedPRO
 * names the same facts differently per endpoint (help/getting_consignment_data.md and the SDK
 * reference, ref-consignments):
 *
 * | fact | Get Consignment | search summary | Get Status |
 * |---|---|---|---|
 * | consignment | `Reference` | `Reference` | `ConsignmentReferenceForAllLegsAssignedByMpd` |
 * | your reference | `ConsignmentReferenceProvidedByCustomer` | the same | – |
 * | state | `ConsignmentState` | `State` | `Status` |
 *
 * `ConsignmentReference` is this node's own name in every output (and what list answers and
 * read-backs of earlier versions carried), so it is read too. Pure: no n8n, no requests.
 */
import { firstText, isRecord } from './lists';
import { sameState } from './states';

const REFERENCE_KEYS = [
	'Reference',
	'ConsignmentReferenceForAllLegsAssignedByMpd',
	'ConsignmentReference',
];
const STATE_KEYS = ['ConsignmentState', 'State', 'Status'];

/** The SortedPRO consignment reference an answer is about, or '' when it names none. */
export function referenceOf(answer: unknown): string {
	return isRecord(answer) ? firstText(answer, REFERENCE_KEYS) : '';
}

/** Your own reference (Create's Your Reference), or '' when the answer has none. */
export function yourReferenceOf(answer: unknown): string {
	return isRecord(answer) ? firstText(answer, ['ConsignmentReferenceProvidedByCustomer']) : '';
}

/** The consignment's state as SortedPRO spells it, e.g. "AllocationFailed", or undefined. */
export function stateOf(answer: unknown): string | undefined {
	if (!isRecord(answer)) return undefined;
	const state = firstText(answer, STATE_KEYS);
	return state || undefined;
}

/** Whether the consignment is in one of `states` (spellings with or without spaces match). */
export function inState(answer: unknown, states: readonly string[]): boolean {
	const state = stateOf(answer);
	return state !== undefined && states.some((wanted) => sameState(state, wanted));
}

/**
 * Why an answer cannot be taken as consignment `reference`'s, or undefined when it can: it must
 * be one JSON object that names that very consignment. An empty answer, a list, or another
 * consignment is never taken for it.
 */
export function notAbout(answer: unknown, reference: string): string | undefined {
	if (!isRecord(answer)) {
		return Array.isArray(answer)
			? `SortedPRO answered with a list of ${answer.length}, not the consignment`
			: 'SortedPRO sent no consignment';
	}
	const named = referenceOf(answer);
	if (!named) return "SortedPRO's answer names no consignment";
	if (named !== reference)
		return `SortedPRO's answer is about consignment ${named}, not ${reference}`;
	return undefined;
}

/**
 * A consignment's allocation in the fields a fresh Allocation Summary has, from Get
 * Consignment's `Allocation` (carrier service) and `ConsignmentLegs` (carrier); undefined when
 * the consignment names no carrier service.
 */
export function allocationOf(consignment: unknown): Record<string, unknown> | undefined {
	if (!isRecord(consignment) || !isRecord(consignment.Allocation)) return undefined;
	const allocation = consignment.Allocation;
	const service = firstText(allocation, ['MpdCarrierServiceReference', 'CarrierServiceReference']);
	if (!service) return undefined;
	const legs = Array.isArray(consignment.ConsignmentLegs)
		? consignment.ConsignmentLegs.filter(isRecord)
		: [];
	const firstLeg = legs[0] ?? {};
	return {
		CarrierReference: firstText(firstLeg, ['CarrierReference']) || null,
		CarrierName: firstText(firstLeg, ['CarrierName']) || null,
		CarrierServiceReference: service,
		CarrierServiceName:
			firstText(allocation, ['MpdCarrierServiceName', 'CarrierServiceName']) || null,
		ConsignmentLegs: legs,
	};
}

/** One page of SortedPRO's consignment search: `{ Count, ConsignmentSummaries }`. */
export interface SearchPage {
	/** How many consignments match the whole search, when SortedPRO says. */
	count?: number;
	summaries: Array<Record<string, unknown>>;
}

/**
 * A search answer (`GET /consignments/{take}/{skip}`, SDK MatchingConsignmentsResponse), or
 * undefined when it is not one. Unless `documentedOnly`, a bare list of summaries is accepted
 * too; anything else is never read as "nothing found".
 */
export function searchPageOf(answer: unknown, documentedOnly = false): SearchPage | undefined {
	if (Array.isArray(answer))
		return documentedOnly ? undefined : { summaries: answer.filter(isRecord) };
	if (!isRecord(answer)) return undefined;
	const { Count, ConsignmentSummaries } = answer;
	if (ConsignmentSummaries === null && Count === 0) return { count: 0, summaries: [] };
	if (!Array.isArray(ConsignmentSummaries)) return undefined;
	return {
		count: typeof Count === 'number' && Number.isFinite(Count) ? Count : undefined,
		summaries: ConsignmentSummaries.filter(isRecord),
	};
}
