import type { INodeProperties } from 'n8n-workflow';

import type { ConsignmentCall } from '../../helpers/consignmentCall';
import { consignmentReference } from '../../helpers/fields';
import { sortedProPath } from '../../../shared/transport';
import type { OperationOption } from '../types';
import type { Effect } from '../../helpers/toolDescription';

export const option: OperationOption = {
	name: 'Cancel',
	value: 'cancel',
	action: 'Cancel a consignment',
	description: 'Cancel consignments that will not be shipped',
};

/** What an AI agent is told this operation changes (helpers/toolDescription.ts). */
export const effect: Effect = {
	changes: 'cancels the consignment, so it will not be shipped; this cannot be undone',
	askFirst: true,
};

export const description: INodeProperties[] = [consignmentReference.property];

export const call: ConsignmentCall = {
	action: (subject) => `cancel ${subject}`,
	stateRule:
		'SortedPRO cannot cancel a consignment in its current state (for example once it has been dispatched or collected).',
	doneStates: ['Cancelled', 'Cancelling'],
	doneFlag: 'Cancelled',
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
};
