import { NodeApiError } from 'n8n-workflow';
import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
	JsonObject,
} from 'n8n-workflow';

import { referenceField } from '../../helpers/fields';
import { runPerItem } from '../../helpers/items';
import type { ItemTask } from '../../helpers/items';
import { firstText, isRecord, withConsignmentReference } from '../../helpers/lists';
import { readRunSettings } from '../../helpers/settings';
import type { RunSettings } from '../../helpers/settings';
import { sortedProApiRequest, sortedProPath } from '../../transport';
import type { OperationOption } from '../types';

export const option: OperationOption = {
	name: 'Get By Your Reference',
	value: 'getByClientReference',
	action: 'Get a consignment by your reference',
	description: 'Find the consignment created with your own reference, such as an order number',
};

export const yourReference = referenceField({
	displayName: 'Your Reference',
	name: 'clientReference',
	example: 'ORDER-1001',
	description:
		"The reference you gave the consignment when it was created (Create's Your Reference, SortedPRO's ConsignmentReferenceProvidedByCustomer)",
});

export const description: INodeProperties[] = [yourReference.property];

export const shape = 'perItem';

/** SortedPRO's consignment reference in a consignment it returned. */
export function referenceOfConsignment(consignment: unknown): string {
	return isRecord(consignment) ? firstText(consignment, ['ConsignmentReference', 'Reference']) : '';
}

/**
 * The consignment created with this reference of yours, or undefined when SortedPRO has
 * none (404). Any other failure is thrown, so a lookup that did not happen is never taken
 * for "there is none".
 */
export async function findByYourReference(
	context: IExecuteFunctions,
	clientReference: string,
	itemIndex: number,
	request: RunSettings['request'],
): Promise<unknown> {
	try {
		return await sortedProApiRequest.call(
			context,
			{ method: 'GET', path: sortedProPath`/consignments/clientReference/${clientReference}` },
			{
				action: `look for a consignment with your reference ${clientReference}`,
				notFound: `a consignment with your reference ${clientReference}`,
				itemIndex,
			},
			request,
		);
	} catch (error) {
		if (error instanceof NodeApiError && error.httpCode === '404') return undefined;
		// Hands back the transport's own NodeApiError unchanged (n8n does not re-wrap one).
		throw new NodeApiError(context.getNode(), error as JsonObject, { itemIndex });
	}
}

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	const settings = await readRunSettings(this);
	return await runPerItem<ItemTask & { clientReference: string }>(
		this,
		items,
		{
			read: (itemIndex) => ({ itemIndex, clientReference: yourReference.read(this, itemIndex) }),
			send: async ({ itemIndex, clientReference }) => {
				const consignment = await sortedProApiRequest.call(
					this,
					{ method: 'GET', path: sortedProPath`/consignments/clientReference/${clientReference}` },
					{
						action: `get the consignment with your reference ${clientReference}`,
						notFound: `a consignment with your reference ${clientReference}`,
						itemIndex,
					},
					settings.request,
				);
				return withConsignmentReference(consignment, referenceOfConsignment(consignment));
			},
		},
		settings.concurrency,
	);
}
