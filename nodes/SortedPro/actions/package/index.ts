import * as add from './add.operation';
import * as remove from './remove.operation';
import * as update from './update.operation';
import { defineResource } from '../defineResource';

// Adding an operation: a new <name>.operation.ts file and one entry here (the first is the default).
export const packageResource = defineResource(
	{
		name: 'Package',
		value: 'package',
		description: 'Add, change or remove the packages of a consignment',
	},
	[add, remove, update],
);
