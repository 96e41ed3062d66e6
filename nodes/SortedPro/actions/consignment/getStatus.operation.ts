import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { BatchTask } from '../../helpers/batch';
import { runConsignmentCall } from '../../helpers/consignmentCall';
import { operationOptions } from '../../helpers/settings';
import { isRecord, withConsignmentReference } from '../../helpers/lists';
import { sortedProPath } from '../../transport';
import { consignmentReferenceField, showFor } from '../common';
import type { OperationOption } from '../types';

export const option: OperationOption = {
	name: 'Get Status',
	value: 'getStatus',
	action: 'Get the status of a consignment',
	description: 'Get the current state of a consignment (Unallocated, Allocated, Manifested...)',
};

const displayOptions = showFor('consignment', option.value);

export const description: INodeProperties[] = [
	consignmentReferenceField(displayOptions),
	operationOptions(displayOptions, 'perItem'),
];

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await runConsignmentCall<BatchTask>(this, items, {
		action: (subject) => `get the status of ${subject}`,
		single: ({ consignmentReference }) => ({
			method: 'GET',
			path: sortedProPath`/consignments/${consignmentReference}/status`,
			// SortedPRO may answer with the bare state as a JSON string.
			answer: 'jsonOrText',
		}),
		// The status may come back as a bare string such as "Allocated".
		output: (task, answer) =>
			isRecord(answer) || Array.isArray(answer)
				? withConsignmentReference(answer, task.consignmentReference)
				: { ConsignmentReference: task.consignmentReference, Status: answer === undefined ? null : String(answer) },
	});
}
