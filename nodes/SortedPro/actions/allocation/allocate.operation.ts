import type { INodeProperties } from 'n8n-workflow';

import type { ConsignmentCall } from '../../helpers/consignmentCall';
import { consignmentReference } from '../../helpers/fields';
import { sortedProPath } from '../../../shared/transport';
import type { SimplifiedKind } from '../../helpers/simplify';
import type { OperationOption } from '../types';
import { ALLOCATION_RULES } from './rules';
import type { Effect } from '../../helpers/toolDescription';

export const option: OperationOption = {
	name: 'Allocate To Cheapest Service',
	value: 'allocate',
	action: 'Allocate to cheapest service',
	description:
		'Allocate each consignment to the cheapest eligible carrier service of the whole account',
};

/** What an AI agent is told this operation changes (helpers/toolDescription.ts). */
export const effect: Effect = {
	changes:
		'allocates the consignment to a carrier service, which books it with that carrier (Deallocate undoes it until the consignment is manifested)',
};

/** Simplify keeps the fields users map first of SortedPRO's consignment answer. */
export const simplified: SimplifiedKind = 'consignment';

export const description: INodeProperties[] = [consignmentReference.property];

export const call: ConsignmentCall = {
	action: (subject) => `allocate ${subject} to the cheapest service`,
	...ALLOCATION_RULES,
	doneStates: ['Allocated'],
	allocates: true,
	// help/allocating_consignments.md: 200 with the Allocation Summary, or 202 Accepted.
	acceptedLater: true,
	// SDK AllocationService.AllocateAndGetLabels: the cheapest eligible service, as this call.
	labelsRoute: () => '',
	single: ({ consignmentReference }) => ({
		method: 'PUT',
		path: sortedProPath`/allocation/${consignmentReference}/allocatewithcheapestquote`,
	}),
};
