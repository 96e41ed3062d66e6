import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { BatchTask } from '../../helpers/batch';
import { runConsignmentCall } from '../../helpers/consignmentCall';
import { operationOptions } from '../../helpers/settings';
import { sortedProPath } from '../../transport';
import { consignmentReferenceField, showFor } from '../common';
import type { OperationOption } from '../types';

export const option: OperationOption = {
	name: 'Get',
	value: 'get',
	action: 'Get a consignment',
	description: 'Get the full details of a consignment',
};

const displayOptions = showFor('consignment', option.value);

export const description: INodeProperties[] = [
	consignmentReferenceField(displayOptions),
	operationOptions(displayOptions, 'perItem'),
];

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await runConsignmentCall<BatchTask>(this, items, {
		action: (subject) => `get ${subject}`,
		single: ({ consignmentReference }) => ({ method: 'GET', path: sortedProPath`/consignments/${consignmentReference}` }),
	});
}
