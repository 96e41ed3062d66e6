import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { readResultLimit, returnAllOrLimitFields } from '../helpers/fields';
import { runPerItem } from '../helpers/items';
import type { ItemTask } from '../helpers/items';
import { referenceEntriesOf, unreadableList } from '../helpers/referenceLists';
import type { ReferenceList } from '../helpers/referenceLists';
import type { RunSettings } from '../helpers/settings';
import { sortedProApiRequest } from '../../shared/transport';

/**
 * "Get Many" of SortedPRO reference data (the lists that also fill the drop-downs):
 * one output item per entry, up to the limit, paired to the input item.
 */
export function referenceListOperation(list: ReferenceList) {
	async function execute(
		context: IExecuteFunctions,
		items: INodeExecutionData[],
		settings: RunSettings,
	): Promise<INodeExecutionData[]> {
		return await runPerItem<ItemTask & { limit: number }>(context, items, settings, {
			read: (itemIndex) => ({ itemIndex, limit: readResultLimit(context, itemIndex) }),
			send: async ({ itemIndex, limit }) => {
				const body = await sortedProApiRequest.call(
					context,
					{ method: 'GET', path: list.path },
					{ action: `get the ${list.what}`, notFound: `the ${list.what} list`, itemIndex },
					settings.request,
				);
				const entries = referenceEntriesOf(body);
				if (!entries) {
					throw new NodeOperationError(
						context.getNode(),
						`Could not get the ${list.what}: ${unreadableList(list)}`,
						{
							itemIndex,
							description:
								"Nothing was output. Check the credential's Environment, or look the list up in SortedPRO.",
						},
					);
				}
				return entries.slice(0, limit).map((json) => ({ json: json as IDataObject }));
			},
		});
	}

	return { description: returnAllOrLimitFields, execute, shape: 'list' as const };
}
