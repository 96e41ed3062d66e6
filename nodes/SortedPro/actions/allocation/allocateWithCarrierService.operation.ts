import type { INodeProperties } from 'n8n-workflow';

import type { ConsignmentCall, ConsignmentTask } from '../../helpers/consignmentCall';
import { consignmentReference } from '../../helpers/fields';
import { sortedProPath } from '../../../shared/transport';
import type { SimplifiedKind } from '../../helpers/simplify';
import type { OperationOption } from '../types';
import { ALLOCATION_RULES } from './rules';
import { carrierService } from './targets';
import type { Effect } from '../../helpers/toolDescription';

export const option: OperationOption = {
	name: 'Allocate With Carrier Service',
	value: 'allocateWithCarrierService',
	action: 'Allocate with carrier service',
	description: 'Allocate each consignment to one specific carrier service',
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
	carrierService.property,
];

interface Task extends ConsignmentTask {
	carrierService: string;
}

// SortedPRO only has a list endpoint for this, so items go in batches; with Get Label, one
// call per item to its allocate-and-get-labels route.
export const call: ConsignmentCall<Task> = {
	read: (context, itemIndex) => ({
		itemIndex,
		consignmentReference: consignmentReference.read(context, itemIndex),
		carrierService: carrierService.read(context, itemIndex),
	}),
	action: (subject, task) => `allocate ${subject} with carrier service ${task.carrierService}`,
	notFound: (subject, task) => `${subject} or carrier service ${task.carrierService}`,
	...ALLOCATION_RULES,
	doneStates: ['Allocated'],
	allocates: true,
	// help/allocating_consignments.md: 200 with the Allocation Summary, or 202 Accepted.
	acceptedLater: true,
	list: (tasks) => ({
		method: 'PUT',
		path: '/allocation/allocatewithcarrierservice',
		body: {
			MpdCarrierServiceReference: tasks[0].carrierService,
			ConsignmentReferences: tasks.map((task) => task.consignmentReference),
		},
	}),
	batchKey: (task) => task.carrierService,
	// SDK AllocationService.AllocateWithServiceRefAndGetLabels.
	labelsRoute: ({ carrierService }) => sortedProPath`/carrierservice/${carrierService}`,
};
