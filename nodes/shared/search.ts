/**
 * SortedPRO's consignment search, `GET /consignments/{take}/{skip}?{term}={value}`
 * (help/getting_consignment_data.md; SDK ConsignmentService.SearchConsignments), read page by
 * page for Get Many, the trigger and the Your Reference look-up. Each page is a
 * `{ Count, ConsignmentSummaries }`; an answer that is not one is an error, never "none found".
 */
import type { IDataObject } from 'n8n-workflow';

import { referenceOf, searchPageOf } from './consignments';
import {
	asNodeError,
	ranOutOfTime,
	sortedProAnswerError,
	sortedProApiRequest,
	sortedProPath,
} from './transport';
import type { RequestContext, RequestSettings, SortedProCallContext } from './transport';

/** The search term for your own reference, as the SDK's route template spells it. */
export const YOUR_REFERENCE_TERM = 'referenceProvidedByCustomer';

/** Consignments asked for per page, by every search the package makes. */
export const SEARCH_PAGE_SIZE = 100;

export interface SearchBounds {
	/** Consignments wanted at most (Infinity for all). */
	limit: number;
	/** Pages read at most. */
	maxPages: number;
	/** A time (Date.now()) after which no further page is asked for. */
	deadline?: number;
	/**
	 * Only SortedPRO's documented `{ Count, ConsignmentSummaries }` counts as an answer, and the
	 * search is read to its Count (for look-ups, where "none" must be certain).
	 */
	documentedOnly?: boolean;
}

export interface SearchResult {
	/** The summaries found, each consignment once, in SortedPRO's order. */
	summaries: IDataObject[];
	/**
	 * Why reading stopped: the search had no more (`end`), `limit` consignments were found, a
	 * bound cut it short (`pages`, `deadline`) with more possibly unread, or SortedPRO's Count
	 * says it matched more than its pages gave (`incomplete`).
	 */
	stopped: 'end' | 'limit' | 'pages' | 'deadline' | 'incomplete';
}

/** Reads the consignments matching `query`, within `bounds`. */
export async function searchConsignments(
	context: RequestContext,
	query: IDataObject,
	bounds: SearchBounds,
	about: SortedProCallContext,
	request: RequestSettings,
): Promise<SearchResult> {
	const summaries: IDataObject[] = [];
	const seen = new Set<string>();
	for (let page = 0, skip = 0; ; page++) {
		if (summaries.length >= bounds.limit) return { summaries, stopped: 'limit' };
		if (page >= bounds.maxPages) return { summaries, stopped: 'pages' };
		if (bounds.deadline !== undefined && Date.now() > bounds.deadline)
			return { summaries, stopped: 'deadline' };
		const take = Math.min(SEARCH_PAGE_SIZE, bounds.limit - summaries.length);
		let answer: unknown;
		try {
			answer = await sortedProApiRequest.call(
				context,
				{
					method: 'GET',
					path: sortedProPath`/consignments/${String(take)}/${String(skip)}`,
					qs: query,
				},
				about,
				request,
			);
		} catch (error) {
			// The run's time ran out during a later page: what was read is a partial read.
			if (page > 0 && bounds.deadline !== undefined && ranOutOfTime(error))
				return { summaries, stopped: 'deadline' };
			throw asNodeError(context.getNode(), error);
		}
		const found = searchPageOf(answer, bounds.documentedOnly);
		if (!found || (bounds.documentedOnly && found.count === undefined)) {
			throw sortedProAnswerError(
				context.getNode(),
				200,
				'JSON that is not a consignment search answer ({ "Count", "ConsignmentSummaries" })',
				about,
			);
		}
		const rows = found.summaries.slice(0, take);
		let fresh = 0;
		for (const summary of rows) {
			const reference = referenceOf(summary);
			if (reference && seen.has(reference)) continue;
			if (reference) seen.add(reference);
			fresh++;
			summaries.push(summary as IDataObject);
		}
		// The next page starts after the rows this one really had (a server may cap pages).
		skip += rows.length;
		if (summaries.length >= bounds.limit) return { summaries, stopped: 'limit' };
		if (found.count !== undefined && skip >= found.count) return { summaries, stopped: 'end' };
		if (bounds.documentedOnly && found.count !== undefined) {
			// Count says there is more: read on (SortedPRO may cap its pages), but a page that
			// brings nothing new while Count says there is more is never read as "that is all".
			if (fresh === 0) return { summaries, stopped: 'incomplete' };
			continue;
		}
		// Otherwise a short page is the last one (consignments leave a state while it is being
		// read, so Count may have been more); a page that brings no consignment not seen before
		// means SortedPRO is not paging: stop instead of reading it forever.
		if (rows.length < take || fresh === 0) return { summaries, stopped: 'end' };
	}
}
