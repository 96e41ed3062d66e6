import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { BatchTask } from '../../helpers/batch';
import { runConsignmentCall } from '../../helpers/consignmentCall';
import { operationOptions } from '../../helpers/settings';
import { readConsignmentReference, readReference } from '../../helpers/parameters';
import { codeLocatorField, consignmentReferenceField, showFor } from '../common';
import type { OperationOption } from '../types';
import { ALLOCATABLE_STATES_RULE } from './rules';

export const option: OperationOption = {
	name: 'Allocate With Carrier Service',
	value: 'allocateWithCarrierService',
	action: 'Allocate a consignment with a carrier service',
	description: 'Allocate each consignment to one specific carrier service',
};

const displayOptions = showFor('allocation', option.value);

export const description: INodeProperties[] = [
	consignmentReferenceField(displayOptions),
	codeLocatorField({
		displayName: 'Carrier Service',
		name: 'carrierService',
		description: 'The carrier service to allocate to: its reference (MpdCarrierServiceReference) in SortedPRO',
		searchListMethod: 'searchCarrierServices',
		listPlaceholder: 'Select a carrier service...',
		example: 'CX_NDS',
		hint: 'The carrier service reference from SortedPRO',
		displayOptions,
	}),
	operationOptions(displayOptions, 'batches'),
];

interface Task extends BatchTask {
	carrierService: string;
}

// SortedPRO only has a list endpoint for this, so items always go in batches.
export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await runConsignmentCall<Task>(this, items, {
		read: (itemIndex) => ({
			itemIndex,
			consignmentReference: readConsignmentReference(this, itemIndex),
			carrierService: readReference(this, 'carrierService', 'Carrier Service', itemIndex, 'CX_NDS'),
		}),
		action: (subject, task) => `allocate ${subject} with carrier service ${task.carrierService}`,
		notFound: (subject, task) => `${subject} or carrier service ${task.carrierService}`,
		stateRule: ALLOCATABLE_STATES_RULE,
		doneStates: ['Allocated'],
		list: (tasks) => ({
			method: 'PUT',
			path: '/allocation/allocatewithcarrierservice',
			body: {
				MpdCarrierServiceReference: tasks[0].carrierService,
				ConsignmentReferences: tasks.map((task) => task.consignmentReference),
			},
		}),
		batchKey: (task) => task.carrierService,
	});
}
