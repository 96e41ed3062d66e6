import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { BatchTask } from '../../helpers/batch';
import { runConsignmentCall } from '../../helpers/consignmentCall';
import { operationOptions } from '../../helpers/settings';
import { readConsignmentReference, readReference } from '../../helpers/parameters';
import { sortedProPath } from '../../transport';
import { codeLocatorField, consignmentReferenceField, showFor } from '../common';
import type { OperationOption } from '../types';
import { ALLOCATABLE_STATES_RULE } from './rules';

export const option: OperationOption = {
	name: 'Allocate With Service Group',
	value: 'allocateWithServiceGroup',
	action: 'Allocate a consignment with a carrier service group',
	description:
		'Allocate each consignment to the cheapest eligible carrier service in a carrier service group',
};

const displayOptions = showFor('allocation', option.value);

export const description: INodeProperties[] = [
	consignmentReferenceField(displayOptions),
	codeLocatorField({
		displayName: 'Carrier Service Group',
		name: 'serviceGroup',
		description:
			'The carrier service group whose cheapest eligible service is used: its Service Group Code in SortedPRO (Settings > Carrier Service Groups)',
		searchListMethod: 'searchServiceGroups',
		listPlaceholder: 'Select a service group...',
		example: 'NEXTDAY',
		hint: 'The Service Group Code from SortedPRO: Settings > Carrier Service Groups',
		displayOptions,
	}),
	operationOptions(displayOptions, 'perItemOrBatches'),
];

interface Task extends BatchTask {
	serviceGroup: string;
}

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await runConsignmentCall<Task>(this, items, {
		read: (itemIndex) => ({
			itemIndex,
			consignmentReference: readConsignmentReference(this, itemIndex),
			serviceGroup: readReference(this, 'serviceGroup', 'Carrier Service Group', itemIndex, 'NEXTDAY'),
		}),
		action: (subject, task) => `allocate ${subject} with service group ${task.serviceGroup}`,
		notFound: (subject, task) => `${subject} or service group ${task.serviceGroup}`,
		stateRule: ALLOCATABLE_STATES_RULE,
		doneStates: ['Allocated'],
		single: ({ consignmentReference, serviceGroup }) => ({
			method: 'PUT',
			path: sortedProPath`/allocation/${consignmentReference}/allocatewithservicegroup/${serviceGroup}`,
		}),
		list: (tasks) => ({
			method: 'PUT',
			path: '/allocation/allocatewithservicegroup',
			body: {
				ConsignmentReferences: tasks.map((task) => task.consignmentReference),
				MpdCarrierServiceGroupReference: tasks[0].serviceGroup,
			},
		}),
		batchKey: (task) => task.serviceGroup,
	});
}
