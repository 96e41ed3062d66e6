import type { INodeProperties } from 'n8n-workflow';

import * as manifestOperation from './manifest.operation';
import type { OperationModule, ResourceModule } from '../types';

// Adding an operation: a new <name>.operation.ts file and one entry here.
const operations: OperationModule[] = [manifestOperation];

const operationProperty: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['manifest'] } },
	options: operations.map((operation) => operation.option),
	default: 'manifest',
};

export const manifest: ResourceModule = {
	option: { name: 'Manifest', value: 'manifest', description: 'Send allocated consignments to carriers' },
	operationProperty,
	operations,
};
