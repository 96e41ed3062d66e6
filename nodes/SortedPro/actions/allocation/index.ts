import type { INodeProperties } from 'n8n-workflow';

import * as allocate from './allocate.operation';
import * as allocateWithCarrierService from './allocateWithCarrierService.operation';
import * as allocateWithDefaultRules from './allocateWithDefaultRules.operation';
import * as allocateWithQuote from './allocateWithQuote.operation';
import * as allocateWithServiceGroup from './allocateWithServiceGroup.operation';
import * as deallocate from './deallocate.operation';
import type { OperationModule, ResourceModule } from '../types';

// Adding an operation: a new <name>.operation.ts file and one entry here.
const operations: OperationModule[] = [
	allocateWithServiceGroup,
	allocate,
	allocateWithCarrierService,
	allocateWithQuote,
	allocateWithDefaultRules,
	deallocate,
];

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
		description: 'Allocate consignments to carrier services, or deallocate them',
	},
	operationProperty,
	operations,
};
