import type { INodeProperties } from 'n8n-workflow';

import type { ConsignmentCall } from '../../helpers/consignmentCall';
import { consignmentReference } from '../../helpers/fields';
import type { SimplifiedKind } from '../../helpers/simplify';
import type { OperationOption } from '../types';
import { ALLOCATION_RULES } from './rules';
import type { Effect } from '../../helpers/toolDescription';

export const option: OperationOption = {
	name: 'Allocate Using Default Rules',
	value: 'allocateWithDefaultRules',
	action: 'Allocate using default rules',
	description: "Allocate consignments with the account's default allocation rules",
};

/** What an AI agent is told this operation changes (helpers/toolDescription.ts). */
export const effect: Effect = {
	changes:
		'allocates the consignment to a carrier service, which books it with that carrier (Deallocate undoes it until the consignment is manifested)',
};

/** Simplify keeps the fields users map first of SortedPRO's consignment answer. */
export const simplified: SimplifiedKind = 'consignment';

export const description: INodeProperties[] = [consignmentReference.property];

// SortedPRO only has a list endpoint for this, so items always go in batches.
export const call: ConsignmentCall = {
	action: (subject) => `allocate ${subject} using the default rules`,
	...ALLOCATION_RULES,
	doneStates: ['Allocated'],
	allocates: true,
	// help/allocating_consignments.md: 200 with the Allocation Summary, or 202 Accepted.
	acceptedLater: true,
	list: (tasks) => ({
		method: 'PUT',
		path: '/allocation/allocate',
		body: { ConsignmentReferences: tasks.map((task) => task.consignmentReference) },
	}),
};
