import type { INodeProperties } from 'n8n-workflow';

import * as get from './get.operation';
import type { OperationModule, ResourceModule } from '../types';

// Adding an operation: a new <name>.operation.ts file and one entry here.
const operations: OperationModule[] = [get];

const operationProperty: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['label'] } },
	options: operations.map((operation) => operation.option),
	default: 'get',
};

export const label: ResourceModule = {
	option: { name: 'Label', value: 'label', description: 'Shipping labels as files' },
	operationProperty,
	operations,
};
