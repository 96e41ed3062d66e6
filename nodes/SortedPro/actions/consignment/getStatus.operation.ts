import { NodeOperationError } from 'n8n-workflow';
import type { INodeProperties } from 'n8n-workflow';

import { requireAbout } from '../../helpers/readBack';
import type { ConsignmentCall } from '../../helpers/consignmentCall';
import { stateOf } from '../../../shared/consignments';
import { consignmentReference } from '../../helpers/fields';
import { sortedProPath } from '../../../shared/transport';
import type { OperationOption } from '../types';
import type { Effect } from '../../helpers/toolDescription';

export const option: OperationOption = {
	name: 'Get Status',
	value: 'getStatus',
	action: 'Get status',
	description: 'Get the current state of a consignment (Unallocated, Allocated, Manifested...)',
};

/** What an AI agent is told this operation changes (helpers/toolDescription.ts). */
export const effect: Effect = 'reads';

export const description: INodeProperties[] = [consignmentReference.property];

export const call: ConsignmentCall = {
	action: (subject) => `get the status of ${subject}`,
	// help/getting_consignment_data.md, "Checking a Consignment's Status":
	// { ConsignmentReferenceForAllLegsAssignedByMpd, Status, ExpectedDeliveryDate, ApiLink }.
	single: ({ consignmentReference }) => ({
		method: 'GET',
		path: sortedProPath`/consignments/${consignmentReference}/status`,
		// Not documented, but tolerated: the bare state as a JSON string, such as "Allocated".
		answer: 'jsonOrText',
	}),
	output: (context, task, answer) => {
		const status =
			typeof answer === 'string'
				? { Status: answer }
				: requireAbout(context, task, answer, 'get the status');
		const state = stateOf(status);
		if (!state) {
			throw new NodeOperationError(
				context.getNode(),
				`Could not get the status of consignment ${task.consignmentReference}: SortedPRO's answer has no Status`,
				{ itemIndex: task.itemIndex, description: 'Check the consignment in SortedPRO.' },
			);
		}
		return { ...status, ConsignmentReference: task.consignmentReference, Status: state };
	},
};
