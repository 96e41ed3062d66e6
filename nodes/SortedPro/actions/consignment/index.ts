import type { INodeProperties } from 'n8n-workflow';

import * as cancel from './cancel.operation';
import * as create from './create.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as getStatus from './getStatus.operation';
import type { OperationModule, ResourceModule } from '../types';

// Adding an operation: a new <name>.operation.ts file and one entry here.
const operations: OperationModule[] = [cancel, create, get, getAll, getStatus];

const operationProperty: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['consignment'] } },
	options: operations.map((operation) => operation.option),
	default: 'create',
};

export const consignment: ResourceModule = {
	option: { name: 'Consignment', value: 'consignment', description: 'Create, find and cancel consignments' },
	operationProperty,
	operations,
};
