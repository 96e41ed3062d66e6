import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { BatchTask } from '../../helpers/batch';
import { runConsignmentCall } from '../../helpers/consignmentCall';
import { operationOptions } from '../../helpers/settings';
import { consignmentReferenceField, showFor } from '../common';
import type { OperationOption } from '../types';
import { ALLOCATABLE_STATES_RULE } from './rules';

export const option: OperationOption = {
	name: 'Allocate Using Default Rules',
	value: 'allocateWithDefaultRules',
	action: 'Allocate consignments using default rules',
	description: "Allocate consignments with the account's default allocation rules",
};

const displayOptions = showFor('allocation', option.value);

export const description: INodeProperties[] = [
	consignmentReferenceField(displayOptions),
	operationOptions(displayOptions, 'batches'),
];

// SortedPRO only has a list endpoint for this, so items always go in batches.
export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await runConsignmentCall<BatchTask>(this, items, {
		action: (subject) => `allocate ${subject} using the default rules`,
		stateRule: ALLOCATABLE_STATES_RULE,
		doneStates: ['Allocated'],
		list: (tasks) => ({
			method: 'PUT',
			path: '/allocation/allocate',
			body: { ConsignmentReferences: tasks.map((task) => task.consignmentReference) },
		}),
	});
}
