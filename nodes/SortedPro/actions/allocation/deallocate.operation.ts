import type { INodeProperties } from 'n8n-workflow';

import type { ConsignmentCall } from '../../helpers/consignmentCall';
import { consignmentReference } from '../../helpers/fields';
import { sortedProPath } from '../../../shared/transport';
import type { OperationOption } from '../types';
import { DEALLOCATABLE_STATES_RULE } from './rules';
import type { Effect } from '../../helpers/toolDescription';

export const option: OperationOption = {
	name: 'Deallocate',
	value: 'deallocate',
	action: 'Deallocate a consignment',
	description: 'Return allocated consignments to Unallocated',
};

/** What an AI agent is told this operation changes (helpers/toolDescription.ts). */
export const effect: Effect = {
	changes: 'returns the consignment to Unallocated, dropping its carrier service and labels',
	askFirst: true,
};

export const description: INodeProperties[] = [consignmentReference.property];

export const call: ConsignmentCall = {
	action: (subject) => `deallocate ${subject}`,
	stateRule: DEALLOCATABLE_STATES_RULE,
	doneStates: ['Unallocated'],
	doneFlag: 'Deallocated',
	// SDK DeallocateConsignment(s): 200 or 202 Accepted.
	acceptedLater: true,
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
};
