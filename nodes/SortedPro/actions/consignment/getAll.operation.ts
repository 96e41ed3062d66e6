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
import { referenceOf } from '../../helpers/consignments';
import { readRunSettings } from '../../helpers/settings';
import { CONSIGNMENT_STATES } from '../../helpers/states';
import { searchConsignments } from '../../helpers/search';
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

/** SortedPRO pages with take/skip in the path (help/getting_consignment_data.md); pages of this size are asked for. */
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
			const { summaries, stopped } = await searchConsignments(
				this,
				query,
				{ limit, pageSize: PAGE_SIZE, maxPages: MAX_PAGES },
				{ action: 'search consignments', notFound: 'the consignment search', itemIndex },
				settings.request,
			);
			if (stopped === 'pages') {
				throw new NodeOperationError(
					this.getNode(),
					`The consignment search in item ${itemIndex} matches more than ${MAX_PAGES * PAGE_SIZE} consignments`,
					{
						itemIndex,
						description: `Nothing was returned, so that no run works on a partial list. Narrow the search with Filters (a State, a shipping location, dates), or turn off Return All and set a Limit of at most ${MAX_PAGES * PAGE_SIZE}.`,
					},
				);
			}
			// SortedPRO's summary fields, and the consignment under the name every output uses.
			return summaries.map((summary) => {
				const reference = referenceOf(summary);
				return { json: reference ? { ...summary, ConsignmentReference: reference } : summary };
			});
		},
	});
}
