import type { INodeProperties } from 'n8n-workflow';

import type { ConsignmentCall } from '../../helpers/consignmentCall';
import { consignmentReference } from '../../helpers/fields';
import type { OperationOption } from '../types';
import type { Effect } from '../../helpers/toolDescription';

export const option: OperationOption = {
	name: 'Set Ready To Ship',
	value: 'setReadyToShip',
	action: 'Set ready to ship',
	description: 'Mark allocated consignments as ready to ship, before they are manifested',
};

/** What an AI agent is told this operation changes (helpers/toolDescription.ts). */
export const effect: Effect = { changes: 'marks the consignment as ready to ship' };

export const description: INodeProperties[] = [consignmentReference.property];

// SortedPRO only has a list endpoint for this, so items always go in batches.
export const call: ConsignmentCall = {
	action: (subject) => `set ${subject} ready to ship`,
	stateRule: 'Only allocated consignments can be set ready to ship.',
	doneStates: ['ReadyToShip'],
	list: (tasks) => ({
		method: 'PUT',
		path: '/consignments/setreadytoship',
		body: tasks.map((task) => task.consignmentReference),
	}),
};
