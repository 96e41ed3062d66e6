import type { INodeProperties } from 'n8n-workflow';

import type { ConsignmentCall } from '../../helpers/consignmentCall';
import { consignmentReference } from '../../helpers/fields';
import { isRecord, withConsignmentReference } from '../../helpers/lists';
import { sortedProPath } from '../../transport';
import type { OperationOption } from '../types';

export const option: OperationOption = {
	name: 'Get Status',
	value: 'getStatus',
	action: 'Get the status of a consignment',
	description: 'Get the current state of a consignment (Unallocated, Allocated, Manifested...)',
};

export const description: INodeProperties[] = [consignmentReference.property];

export const call: ConsignmentCall = {
	action: (subject) => `get the status of ${subject}`,
	single: ({ consignmentReference }) => ({
		method: 'GET',
		path: sortedProPath`/consignments/${consignmentReference}/status`,
		// SortedPRO may answer with the bare state as a JSON string, such as "Allocated".
		answer: 'jsonOrText',
	}),
	// Status is always there, whether SortedPRO answers with a bare state or an object.
	output: (_context, task, answer) => {
		if (!isRecord(answer) && !Array.isArray(answer)) {
			return {
				ConsignmentReference: task.consignmentReference,
				Status: answer === undefined ? null : String(answer),
			};
		}
		const status = withConsignmentReference(answer, task.consignmentReference);
		const state = status.Status ?? status.State ?? status.ConsignmentState;
		return { ...status, Status: typeof state === 'string' ? state : null };
	},
};
