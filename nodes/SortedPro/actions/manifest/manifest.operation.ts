import type { INodeProperties } from 'n8n-workflow';

import type { ConsignmentCall } from '../../helpers/consignmentCall';
import { consignmentReference } from '../../helpers/fields';
import type { OperationOption } from '../types';
import type { Effect } from '../../helpers/toolDescription';

export const option: OperationOption = {
	name: 'Manifest',
	value: 'manifest',
	action: 'Manifest consignments',
	description: 'Manifest allocated consignments: sends their data to the carriers',
};

/** What an AI agent is told this operation changes (helpers/toolDescription.ts). */
export const effect: Effect = {
	changes:
		'manifests the consignments, which sends their data to the carriers; this cannot be undone',
	askFirst: true,
};

export const description: INodeProperties[] = [
	{
		displayName:
			'Every successful manifest transmits the consignments to their carriers. Test with the sandbox environment first.',
		name: 'manifestNotice',
		type: 'notice',
		default: '',
	},
	consignmentReference.property,
];

// SortedPRO only has a list endpoint for this, so items always go in batches.
export const call: ConsignmentCall = {
	action: (subject) => `manifest ${subject}`,
	stateRule:
		'Only consignments in state Allocated, Manifest Failed or Ready To Ship can be manifested.',
	// Manifesting: an earlier attempt whose answer was lost was taken on and is being manifested.
	doneStates: ['Manifested', 'Manifesting'],
	ifAnswerLost:
		"SortedPRO may have manifested it before the answer was lost, and every manifest transmits to the carriers. Check the consignment's state in SortedPRO (or with Consignment > Get Status) first: manifest again only consignments still Allocated, Manifest Failed or Ready To Ship.",
	// help/manifesting_consignments.md: 200 or 202 Accepted; a 202 is never sent again.
	acceptedLater: true,
	list: (tasks) => ({
		method: 'PUT',
		path: '/consignments/manifest',
		body: { ConsignmentReferences: tasks.map((task) => task.consignmentReference) },
	}),
};
