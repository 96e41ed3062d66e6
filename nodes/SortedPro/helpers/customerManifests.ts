/**
 * SortedPRO's customer manifests (the collection sheets a manifest produces), whose routes the
 * documentation spells two ways: help/manifesting_consignments.md's
 * `/consignments/customer/manifests` and `/consignments/customer/manifest/{ref}`, tried first,
 * and the SDK's ConsignmentService `/consignments/manifests` and `/consignments/manifest/{ref}`.
 */
import { sortedProPath } from '../../shared/transport';
import type { SortedProRequest } from '../../shared/transport';
import { isRecord } from '../../shared/lists';

/** Get Customer Manifests: the help page's route, then the SDK's. */
export function customerManifestsRequests(
	shippingLocationReference: string | undefined,
): [SortedProRequest, SortedProRequest] {
	const qs = shippingLocationReference ? { shippingLocationReference } : undefined;
	return [
		{ method: 'GET', path: '/consignments/customer/manifests', qs },
		{ method: 'GET', path: '/consignments/manifests', qs },
	];
}

/** Get Customer Manifest (one manifest's file): the help page's route, then the SDK's. */
export function customerManifestRequests(
	manifestReference: string,
): [SortedProRequest, SortedProRequest] {
	return [
		{
			method: 'GET',
			path: sortedProPath`/consignments/customer/manifest/${manifestReference}`,
			answer: 'jsonOrText',
		},
		{
			method: 'GET',
			path: sortedProPath`/consignments/manifest/${manifestReference}`,
			answer: 'jsonOrText',
		},
	];
}

/**
 * The manifest summaries of an answer: the help page's bare list, or the SDK's ManifestsView
 * `{ Manifests, TotalRecords, PageSize, ... }`. Undefined when it is neither, or when an entry
 * is not a summary with its ManifestReference.
 */
export function manifestSummariesOf(answer: unknown): Array<Record<string, unknown>> | undefined {
	const list = Array.isArray(answer)
		? answer
		: isRecord(answer) && Array.isArray(answer.Manifests)
			? answer.Manifests
			: undefined;
	if (!list) return undefined;
	const summaries = list.filter(isRecord);
	if (summaries.length !== list.length) return undefined;
	return summaries.every(
		(summary) => typeof summary.ManifestReference === 'string' && summary.ManifestReference !== '',
	)
		? summaries
		: undefined;
}
