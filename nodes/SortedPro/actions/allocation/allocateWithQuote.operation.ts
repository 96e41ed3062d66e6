import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { BatchTask } from '../../helpers/batch';
import { runConsignmentCall } from '../../helpers/consignmentCall';
import { operationOptions } from '../../helpers/settings';
import { readConsignmentReference, readReference } from '../../helpers/parameters';
import { sortedProPath } from '../../transport';
import { consignmentReferenceField, showFor } from '../common';
import type { OperationOption } from '../types';
import { ALLOCATABLE_STATES_RULE } from './rules';

export const option: OperationOption = {
	name: 'Allocate With Quote',
	value: 'allocateWithQuote',
	action: 'Allocate a consignment with a quote',
	description: 'Allocate each consignment with a quote it was given earlier',
};

const displayOptions = showFor('allocation', option.value);

export const description: INodeProperties[] = [
	consignmentReferenceField(displayOptions),
	{
		displayName: 'Quote Reference',
		name: 'quoteReference',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 5f0c1e9a-3b7d-4c1e-9a0b-2c6f0a8d9e11',
		description: 'The QuoteReference (a GUID) from the quotes SortedPRO returned for this consignment',
		displayOptions,
	},
	operationOptions(displayOptions, 'perItem'),
];

interface Task extends BatchTask {
	quoteReference: string;
}

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await runConsignmentCall<Task>(this, items, {
		read: (itemIndex) => ({
			itemIndex,
			consignmentReference: readConsignmentReference(this, itemIndex),
			quoteReference: readReference(
				this,
				'quoteReference',
				'Quote Reference',
				itemIndex,
				'5f0c1e9a-3b7d-4c1e-9a0b-2c6f0a8d9e11',
			),
		}),
		action: (subject, task) => `allocate ${subject} with quote ${task.quoteReference}`,
		notFound: (subject, task) => `${subject} or quote ${task.quoteReference}`,
		stateRule: ALLOCATABLE_STATES_RULE,
		doneStates: ['Allocated'],
		single: ({ consignmentReference, quoteReference }) => ({
			method: 'PUT',
			path: sortedProPath`/allocation/${consignmentReference}/allocatewithquote/${quoteReference}`,
		}),
	});
}
