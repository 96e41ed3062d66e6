import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { BatchTask } from '../../helpers/batch';
import { runConsignmentCall } from '../../helpers/consignmentCall';
import { operationOptions } from '../../helpers/settings';
import { sortedProPath } from '../../transport';
import { consignmentReferenceField, showFor } from '../common';
import type { OperationOption } from '../types';
import { ALLOCATABLE_STATES_RULE } from './rules';

export const option: OperationOption = {
	name: 'Allocate To Cheapest Service',
	value: 'allocate',
	action: 'Allocate a consignment to the cheapest service',
	description: 'Allocate each consignment to the cheapest eligible carrier service of the whole account',
};

const displayOptions = showFor('allocation', option.value);

export const description: INodeProperties[] = [
	consignmentReferenceField(displayOptions),
	operationOptions(displayOptions, 'perItem'),
];

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await runConsignmentCall<BatchTask>(this, items, {
		action: (subject) => `allocate ${subject} to the cheapest service`,
		stateRule: ALLOCATABLE_STATES_RULE,
		doneStates: ['Allocated'],
		single: ({ consignmentReference }) => ({
			method: 'PUT',
			path: sortedProPath`/allocation/${consignmentReference}/allocatewithcheapestquote`,
		}),
	});
}
