import type { ILoadOptionsFunctions, INodeListSearchItems, INodeListSearchResult } from 'n8n-workflow';

import { sortedProApiRequest } from '../transport';

/** SortedPRO does not document this list's shape: accept an array or an array under a wrapper key. */
function listOf(body: unknown): unknown[] {
	if (Array.isArray(body)) return body;
	if (typeof body === 'object' && body !== null) {
		const nested = Object.values(body).find(Array.isArray);
		if (nested) return nested;
	}
	return [];
}

function firstText(record: Record<string, unknown>, keys: string[]): string {
	for (const key of keys) {
		const value = record[key];
		if (typeof value === 'string' && value.trim()) return value.trim();
		if (typeof value === 'number') return String(value);
	}
	return '';
}

const GROUP_CODE_KEYS = [
	'ServiceGroupCode',
	'Code',
	'MpdCarrierServiceGroupReference',
	'CarrierServiceGroupReference',
	'Reference',
];
const GROUP_NAME_KEYS = ['Name', 'ServiceGroupName', 'DisplayName', 'Description'];

export async function searchServiceGroups(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const wanted = (filter ?? '').trim();
	const body = await sortedProApiRequest
		.call(
			this,
			{ method: 'GET', path: '/servicegroups/' },
			{ action: 'load the carrier service groups', notFound: 'the carrier service group list' },
		)
		.catch((error: unknown) => {
			// The user can still use a code they type, even when the list cannot be read.
			if (wanted) return undefined;
			return Promise.reject(error);
		});
	if (body === undefined && wanted) {
		return { results: [{ name: `Use code "${wanted}" (the list could not be loaded)`, value: wanted }] };
	}

	const groups: INodeListSearchItems[] = listOf(body)
		.filter((entry): entry is Record<string, unknown> => typeof entry === 'object' && entry !== null)
		.map((entry) => {
			const code = firstText(entry, GROUP_CODE_KEYS);
			const name = firstText(entry, GROUP_NAME_KEYS);
			return { name: name && name !== code ? `${name} (${code})` : code, value: code };
		})
		.filter((group) => group.value !== '');

	const needle = wanted.toLowerCase();
	const results = needle
		? groups.filter((group) => group.name.toLowerCase().includes(needle))
		: groups;
	if (wanted && !results.some((group) => group.value === wanted)) {
		results.push({ name: `Use code "${wanted}"`, value: wanted });
	}
	return { results };
}
