import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { BatchTask } from '../../helpers/batch';
import { runConsignmentCall } from '../../helpers/consignmentCall';
import { sortedProPath } from '../../transport';
import { consignmentReferenceField, readConsignmentReference, showFor } from '../common';
import type { OperationOption } from '../types';

export const option: OperationOption = {
	name: 'Get',
	value: 'get',
	action: 'Get a consignment',
	description: 'Get the full details of a consignment',
};

export const description: INodeProperties[] = [consignmentReferenceField(showFor('consignment', option.value))];

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await runConsignmentCall<BatchTask>(this, items, {
		read: (itemIndex) => ({ itemIndex, consignmentReference: readConsignmentReference(this, itemIndex) }),
		action: (subject) => `get ${subject}`,
		single: ({ consignmentReference }) => ({ method: 'GET', path: sortedProPath`/consignments/${consignmentReference}` }),
	});
}
