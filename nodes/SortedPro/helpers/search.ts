/**
 * SortedPRO's consignment search, `GET /consignments/{take}/{skip}?{term}={value}`
 * (help/getting_consignment_data.md; SDK ConsignmentService.SearchConsignments), read page by
 * page for Get Many, the trigger and the Your Reference look-up. Each page is a
 * `{ Count, ConsignmentSummaries }`; an answer that is not one is an error, never "none found".
 */
import type { IDataObject } from 'n8n-workflow';

import { referenceOf, searchPageOf } from './consignments';
import { sortedProApiRequest, sortedProPath } from '../transport';
import type { RequestContext, RequestSettings, SortedProCallContext } from '../transport';
import { sortedProAnswerError } from '../transport/errors';

/** The search term for your own reference, as the SDK's route template spells it. */
export const YOUR_REFERENCE_TERM = 'referenceProvidedByCustomer';

export interface SearchBounds {
	/** Consignments wanted at most (Infinity for all). */
	limit: number;
	/** Consignments asked for per page. */
	pageSize: number;
	/** Pages read at most. */
	maxPages: number;
	/** A time (Date.now()) after which no further page is asked for. */
	deadline?: number;
	/** Only SortedPRO's documented `{ Count, ConsignmentSummaries }` counts as an answer. */
	documentedOnly?: boolean;
}

export interface SearchResult {
	/** The summaries found, each consignment once, in SortedPRO's order. */
	summaries: IDataObject[];
	/**
	 * Why reading stopped: the search had no more (`end`), `limit` consignments were found, or
	 * a bound cut it short (`pages`, `deadline`) with more possibly unread.
	 */
	stopped: 'end' | 'limit' | 'pages' | 'deadline';
}

/** Reads the consignments matching `query`, within `bounds`. */
export async function searchConsignments(
	context: RequestContext,
	query: IDataObject,
	bounds: SearchBounds,
	about: SortedProCallContext,
	request?: RequestSettings,
): Promise<SearchResult> {
	const summaries: IDataObject[] = [];
	const seen = new Set<string>();
	for (let page = 0, skip = 0; ; page++) {
		if (summaries.length >= bounds.limit) return { summaries, stopped: 'limit' };
		if (page >= bounds.maxPages) return { summaries, stopped: 'pages' };
		if (bounds.deadline !== undefined && Date.now() > bounds.deadline)
			return { summaries, stopped: 'deadline' };
		const take = Math.min(bounds.pageSize, bounds.limit - summaries.length);
		const answer = await sortedProApiRequest.call(
			context,
			{
				method: 'GET',
				path: sortedProPath`/consignments/${String(take)}/${String(skip)}`,
				qs: query,
			},
			about,
			request,
		);
		const found = searchPageOf(answer, bounds.documentedOnly);
		if (!found) {
			throw sortedProAnswerError(
				context.getNode(),
				200,
				'JSON that is not a consignment search answer ({ "Count", "ConsignmentSummaries" })',
				about,
			);
		}
		// A page that brings no consignment not seen before means SortedPRO is not paging (it
		// ignores skip): stop instead of reading the same page forever.
		let fresh = 0;
		for (const summary of found.summaries.slice(0, take)) {
			const reference = referenceOf(summary);
			if (reference && seen.has(reference)) continue;
			if (reference) seen.add(reference);
			fresh++;
			summaries.push(summary as IDataObject);
		}
		skip += take;
		const noMore =
			found.summaries.length < take ||
			fresh === 0 ||
			(found.count !== undefined && skip >= found.count);
		if (noMore) return { summaries, stopped: summaries.length >= bounds.limit ? 'limit' : 'end' };
	}
}
