import { NodeOperationError } from 'n8n-workflow';
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { runPerItem } from '../../helpers/items';
import type { ItemTask } from '../../helpers/items';
import {
	otherQueryParameters,
	readOtherQueryParameters,
	readResultLimit,
	returnAllOrLimitFields,
	wellFormedIn,
} from '../../helpers/fields';
import { firstText, isRecord, listOf } from '../../helpers/lists';
import { readRunSettings } from '../../helpers/settings';
import { CONSIGNMENT_STATES } from '../../helpers/states';
import { sortedProApiRequest, sortedProPath } from '../../transport';
import type { OperationOption } from '../types';

export const option: OperationOption = {
	name: 'Get Many',
	value: 'getAll',
	action: 'Get many consignments',
	description: 'Search consignments, for example all in state Allocated',
};

export const description: INodeProperties[] = [
	...returnAllOrLimitFields,
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			otherQueryParameters,
			{
				displayName: 'State',
				name: 'state',
				type: 'options',
				default: 'Allocated',
				description: 'Only consignments in this state',
				options: CONSIGNMENT_STATES,
			},
		],
	},
];

/** Get Many makes its own requests (pages), not one per consignment. */
export const shape = 'list';

/** SortedPRO pages with take/skip in the path; pages of this size are asked for. */
const PAGE_SIZE = 100;

/**
 * The most pages one item reads (50,000 consignments with Return All): a search that
 * matches more is refused with advice rather than read for hours.
 */
export const MAX_PAGES = 500;

interface Task extends ItemTask {
	limit: number;
	query: IDataObject;
}

function readQuery(context: IExecuteFunctions, itemIndex: number): IDataObject {
	const filters = context.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const query = readOtherQueryParameters(filters, wellFormedIn(context, itemIndex));
	return typeof filters.state === 'string' && filters.state
		? { State: filters.state, ...query }
		: query;
}

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	const settings = await readRunSettings(this);
	return await runPerItem<Task>(this, items, {
		read: (itemIndex) => ({
			itemIndex,
			limit: readResultLimit(this, itemIndex),
			query: readQuery(this, itemIndex),
		}),
		send: async ({ itemIndex, limit, query }) => {
			const found: IDataObject[] = [];
			const seen = new Set<string>();
			for (let page = 0, skip = 0; found.length < limit; page++, skip += PAGE_SIZE) {
				if (page === MAX_PAGES) {
					throw new NodeOperationError(
						this.getNode(),
						`The consignment search in item ${itemIndex} matches more than ${MAX_PAGES * PAGE_SIZE} consignments`,
						{
							itemIndex,
							description: `Nothing was returned, so that no run works on a partial list. Narrow the search with Filters (a State, a shipping location, dates), or turn off Return All and set a Limit of at most ${MAX_PAGES * PAGE_SIZE}.`,
						},
					);
				}
				const take = Math.min(PAGE_SIZE, limit - found.length);
				const entries = listOf(
					await sortedProApiRequest.call(
						this,
						{
							method: 'GET',
							path: sortedProPath`/consignments/${String(take)}/${String(skip)}`,
							qs: query,
						},
						{ action: 'search consignments', notFound: 'the consignment search', itemIndex },
						settings.request,
					),
				).filter(isRecord);
				// A page that brings no consignment not seen before means SortedPRO is not
				// paging (it ignores skip): stop instead of reading the same page forever.
				let fresh = 0;
				for (const entry of entries.slice(0, take)) {
					const reference = firstText(entry, ['ConsignmentReference', 'Reference']);
					if (reference && seen.has(reference)) continue;
					if (reference) seen.add(reference);
					fresh++;
					// SortedPRO's own fields, and the consignment under the name every output uses.
					found.push({
						...(entry as IDataObject),
						...(reference ? { ConsignmentReference: reference } : {}),
					});
				}
				if (entries.length < take || fresh === 0) break;
			}
			return found.map((json) => ({ json }));
		},
	});
}
