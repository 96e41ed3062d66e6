import * as cancel from './cancel.operation';
import * as create from './create.operation';
import * as dispatch from './dispatch.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as getAudit from './getAudit.operation';
import * as getByClientReference from './getByClientReference.operation';
import * as getCount from './getCount.operation';
import * as getDocuments from './getDocuments.operation';
import * as getLate from './getLate.operation';
import * as getStatus from './getStatus.operation';
import * as setNotReadyToShip from './setNotReadyToShip.operation';
import * as setReadyToShip from './setReadyToShip.operation';
import * as update from './update.operation';
import { defineResource } from '../defineResource';

// Adding an operation: a new <name>.operation.ts file and one entry here (the first is the default).
export const consignment = defineResource(
	{
		name: 'Consignment',
		value: 'consignment',
		description: 'Create, find, prepare and cancel consignments',
	},
	[
		create,
		cancel,
		dispatch,
		get,
		getByClientReference,
		getCount,
		getDocuments,
		getAll,
		getAudit,
		getLate,
		getStatus,
		setNotReadyToShip,
		setReadyToShip,
		update,
	],
);
