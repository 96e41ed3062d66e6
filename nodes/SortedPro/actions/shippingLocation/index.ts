import * as getAll from './getAll.operation';
import { defineResource } from '../defineResource';

// Adding an operation: a new <name>.operation.ts file and one entry here (the first is the default).
export const shippingLocation = defineResource(
	{
		name: 'Shipping Location',
		value: 'shippingLocation',
		description: "The account's shipping locations, where consignments leave from",
	},
	[getAll],
);
