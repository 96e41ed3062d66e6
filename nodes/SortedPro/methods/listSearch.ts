import { NodeOperationError } from 'n8n-workflow';
import type {
	ILoadOptionsFunctions,
	INodeListSearchItems,
	INodeListSearchResult,
} from 'n8n-workflow';

import { firstText } from '../../shared/lists';
import {
	CARRIER_SERVICES,
	SERVICE_GROUPS,
	SHIPPING_LOCATIONS,
	referenceEntriesOf,
	unreadableList,
} from '../helpers/referenceLists';
import type { ReferenceList } from '../helpers/referenceLists';
import { requestSettings, sortedProApiRequest, sortedProPath } from '../../shared/transport';
import { cheapestFirst, quoteLabel, quotesAnswerOf } from '../helpers/quotes';
import type { Quote } from '../helpers/quotes';

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
	const body = await requestSettings(context)
		.then(
			async (settings) =>
				await sortedProApiRequest.call(
					context,
					{ method: 'GET', path: list.path },
					{ action: `load the ${list.what}`, notFound: `the ${list.what} list` },
					settings,
				),
		)
		.catch((error: unknown) => (wanted ? undefined : Promise.reject(error)));
	if (body === undefined && wanted) {
		return {
			results: [{ name: `Use code "${wanted}" (the list could not be loaded)`, value: wanted }],
		};
	}

	const listed = referenceEntriesOf(body);
	if (!listed) {
		if (wanted) {
			return {
				results: [{ name: `Use code "${wanted}" (the list could not be read)`, value: wanted }],
			};
		}
		throw new NodeOperationError(
			context.getNode(),
			`Could not load the ${list.what}: ${unreadableList(list)}`,
			{
				description: 'Type the code in the search box and pick "Use code …", or switch to By ID.',
			},
		);
	}
	const entries: INodeListSearchItems[] = listed
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

/** One quote as a drop-down entry: carrier, service and gross price. */
function quoteEntry(quote: Quote): INodeListSearchItems | undefined {
	const value = firstText(quote, ['QuoteReference']);
	return value ? { name: quoteLabel(quote), value } : undefined;
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
		await requestSettings(this),
	);
	const found = quotesAnswerOf(answer);
	if (!found) {
		throw new NodeOperationError(
			this.getNode(),
			`Could not read SortedPRO's quotes for consignment ${reference}`,
			{
				description:
					'SortedPRO documents { "Quotes": [...], "UnqualifiedServices": [...] }. Choose By ID and map QuoteReference from a Quote > Get Many node instead.',
			},
		);
	}
	const needle = (filter ?? '').trim().toLowerCase();
	const results = cheapestFirst(found.quotes)
		.map(quoteEntry)
		.filter((entry): entry is INodeListSearchItems => entry !== undefined)
		.filter((entry) => !needle || entry.name.toLowerCase().includes(needle));
	return { results };
}
