import type { INodeProperties } from 'n8n-workflow';

import { requireAbout } from '../../helpers/readBack';
import type { ConsignmentCall } from '../../helpers/consignmentCall';
import { consignmentReference } from '../../helpers/fields';
import { sortedProPath } from '../../../shared/transport';
import type { SimplifiedKind } from '../../helpers/simplify';
import type { OperationOption } from '../types';
import type { Effect } from '../../helpers/toolDescription';

export const option: OperationOption = {
	name: 'Get',
	value: 'get',
	action: 'Get tracking events',
	description: 'Get the tracking events of a consignment',
};

/** What an AI agent is told this operation changes (helpers/toolDescription.ts). */
export const effect: Effect = 'reads';

/** Simplify keeps the latest tracking event. */
export const simplified: SimplifiedKind = 'tracking';

export const description: INodeProperties[] = [consignmentReference.property];

export const call: ConsignmentCall = {
	action: (subject) => `get the tracking events of ${subject}`,
	single: ({ consignmentReference }) => ({
		method: 'GET',
		path: sortedProPath`/tracking/${consignmentReference}`,
	}),
	// help/using_pros_tracking_api.md: { ConsignmentReferenceForAllLegsAssignedByMpd,
	// TrackedPackages: [{ PackageReferenceForAllLegsAssignedByMpd, Legs: [{ Events }] }] }, which
	// must be about this consignment. One output item per consignment; a bare list of events
	// (not documented, tolerated) is kept under Events.
	output: (context, task, answer) =>
		Array.isArray(answer)
			? { ConsignmentReference: task.consignmentReference, Events: answer }
			: {
					...requireAbout(context, task, answer, 'get the tracking events'),
					ConsignmentReference: task.consignmentReference,
				},
};
