import * as get from './get.operation';
import { defineResource } from '../defineResource';

// Adding an operation: a new <name>.operation.ts file and one entry here (the first is the default).
export const label = defineResource(
	{ name: 'Label', value: 'label', description: 'Shipping labels as files' },
	[get],
);
