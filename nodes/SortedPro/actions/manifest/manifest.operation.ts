import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { BatchTask } from '../../helpers/batch';
import { runConsignmentCall } from '../../helpers/consignmentCall';
import { operationOptions } from '../../helpers/settings';
import { consignmentReferenceField, showFor } from '../common';
import type { OperationOption } from '../types';

export const option: OperationOption = {
	name: 'Manifest',
	value: 'manifest',
	action: 'Manifest consignments',
	description: 'Manifest allocated consignments: sends their data to the carriers',
};

const displayOptions = showFor('manifest', option.value);

export const description: INodeProperties[] = [
	{
		displayName:
			'Every successful manifest transmits the consignments to their carriers. Test with the sandbox environment first.',
		name: 'manifestNotice',
		type: 'notice',
		default: '',
		displayOptions,
	},
	consignmentReferenceField(displayOptions),
	operationOptions(displayOptions, 'batches'),
];

// SortedPRO only has a list endpoint for this, so items always go in batches.
export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await runConsignmentCall<BatchTask>(this, items, {
		action: (subject) => `manifest ${subject}`,
		stateRule: 'Only consignments in state Allocated, Manifest Failed or Ready To Ship can be manifested.',
		doneStates: ['Manifested'],
		list: (tasks) => ({
			method: 'PUT',
			path: '/consignments/manifest',
			body: { ConsignmentReferences: tasks.map((task) => task.consignmentReference) },
		}),
	});
}
