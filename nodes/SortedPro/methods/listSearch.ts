import { NodeOperationError } from 'n8n-workflow';
import type {
	ILoadOptionsFunctions,
	INodeListSearchItems,
	INodeListSearchResult,
} from 'n8n-workflow';

import { firstText, isRecord, listOf } from '../helpers/lists';
import { CARRIER_SERVICES, SERVICE_GROUPS, SHIPPING_LOCATIONS } from '../helpers/referenceLists';
import type { ReferenceList } from '../helpers/referenceLists';
import { sortedProApiRequest, sortedProPath } from '../transport';
import { cheapestFirst, priceOf, quotesOf } from '../helpers/quotes';

/**
 * A searchable drop-down of SortedPRO reference data. When the list cannot be loaded,
 * a code the user typed is still offered, so a broken list never blocks them.
 */
async function searchReferenceList(
	context: ILoadOptionsFunctions,
	list: ReferenceList,
	filter?: string,
): Promise<INodeListSearchResult> {
	const wanted = (filter ?? '').trim();
	const body = await sortedProApiRequest
		.call(
			context,
			{ method: 'GET', path: list.path },
			{ action: `load the ${list.what}`, notFound: `the ${list.what} list` },
		)
		.catch((error: unknown) => (wanted ? undefined : Promise.reject(error)));
	if (body === undefined && wanted) {
		return {
			results: [{ name: `Use code "${wanted}" (the list could not be loaded)`, value: wanted }],
		};
	}

	const entries: INodeListSearchItems[] = listOf(body)
		.filter(isRecord)
		.map((entry) => {
			const code = firstText(entry, list.codeKeys);
			const name = firstText(entry, list.nameKeys);
			return { name: name && name !== code ? `${name} (${code})` : code, value: code };
		})
		.filter((entry) => entry.value !== '');

	const needle = wanted.toLowerCase();
	const results = needle
		? entries.filter((entry) => entry.name.toLowerCase().includes(needle))
		: entries;
	if (wanted && !results.some((entry) => entry.value === wanted)) {
		results.push({ name: `Use code "${wanted}"`, value: wanted });
	}
	return { results };
}

export async function searchServiceGroups(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	return await searchReferenceList(this, SERVICE_GROUPS, filter);
}

export async function searchCarrierServices(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	return await searchReferenceList(this, CARRIER_SERVICES, filter);
}

export async function searchShippingLocations(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	return await searchReferenceList(this, SHIPPING_LOCATIONS, filter);
}

/** One quote as a drop-down entry: carrier, service, price and currency. */
function quoteEntry(quote: Record<string, unknown>): INodeListSearchItems | undefined {
	const value = firstText(quote, ['QuoteReference', 'Reference']);
	if (!value) return undefined;
	const carrier = firstText(quote, ['CarrierName', 'CarrierReference']);
	const service = firstText(quote, ['CarrierServiceName', 'CarrierServiceReference']);
	const { amount, currency } = priceOf(quote);
	const price =
		amount === undefined ? '' : ` – ${amount.toFixed(2)}${currency ? ` ${currency}` : ''}`;
	return { name: `${[carrier, service].filter(Boolean).join(' ') || value}${price}`, value };
}

/**
 * The quotes of the consignment typed in Consignment Reference, cheapest first. An
 * expression (one consignment per item) cannot be resolved in the editor: then the
 * message says to use By ID with the QuoteReference from Quote > Get Many.
 */
export async function searchQuotes(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const typed = this.getCurrentNodeParameter('consignmentReference');
	const reference = typeof typed === 'string' ? typed.trim() : '';
	if (!reference || reference.startsWith('=')) {
		throw new NodeOperationError(
			this.getNode(),
			'From List needs a Consignment Reference typed in, not an expression',
			{
				description:
					'With a reference from the incoming items, choose By ID and map QuoteReference from a Quote > Get Many node before this one.',
			},
		);
	}
	const answer = await sortedProApiRequest.call(
		this,
		{ method: 'GET', path: sortedProPath`/quotes/consignment/${reference}` },
		{
			action: `load the quotes for consignment ${reference}`,
			notFound: `consignment ${reference}`,
		},
	);
	const needle = (filter ?? '').trim().toLowerCase();
	const results = cheapestFirst(quotesOf(answer))
		.map(quoteEntry)
		.filter((entry): entry is INodeListSearchItems => entry !== undefined)
		.filter((entry) => !needle || entry.name.toLowerCase().includes(needle));
	return { results };
}
