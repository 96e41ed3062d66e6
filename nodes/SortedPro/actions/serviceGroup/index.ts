import * as getAll from './getAll.operation';
import { defineResource } from '../defineResource';

// Adding an operation: a new <name>.operation.ts file and one entry here (the first is the default).
export const serviceGroup = defineResource(
	{
		name: 'Service Group',
		value: 'serviceGroup',
		description: "The account's carrier service groups",
	},
	[getAll],
);
