import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { BatchTask } from '../../helpers/batch';
import { runConsignmentCall } from '../../helpers/consignmentCall';
import { operationOptions } from '../../helpers/settings';
import { sortedProPath } from '../../transport';
import { consignmentReferenceField, showFor } from '../common';
import { withConsignmentReference } from '../../helpers/lists';
import type { OperationOption } from '../types';
import { DEALLOCATABLE_STATES_RULE } from './rules';

export const option: OperationOption = {
	name: 'Deallocate',
	value: 'deallocate',
	action: 'Deallocate a consignment',
	description: 'Return allocated consignments to Unallocated',
};

const displayOptions = showFor('allocation', option.value);

export const description: INodeProperties[] = [
	consignmentReferenceField(displayOptions),
	operationOptions(displayOptions, 'perItemOrBatches'),
];

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await runConsignmentCall<BatchTask>(this, items, {
		action: (subject) => `deallocate ${subject}`,
		stateRule: DEALLOCATABLE_STATES_RULE,
		doneStates: ['Unallocated'],
		single: ({ consignmentReference }) => ({
			method: 'PUT',
			path: sortedProPath`/consignments/${consignmentReference}/deallocate`,
			// SortedPRO answers this one with 200 and no body.
			answer: 'jsonOrEmpty',
		}),
		list: (tasks) => ({
			method: 'PUT',
			path: '/consignments/deallocatelist',
			body: tasks.map((task) => task.consignmentReference),
		}),
		// The one-consignment endpoint answers 200 with an empty body.
		output: (task, answer) => ({ Deallocated: true, ...withConsignmentReference(answer, task.consignmentReference) }),
	});
}
