import * as getAll from './getAll.operation';
import { defineResource } from '../defineResource';

// Adding an operation: a new <name>.operation.ts file and one entry here (the first is the default).
export const carrierService = defineResource(
	{
		name: 'Carrier Service',
		value: 'carrierService',
		description: "The account's carrier services",
	},
	[getAll],
);
