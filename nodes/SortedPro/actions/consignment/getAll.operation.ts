import { NodeOperationError } from 'n8n-workflow';
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { runPerItem } from '../../helpers/items';
import type { ItemTask } from '../../helpers/items';
import { readResultLimit, returnAllOrLimitFields, wellFormedIn } from '../../helpers/fields';
import { otherQueryParameters, readOtherQueryParameters } from '../../../shared/searchFilters';
import { referenceOf } from '../../../shared/consignments';
import type { RunSettings } from '../../helpers/settings';
import { CONSIGNMENT_STATES } from '../../../shared/states';
import { SEARCH_PAGE_SIZE, searchConsignments } from '../../../shared/search';
import type { SimplifiedKind } from '../../helpers/simplify';
import type { OperationOption } from '../types';
import type { Effect } from '../../helpers/toolDescription';

export const option: OperationOption = {
	name: 'Get Many',
	value: 'getAll',
	action: 'Get many consignments',
	description: 'Search consignments, for example all in state Allocated',
};

/** What an AI agent is told this operation changes (helpers/toolDescription.ts). */
export const effect: Effect = 'reads';

/** Simplify keeps the fields users map first of SortedPRO's consignment answer. */
export const simplified: SimplifiedKind = 'consignment';

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
	context: IExecuteFunctions,
	items: INodeExecutionData[],
	settings: RunSettings,
): Promise<INodeExecutionData[]> {
	return await runPerItem<Task>(context, items, settings, {
		read: (itemIndex) => ({
			itemIndex,
			limit: readResultLimit(context, itemIndex),
			query: readQuery(context, itemIndex),
		}),
		send: async ({ itemIndex, limit, query }) => {
			const { summaries, stopped } = await searchConsignments(
				context,
				query,
				{ limit, maxPages: MAX_PAGES },
				{ action: 'search consignments', notFound: 'the consignment search', itemIndex },
				settings.request,
			);
			if (stopped === 'pages') {
				throw new NodeOperationError(
					context.getNode(),
					`The consignment search in item ${itemIndex} matches more than ${MAX_PAGES * SEARCH_PAGE_SIZE} consignments`,
					{
						itemIndex,
						description: `Nothing was returned, so that no run works on a partial list. Narrow the search with Filters (a State, a shipping location, dates), or turn off Return All and set a Limit of at most ${MAX_PAGES * SEARCH_PAGE_SIZE}.`,
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
