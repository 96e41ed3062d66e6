import type {
	ILoadOptionsFunctions,
	INodeListSearchItems,
	INodeListSearchResult,
} from 'n8n-workflow';

import { firstText, isRecord, listOf } from '../helpers/lists';
import { CARRIER_SERVICES, SERVICE_GROUPS, SHIPPING_LOCATIONS } from '../helpers/referenceLists';
import type { ReferenceList } from '../helpers/referenceLists';
import { sortedProApiRequest } from '../transport';

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
