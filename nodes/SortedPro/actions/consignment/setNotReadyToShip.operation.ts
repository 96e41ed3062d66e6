import type { INodeProperties } from 'n8n-workflow';

import type { ConsignmentCall } from '../../helpers/consignmentCall';
import { consignmentReference } from '../../helpers/fields';
import type { OperationOption } from '../types';
import type { Effect } from '../../helpers/toolDescription';

export const option: OperationOption = {
	name: 'Set Not Ready To Ship',
	value: 'setNotReadyToShip',
	action: 'Set not ready to ship',
	description:
		'Return Ready To Ship consignments to Allocated, so that they can be deallocated, changed or cancelled',
};

/** What an AI agent is told this operation changes (helpers/toolDescription.ts). */
export const effect: Effect = { changes: 'marks the consignment as not ready to ship' };

export const description: INodeProperties[] = [consignmentReference.property];

// help/manifesting_consignments.md ("Set Not Ready To Ship"): a list of references, answered with
// one { IsSuccess, Message, Data, ApiLinks } per consignment. Only a list endpoint: always batched.
export const call: ConsignmentCall = {
	action: (subject) => `set ${subject} not ready to ship`,
	stateRule: 'Only consignments in state Ready To Ship can be set back to Allocated.',
	doneStates: ['Allocated'],
	list: (tasks) => ({
		method: 'PUT',
		path: '/consignments/setnotreadytoship',
		body: tasks.map((task) => task.consignmentReference),
	}),
};
