import type { INodeProperties } from 'n8n-workflow';

import * as getAll from './getAll.operation';
import type { OperationModule, ResourceModule } from '../types';

// Adding an operation: a new <name>.operation.ts file and one entry here.
const operations: OperationModule[] = [getAll];

const operationProperty: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['serviceGroup'] } },
	options: operations.map((operation) => operation.option),
	default: 'getAll',
};

export const serviceGroup: ResourceModule = {
	option: { name: 'Service Group', value: 'serviceGroup', description: "The account's carrier service groups" },
	operationProperty,
	operations,
};
