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
	displayOptions: { show: { resource: ['carrierService'] } },
	options: operations.map((operation) => operation.option),
	default: 'getAll',
};

export const carrierService: ResourceModule = {
	option: { name: 'Carrier Service', value: 'carrierService', description: "The account's carrier services" },
	operationProperty,
	operations,
};
