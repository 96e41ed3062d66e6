import type { INodeProperties } from 'n8n-workflow';

import type { ConsignmentCall, ConsignmentTask } from '../../helpers/consignmentCall';
import { consignmentReference } from '../../helpers/fields';
import { sortedProPath } from '../../../shared/transport';
import type { OperationOption } from '../types';
import { packageReference } from './packageReference';
import { PACKAGE_STATES_RULE } from './rules';
import type { Effect } from '../../helpers/toolDescription';

export const option: OperationOption = {
	name: 'Remove',
	value: 'remove',
	action: 'Remove a package',
	description: 'Remove one package from a consignment that is not allocated yet',
};

/** What an AI agent is told this operation changes (helpers/toolDescription.ts). */
export const effect: Effect = {
	changes: 'removes the package from the consignment',
	askFirst: true,
};

export const description: INodeProperties[] = [
	consignmentReference.property,
	packageReference.property,
];

interface Task extends ConsignmentTask {
	packageReference: string;
}

/**
 * SDK ConsignmentService RemovePackageFromConsignment:
 * `POST /consignments/{ref}/removepackage/{package}`, no body either way (200 or 404).
 */
export const call: ConsignmentCall<Task> = {
	read: (context, itemIndex) => ({
		itemIndex,
		consignmentReference: consignmentReference.read(context, itemIndex),
		packageReference: packageReference.read(context, itemIndex),
	}),
	action: (subject, task) => `remove package ${task.packageReference} from ${subject}`,
	notFound: (subject, task) => `${subject} or its package ${task.packageReference}`,
	stateRule: PACKAGE_STATES_RULE,
	single: ({ consignmentReference, packageReference }) => ({
		method: 'POST',
		path: sortedProPath`/consignments/${consignmentReference}/removepackage/${packageReference}`,
		answer: 'jsonOrEmpty',
	}),
	output: (_context, task) => ({
		ConsignmentReference: task.consignmentReference,
		PackageReference: task.packageReference,
		Removed: true,
	}),
};
