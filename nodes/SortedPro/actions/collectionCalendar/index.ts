import * as get from './get.operation';
import { defineResource } from '../defineResource';

// Adding an operation: a new <name>.operation.ts file and one entry here (the first is the default).
export const collectionCalendar = defineResource(
	{
		name: 'Collection Calendar',
		value: 'collectionCalendar',
		description: "Carriers' collection and cut-off times at a shipping location",
	},
	[get],
);
