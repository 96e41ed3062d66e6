import type { INodeProperties } from 'n8n-workflow';

import type { ConsignmentCall } from '../../helpers/consignmentCall';
import { consignmentReference } from '../../helpers/fields';
import type { OperationOption } from '../types';
import type { Effect } from '../../helpers/toolDescription';

export const option: OperationOption = {
	name: 'Dispatch',
	value: 'dispatch',
	action: 'Dispatch a consignment',
	description: 'Mark manifested consignments as dispatched: they have left the shipping location',
};

/** What an AI agent is told this operation changes (helpers/toolDescription.ts). */
export const effect: Effect = {
	changes: 'marks the consignment as dispatched, that is, it has left the shipping location',
	askFirst: true,
};

export const description: INodeProperties[] = [consignmentReference.property];

/**
 * SDK ConsignmentService.DispatchConsignments: `PUT /consignments/Dispatch` with
 * DispatchConsignmentsRequest { ConsignmentReferences }, answered 200 with List<DispatchResponse>
 * { ConsignmentReferenceForAllLegsAssignedByMpd, Status (OperationStatus Success, Failed, NotFound),
 * HttpStatusCode, ApiLinks, Message }, or 202. Only a list endpoint: always batched.
 */
export const call: ConsignmentCall = {
	action: (subject) => `mark ${subject} as dispatched`,
	// help/consignment_states.md: "Mark as Dispatched" is allowed only from Manifested.
	stateRule: 'Only manifested consignments can be marked as dispatched.',
	doneStates: ['Dispatched'],
	acceptedLater: true,
	list: (tasks) => ({
		method: 'PUT',
		path: '/consignments/Dispatch',
		body: { ConsignmentReferences: tasks.map((task) => task.consignmentReference) },
	}),
};
