import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { ConsignmentCall, ConsignmentTask } from '../../helpers/consignmentCall';
import { consignmentReference, inputError } from '../../helpers/fields';
import type { SimplifiedKind } from '../../helpers/simplify';
import type { OperationOption } from '../types';
import { ALLOCATION_RULES } from './rules';
import type { Effect } from '../../helpers/toolDescription';

export const option: OperationOption = {
	name: 'Allocate With Service Filters',
	value: 'allocateWithServiceFilters',
	action: 'Allocate with service filters',
	description:
		'Allocate each consignment to the cheapest service in a direction, with or without pickup and drop-off services (no service group needed)',
};

/** What an AI agent is told this operation changes (helpers/toolDescription.ts). */
export const effect: Effect = {
	changes:
		'allocates the consignment to a carrier service, which books it with that carrier (Deallocate undoes it until the consignment is manifested)',
};

/**
 * SortedPRO's ServiceDirection, as its examples spell it ("Outbound"; quotes show
 * "Inbound, Outbound"). The SDK does not list the enum.
 */
const DIRECTIONS = ['Outbound', 'Inbound'] as const;

/** Simplify keeps the fields users map first of SortedPRO's consignment answer. */
export const simplified: SimplifiedKind = 'consignment';

export const description: INodeProperties[] = [
	consignmentReference.property,
	{
		displayName: 'Service Direction',
		name: 'serviceDirection',
		type: 'options',
		default: 'Outbound',
		options: [
			{ name: 'Outbound', value: 'Outbound', description: 'Services to the customer' },
			{ name: 'Inbound', value: 'Inbound', description: 'Services back to you (returns)' },
		],
	},
	{
		displayName: 'Include Pickup Services',
		name: 'isPickup',
		type: 'boolean',
		default: false,
		description: 'Whether services where the carrier picks the parcel up may be chosen',
	},
	{
		displayName: 'Include Drop-Off Services',
		name: 'isDropOff',
		type: 'boolean',
		default: false,
		description: 'Whether services where the parcel is dropped off at the carrier may be chosen',
	},
];

interface Task extends ConsignmentTask {
	filters: { ServiceDirection: string; IsPickup: boolean; IsDropOff: boolean };
}

function readFilters(context: IExecuteFunctions, itemIndex: number): Task['filters'] {
	const direction = String(context.getNodeParameter('serviceDirection', itemIndex, 'Outbound'));
	if (!(DIRECTIONS as readonly string[]).includes(direction))
		throw inputError(
			context,
			itemIndex,
			`"Service Direction" in item ${itemIndex} is "${direction.slice(0, 40)}", which is not Outbound or Inbound`,
			'Pick one from the list.',
		);
	const flag = (name: string, label: string) => {
		const value: unknown = context.getNodeParameter(name, itemIndex, false);
		if (typeof value !== 'boolean')
			throw inputError(
				context,
				itemIndex,
				`"${label}" in item ${itemIndex} is not true or false`,
				'Switch it on or off.',
			);
		return value;
	};
	return {
		ServiceDirection: direction,
		IsPickup: flag('isPickup', 'Include Pickup Services'),
		IsDropOff: flag('isDropOff', 'Include Drop-Off Services'),
	};
}

const describeFilters = ({ ServiceDirection, IsPickup, IsDropOff }: Task['filters']) =>
	`${ServiceDirection.toLowerCase()} services${IsPickup ? ', pickup included' : ''}${IsDropOff ? ', drop-off included' : ''}`;

/**
 * SDK ConsignmentAllocationService AllocateWithServiceFilters (includes/_allocate_with_service_filters.md):
 * `PUT /allocation/allocateConsignmentsWithServiceFilters` with { ConsignmentReferences, Filters:
 * { ServiceDirection, IsPickup, IsDropOff } }, answered with List<AllocationSummary> or 202. Only a
 * list endpoint: items go in batches, one batch per combination of filters.
 */
export const call: ConsignmentCall<Task> = {
	read: (context, itemIndex) => ({
		itemIndex,
		consignmentReference: consignmentReference.read(context, itemIndex),
		filters: readFilters(context, itemIndex),
	}),
	action: (subject, task) => `allocate ${subject} with ${describeFilters(task.filters)}`,
	...ALLOCATION_RULES,
	doneStates: ['Allocated'],
	allocates: true,
	acceptedLater: true,
	list: (tasks) => ({
		method: 'PUT',
		path: '/allocation/allocateConsignmentsWithServiceFilters',
		body: {
			ConsignmentReferences: tasks.map((task) => task.consignmentReference),
			Filters: tasks[0].filters,
		},
	}),
	batchKey: (task) => JSON.stringify(task.filters),
};
