import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { runPerItem } from '../helpers/items';
import type { ItemTask } from '../helpers/items';
import { isRecord, listOf } from '../helpers/lists';
import { sortedProApiRequest } from '../transport';
import { readResultLimit, returnAllOrLimitFields, showFor } from './common';

/**
 * "Get Many" of SortedPRO reference data (the lists that also fill the drop-downs):
 * one output item per entry, up to the limit, paired to the input item.
 */
export function referenceListOperation(resource: string, path: string, what: string) {
	const description: INodeProperties[] = returnAllOrLimitFields(showFor(resource, 'getAll'));

	async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
		return await runPerItem<ItemTask & { limit: number }>(this, items, {
			read: (itemIndex) => ({ itemIndex, limit: readResultLimit(this, itemIndex) }),
			send: async ({ itemIndex, limit }) => {
				const body = await sortedProApiRequest.call(
					this,
					{ method: 'GET', path },
					{ action: `get the ${what}`, notFound: `the ${what} list`, itemIndex },
				);
				return listOf(body)
					.filter(isRecord)
					.slice(0, limit)
					.map((json) => ({ json: json as IDataObject }));
			},
		});
	}

	return { description, execute };
}
