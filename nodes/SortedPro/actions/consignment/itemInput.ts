import { NodeOperationError } from 'n8n-workflow';
import type { IExecuteFunctions } from 'n8n-workflow';

import { InputError } from './consignmentDetails';

/**
 * Runs one of the consignment modules' pure readers for an item: its InputError (what is wrong
 * and what to do) becomes this item's error, naming the item.
 */
export function forItem<T>(context: IExecuteFunctions, itemIndex: number, work: () => T): T {
	try {
		return work();
	} catch (error) {
		const description = error instanceof InputError ? error.description : undefined;
		throw new NodeOperationError(context.getNode(), error as Error, { itemIndex, description });
	}
}
