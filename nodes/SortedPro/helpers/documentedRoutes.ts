/**
 * Calls whose route (or verb) SortedPRO's documentation spells two ways: the help page's, and
 * the SDK reference's or an include's. The first is sent; the next only when the one before was
 * answered 404 or 405, which says no such route or verb answers here, so nothing was done.
 */
import { NodeApiError } from 'n8n-workflow';

import { sortedProApiRequest } from '../../shared/transport';
import type {
	RequestContext,
	RequestSettings,
	SortedProCallContext,
	SortedProRequest,
} from '../../shared/transport';

/** SortedPRO's gateway answers a route or verb it does not have with 404 or 405. */
export function routeNotHere(error: unknown): boolean {
	return error instanceof NodeApiError && ['404', '405'].includes(String(error.httpCode));
}

/** The answer of the first of `requests` that is not refused as "no such route or verb here". */
export async function firstAnsweringRoute(
	context: RequestContext,
	[first, ...others]: readonly [SortedProRequest, ...SortedProRequest[]],
	about: SortedProCallContext,
	settings: RequestSettings,
): Promise<unknown> {
	let answer = sortedProApiRequest.call(context, first, about, settings);
	for (const next of others)
		answer = answer.catch(async (error: unknown) =>
			routeNotHere(error)
				? await sortedProApiRequest.call(context, next, about, settings)
				: await Promise.reject(error),
		);
	return await answer;
}
