/**
 * The Filters of SortedPRO's consignment search that both nodes offer: Get Many's and the
 * trigger's "Other Query Parameters".
 */
import type { IDataObject, INodeProperties } from 'n8n-workflow';

/** "Other Query Parameters" of SortedPRO's consignment search, in a Filters collection. */
export const otherQueryParameters: INodeProperties = {
	displayName: 'Other Query Parameters',
	name: 'query',
	type: 'fixedCollection',
	typeOptions: { multipleValues: true },
	default: {},
	description:
		"Any other search parameter SortedPRO's consignment search accepts, such as a shipping location or tags",
	options: [
		{
			displayName: 'Parameter',
			name: 'parameter',
			values: [
				{ displayName: 'Name', name: 'name', type: 'string', default: '' },
				{ displayName: 'Value', name: 'value', type: 'string', default: '' },
			],
		},
	],
};

/**
 * The query parameters of a Filters collection's Other Query Parameters, each checked for
 * broken characters (`check` names the field and the item).
 */
export function readOtherQueryParameters(
	filters: IDataObject,
	check: (text: string, field: string) => void,
): IDataObject {
	const rows =
		(filters.query as { parameter?: Array<{ name?: string; value?: string }> } | undefined)
			?.parameter ?? [];
	const query: IDataObject = {};
	for (const { name, value } of rows) {
		if (!name?.trim()) continue;
		check(name, 'Filters > Other Query Parameters > Name');
		check(String(value ?? ''), 'Filters > Other Query Parameters > Value');
		query[name.trim()] = value ?? '';
	}
	return query;
}
