import * as allocate from './allocate.operation';
import * as allocateAllUnallocated from './allocateAllUnallocated.operation';
import * as allocateWithCarrierService from './allocateWithCarrierService.operation';
import * as allocateWithDefaultRules from './allocateWithDefaultRules.operation';
import * as allocateWithQuote from './allocateWithQuote.operation';
import * as allocateWithServiceFilters from './allocateWithServiceFilters.operation';
import * as allocateWithServiceGroup from './allocateWithServiceGroup.operation';
import * as deallocate from './deallocate.operation';
import { defineResource } from '../defineResource';

// Adding an operation: a new <name>.operation.ts file and one entry here (the first is the default).
export const allocation = defineResource(
	{
		name: 'Allocation',
		value: 'allocation',
		description: 'Allocate consignments to carrier services, or deallocate them',
	},
	[
		allocateWithServiceGroup,
		allocate,
		allocateWithCarrierService,
		allocateWithQuote,
		allocateWithDefaultRules,
		allocateWithServiceFilters,
		allocateAllUnallocated,
		deallocate,
	],
);
