import type { INodeProperties } from 'n8n-workflow';

import type { ConsignmentCall } from '../../helpers/consignmentCall';
import { consignmentReference } from '../../helpers/fields';
import type { OperationOption } from '../types';

export const option: OperationOption = {
	name: 'Set Ready To Ship',
	value: 'setReadyToShip',
	action: 'Set ready to ship',
	description: 'Mark allocated consignments as ready to ship, before they are manifested',
};

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
