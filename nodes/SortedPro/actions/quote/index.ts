import * as getAll from './getAll.operation';
import { defineResource } from '../defineResource';

// Adding an operation: a new <name>.operation.ts file and one entry here (the first is the default).
export const quote = defineResource(
	{
		name: 'Quote',
		value: 'quote',
		description: 'Quotes for a consignment, to pick one and allocate with it',
	},
	[getAll],
);
