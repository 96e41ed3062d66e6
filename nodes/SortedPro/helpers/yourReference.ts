/**
 * Finding the consignment created with your own reference (Create's Your Reference,
 * SortedPRO's ConsignmentReferenceProvidedByCustomer). SortedPRO documents no route for it
 * but its search, `GET /consignments/{take}/{skip}?referenceProvidedByCustomer=…`, so that is
 * what is asked, and the answer is checked rather than trusted: a consignment counts only
 * when its own ConsignmentReferenceProvidedByCustomer is exactly the reference asked for and it
 * names its SortedPRO reference. None is "not found"; more than one is an error naming them;
 * a search that could not be read, or was cut short, is an error, never "none".
 */
import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { referenceOf, yourReferenceOf } from '../../shared/consignments';
import { SEARCH_PAGE_SIZE, YOUR_REFERENCE_TERM, searchConsignments } from '../../shared/search';
import type { RequestSettings } from '../../shared/transport';

/** Consignments read at most per look-up (10 pages of 100): a reference is an order number. */
const MAX_PAGES = 10;

/**
 * The one consignment with your reference, as SortedPRO's search summarises it, or undefined
 * when SortedPRO has none. `nothingDone` ends every error's advice (what did not happen).
 */
export async function findByYourReference(
	context: IExecuteFunctions,
	yourReference: string,
	itemIndex: number,
	request: RequestSettings,
	nothingDone: string,
): Promise<IDataObject | undefined> {
	const action = `look for a consignment with your reference ${yourReference}`;
	const { summaries, stopped } = await searchConsignments(
		context,
		{ [YOUR_REFERENCE_TERM]: yourReference },
		{ limit: Infinity, maxPages: MAX_PAGES, documentedOnly: true },
		{ action, notFound: 'the consignment search', itemIndex },
		request,
	);
	const fail = (problem: string, advice: string) =>
		new NodeOperationError(context.getNode(), `Could not ${action}: ${problem}`, {
			itemIndex,
			description: `${nothingDone} ${advice}`,
		});
	// SortedPRO's search may match more loosely (ORDER-1 in ORDER-10): only an exact match counts.
	// A summary that does not even contain the reference means the search term was not applied
	// (a proxy, another route): then nothing the answer says can be trusted.
	const yours = summaries.filter((summary) => yourReferenceOf(summary) === yourReference);
	const needle = yourReference.toLowerCase();
	const unrelated = summaries.find(
		(summary) => !yourReferenceOf(summary).toLowerCase().includes(needle),
	);
	if (unrelated) {
		throw fail(
			`SortedPRO's search answered with consignment ${referenceOf(unrelated) || '(unnamed)'}, whose reference of yours is "${yourReferenceOf(unrelated)}", so it did not search by this reference`,
			"Check the credential's Environment and Base URL: something other than SortedPRO's consignment search may be answering.",
		);
	}
	if (stopped === 'incomplete' && yours.length <= 1) {
		throw fail(
			"SortedPRO's search says it matches more consignments than its pages gave, so the node cannot tell whether one has exactly this reference",
			'Try again in a few minutes; if it keeps happening, look the reference up in SortedPRO (Consignments, search).',
		);
	}
	if (stopped === 'pages' && yours.length <= 1) {
		throw fail(
			`SortedPRO's search for it matches more than ${SEARCH_PAGE_SIZE * MAX_PAGES} consignments, so the node cannot tell whether one has exactly this reference`,
			'Check the reference in SortedPRO (Consignments, search), or use a more distinctive reference such as the full order number.',
		);
	}
	const unnamed = yours.filter((summary) => !referenceOf(summary));
	if (unnamed.length) {
		throw fail(
			"SortedPRO's search found a consignment with this reference but did not name its consignment reference",
			'Look the order up in SortedPRO (Consignments, search) and try again.',
		);
	}
	if (yours.length > 1) {
		const named = yours.slice(0, 5).map(referenceOf);
		const more = yours.length > named.length ? ` and ${yours.length - named.length} more` : '';
		throw fail(
			`SortedPRO has ${yours.length} consignments with this reference (${named.join(', ')}${more})`,
			'The node does not pick one. Cancel the consignments that should not ship in SortedPRO, or use the consignment reference (EC-…) of the right one.',
		);
	}
	return yours[0];
}
