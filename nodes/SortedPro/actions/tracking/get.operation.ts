import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { BatchTask } from '../../helpers/batch';
import { runConsignmentCall } from '../../helpers/consignmentCall';
import { operationOptions } from '../../helpers/settings';
import { sortedProPath } from '../../transport';
import { consignmentReferenceField, showFor } from '../common';
import { withConsignmentReference } from '../../helpers/lists';
import type { OperationOption } from '../types';

export const option: OperationOption = {
	name: 'Get',
	value: 'get',
	action: 'Get tracking events',
	description: 'Get the tracking events of a consignment',
};

const displayOptions = showFor('tracking', option.value);

export const description: INodeProperties[] = [
	consignmentReferenceField(displayOptions),
	operationOptions(displayOptions, 'perItem'),
];

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await runConsignmentCall<BatchTask>(this, items, {
		action: (subject) => `get the tracking events of ${subject}`,
		single: ({ consignmentReference }) => ({ method: 'GET', path: sortedProPath`/tracking/${consignmentReference}` }),
		// One output item per consignment: a bare list of events is kept under Events.
		output: (task, answer) =>
			Array.isArray(answer) && answer.length !== 1
				? { ConsignmentReference: task.consignmentReference, Events: answer }
				: withConsignmentReference(answer, task.consignmentReference),
	});
}
