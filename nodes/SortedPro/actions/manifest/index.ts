import * as getCustomerManifestOperation from './getCustomerManifest.operation';
import * as getCustomerManifestsOperation from './getCustomerManifests.operation';
import * as manifestOperation from './manifest.operation';
import * as manifestFromQueryOperation from './manifestFromQuery.operation';
import { defineResource } from '../defineResource';

// Adding an operation: a new <name>.operation.ts file and one entry here (the first is the default).
export const manifest = defineResource(
	{ name: 'Manifest', value: 'manifest', description: 'Send allocated consignments to carriers' },
	[
		manifestOperation,
		manifestFromQueryOperation,
		getCustomerManifestsOperation,
		getCustomerManifestOperation,
	],
);
