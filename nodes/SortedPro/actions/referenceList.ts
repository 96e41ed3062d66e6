import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { runPerItem } from '../helpers/items';
import type { ItemTask } from '../helpers/items';
import { isRecord, listOf } from '../helpers/lists';
import { operationOptions, readRunSettings } from '../helpers/settings';
import { sortedProApiRequest } from '../transport';
import { readResultLimit, returnAllOrLimitFields, showFor } from './common';

/**
 * "Get Many" of SortedPRO reference data (the lists that also fill the drop-downs):
 * one output item per entry, up to the limit, paired to the input item.
 */
export function referenceListOperation(resource: string, path: string, what: string) {
	const displayOptions = showFor(resource, 'getAll');
	const description: INodeProperties[] = [
		...returnAllOrLimitFields(displayOptions),
		operationOptions(displayOptions, 'list'),
	];

	async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
		const settings = await readRunSettings(this);
		return await runPerItem<ItemTask & { limit: number }>(this, items, {
			read: (itemIndex) => ({ itemIndex, limit: readResultLimit(this, itemIndex) }),
			send: async ({ itemIndex, limit }) => {
				const body = await sortedProApiRequest.call(
					this,
					{ method: 'GET', path },
					{ action: `get the ${what}`, notFound: `the ${what} list`, itemIndex },
					settings.request,
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
