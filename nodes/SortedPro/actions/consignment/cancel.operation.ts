import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { BatchTask } from '../../helpers/batch';
import { runConsignmentCall } from '../../helpers/consignmentCall';
import { operationOptions } from '../../helpers/settings';
import { sortedProPath } from '../../transport';
import { consignmentReferenceField, showFor } from '../common';
import { withConsignmentReference } from '../../helpers/lists';
import type { OperationOption } from '../types';

export const option: OperationOption = {
	name: 'Cancel',
	value: 'cancel',
	action: 'Cancel a consignment',
	description: 'Cancel consignments that will not be shipped',
};

const displayOptions = showFor('consignment', option.value);

export const description: INodeProperties[] = [
	consignmentReferenceField(displayOptions),
	operationOptions(displayOptions, 'perItemOrBatches'),
];

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await runConsignmentCall<BatchTask>(this, items, {
		action: (subject) => `cancel ${subject}`,
		stateRule: 'SortedPRO cannot cancel a consignment in its current state (for example once it has been dispatched or collected).',
		doneStates: ['Cancelled'],
		single: ({ consignmentReference }) => ({
			method: 'PUT',
			path: sortedProPath`/consignments/${consignmentReference}/cancel`,
			// SortedPRO answers this one with 200 and no body.
			answer: 'jsonOrEmpty',
		}),
		list: (tasks) => ({
			method: 'PUT',
			path: '/consignments/cancellist',
			body: tasks.map((task) => task.consignmentReference),
		}),
		output: (task, answer) => ({ Cancelled: true, ...withConsignmentReference(answer, task.consignmentReference) }),
	});
}
