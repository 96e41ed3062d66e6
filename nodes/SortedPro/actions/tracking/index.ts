import * as get from './get.operation';
import * as getFlattened from './getFlattened.operation';
import { defineResource } from '../defineResource';

// Adding an operation: a new <name>.operation.ts file and one entry here (the first is the default).
export const tracking = defineResource(
	{ name: 'Tracking', value: 'tracking', description: 'Tracking events of consignments' },
	[get, getFlattened],
);
