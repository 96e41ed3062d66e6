import { NodeOperationError } from 'n8n-workflow';
import type { INodeProperties } from 'n8n-workflow';

import { requireAbout } from '../../helpers/readBack';
import type { ConsignmentCall } from '../../helpers/consignmentCall';
import { consignmentReference } from '../../helpers/fields';
import { isRecord } from '../../../shared/lists';
import { sortedProPath } from '../../../shared/transport';
import type { SimplifiedKind } from '../../helpers/simplify';
import type { OperationOption } from '../types';
import type { Effect } from '../../helpers/toolDescription';

export const option: OperationOption = {
	name: 'Get Flattened',
	value: 'getFlattened',
	action: 'Get flattened tracking',
	description:
		"Get a consignment's tracking events per package, each event with its carrier service (no legs)",
};

/** What an AI agent is told this operation changes (helpers/toolDescription.ts). */
export const effect: Effect = 'reads';

/** Simplify keeps the latest tracking event. */
export const simplified: SimplifiedKind = 'tracking';

export const description: INodeProperties[] = [consignmentReference.property];

export const call: ConsignmentCall = {
	action: (subject) => `get the tracking events per package of ${subject}`,
	single: ({ consignmentReference }) => ({
		method: 'GET',
		path: sortedProPath`/tracking/flattened/${consignmentReference}`,
	}),
	// help/using_pros_tracking_api.md (Get Events Per Package); SDK FlattenedConsignmentViewModel
	// { ConsignmentReferenceForAllLegsAssignedByMpd, TrackedPackages: [{
	// PackageReferenceForAllLegsAssignedByMpd, Events: [{ TimeStamp, Code, Description, SignedBy,
	// Location, CarrierServiceName }] }] }: about this consignment, with its list of packages.
	output: (context, task, answer) => {
		const tracking = requireAbout(context, task, answer, 'get the tracking events per package');
		const packages = tracking.TrackedPackages;
		if (
			!Array.isArray(packages) ||
			!packages.every((entry) => isRecord(entry) && Array.isArray(entry.Events))
		) {
			throw new NodeOperationError(
				context.getNode(),
				`Could not get the tracking events per package of consignment ${task.consignmentReference}: SortedPRO's answer has no list of TrackedPackages, each with its Events`,
				{
					itemIndex: task.itemIndex,
					description:
						'Nothing from this answer was used. SortedPRO documents { TrackedPackages: [{ PackageReferenceForAllLegsAssignedByMpd, Events }] }.',
				},
			);
		}
		return { ...tracking, ConsignmentReference: task.consignmentReference };
	},
};
