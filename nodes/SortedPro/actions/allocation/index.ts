import type { INodeProperties } from 'n8n-workflow';

import * as allocateWithServiceGroup from './allocateWithServiceGroup.operation';
import type { OperationModule, ResourceModule } from '../types';

// Adding an operation: a new <name>.operation.ts file and one entry here.
const operations: OperationModule[] = [allocateWithServiceGroup];

const operationProperty: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['allocation'] } },
	options: operations.map((operation) => operation.option),
	default: 'allocateWithServiceGroup',
};

export const allocation: ResourceModule = {
	option: {
		name: 'Allocation',
		value: 'allocation',
		description: 'Allocate consignments to carrier services',
	},
	operationProperty,
	operations,
};
