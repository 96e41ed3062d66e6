import type { INodeProperties } from 'n8n-workflow';

import type { ConsignmentCall, ConsignmentTask } from '../../helpers/consignmentCall';
import { consignmentReference } from '../../helpers/fields';
import { sortedProPath } from '../../../shared/transport';
import type { SimplifiedKind } from '../../helpers/simplify';
import type { OperationOption } from '../types';
import { ALLOCATION_RULES } from './rules';
import { serviceGroup } from './targets';
import type { Effect } from '../../helpers/toolDescription';

export const option: OperationOption = {
	name: 'Allocate With Service Group',
	value: 'allocateWithServiceGroup',
	action: 'Allocate with service group',
	description:
		'Allocate each consignment to the cheapest eligible carrier service in a carrier service group',
};

/** What an AI agent is told this operation changes (helpers/toolDescription.ts). */
export const effect: Effect = {
	changes:
		'allocates the consignment to a carrier service, which books it with that carrier (Deallocate undoes it until the consignment is manifested)',
};

/** Simplify keeps the fields users map first of SortedPRO's consignment answer. */
export const simplified: SimplifiedKind = 'consignment';

export const description: INodeProperties[] = [
	consignmentReference.property,
	serviceGroup.property,
];

interface Task extends ConsignmentTask {
	serviceGroup: string;
}

export const call: ConsignmentCall<Task> = {
	read: (context, itemIndex) => ({
		itemIndex,
		consignmentReference: consignmentReference.read(context, itemIndex),
		serviceGroup: serviceGroup.read(context, itemIndex),
	}),
	action: (subject, task) => `allocate ${subject} with service group ${task.serviceGroup}`,
	notFound: (subject, task) => `${subject} or service group ${task.serviceGroup}`,
	...ALLOCATION_RULES,
	doneStates: ['Allocated'],
	allocates: true,
	// help/allocating_consignments.md: 200 with the Allocation Summary, or 202 Accepted.
	acceptedLater: true,
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
	// SDK AllocationService.AllocateWithServiceGroupAndGetLabels.
	labelsRoute: ({ serviceGroup }) => sortedProPath`/servicegroup/${serviceGroup}`,
};
