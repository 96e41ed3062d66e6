import { NodeOperationError } from 'n8n-workflow';
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { referenceOfResult, succeeded } from '../../helpers/batch';
import { inputError, readDateValue, shippingLocationField } from '../../helpers/fields';
import { runPerItem } from '../../helpers/items';
import type { ItemTask } from '../../helpers/items';
import type { RunSettings } from '../../helpers/settings';
import { firstText, isRecord } from '../../../shared/lists';
import {
	sortedProAnswerError,
	sortedProApiExchange,
	sortedProPath,
} from '../../../shared/transport';
import type { SortedProCallContext, SortedProRequest } from '../../../shared/transport';
import type { OperationOption } from '../types';
import { carrierService, serviceGroup } from './targets';
import type { Effect } from '../../helpers/toolDescription';

export const option: OperationOption = {
	name: 'Allocate All Unallocated',
	value: 'allocateAllUnallocated',
	action: 'Allocate all unallocated',
	description:
		'Allocate every unallocated consignment of a shipping location due to ship by a date, in one call',
};

/** What an AI agent is told this operation changes (helpers/toolDescription.ts). */
export const effect: Effect = {
	changes: 'allocates every unallocated consignment of the shipping location at once',
	askFirst: true,
};

/** What the consignments are allocated with: SortedPRO's three ship-by-date routes. */
const TARGETS = {
	cheapest: 'Cheapest Service',
	serviceGroup: 'Carrier Service Group',
	carrierService: 'Carrier Service',
} as const;
type Target = keyof typeof TARGETS;

const shippingLocation = shippingLocationField({
	displayName: 'Shipping Location',
	description: 'Allocate the unallocated consignments shipping from this location',
});

export const description: INodeProperties[] = [
	{
		displayName: 'Ship By Date',
		name: 'shipByDate',
		type: 'dateTime',
		required: true,
		default: '',
		description: 'Allocate the consignments due to be shipped before this date and time',
	},
	shippingLocation.property,
	{
		displayName: 'Allocate With',
		name: 'allocateWith',
		type: 'options',
		default: 'serviceGroup',
		options: [
			{
				name: 'Carrier Service',
				value: 'carrierService',
				description: 'One specific carrier service',
			},
			{
				name: 'Carrier Service Group',
				value: 'serviceGroup',
				description: 'The cheapest eligible service in a carrier service group',
			},
			{
				name: 'Cheapest Service',
				value: 'cheapest',
				description: 'The cheapest eligible carrier service of the account',
			},
		],
	},
	{ ...serviceGroup.property, displayOptions: { show: { allocateWith: ['serviceGroup'] } } },
	{ ...carrierService.property, displayOptions: { show: { allocateWith: ['carrierService'] } } },
];

/** One call per item (each item names a ship-by date), items one after another. */
export const shape = 'list';

interface Task extends ItemTask {
	shipByDate: string;
	shippingLocationReference: string;
	target: Target;
	code?: string;
}

function readTask(context: IExecuteFunctions, itemIndex: number): Task {
	const raw: unknown = context.getNodeParameter('shipByDate', itemIndex, '');
	const shipByDate = readDateValue(context, itemIndex, raw, 'Ship By Date');
	if (!shipByDate)
		throw inputError(
			context,
			itemIndex,
			`"Ship By Date" in item ${itemIndex} is empty`,
			'Pick a date, or map one such as 2026-12-01T17:00:00Z.',
		);
	const target = String(context.getNodeParameter('allocateWith', itemIndex, 'serviceGroup'));
	if (!Object.prototype.hasOwnProperty.call(TARGETS, target))
		throw inputError(
			context,
			itemIndex,
			`"Allocate With" in item ${itemIndex} is "${target.slice(0, 40)}", which is not one of ${Object.values(TARGETS).join(', ')}`,
			'Pick one from the list.',
		);
	return {
		itemIndex,
		shipByDate,
		shippingLocationReference: shippingLocation.read(context, itemIndex),
		target: target as Target,
		code:
			target === 'serviceGroup'
				? serviceGroup.read(context, itemIndex)
				: target === 'carrierService'
					? carrierService.read(context, itemIndex)
					: undefined,
	};
}

/**
 * SDK ConsignmentAllocationService "Allocate All Unallocated Consignments" and its siblings:
 * `PUT /allocation/allocate/{shipByDate}`, `/allocation/allocatewithservicegroup/{shipByDate}`,
 * `/allocation/allocatewithcarrierservice/{shipByDate}` with AllocateAllConsignmentsRequest
 * { ShipByDate, ShippingLocationReference } (plus MpdCarrierServiceGroupReference or
 * MpdCarrierServiceReference), answered with List<AllocationSummary> or 202. The route's date
 * format is not documented: the date (YYYY-MM-DD) goes in the route, the full time in the body.
 */
function requestOf(task: Task): SortedProRequest {
	const day = task.shipByDate.slice(0, 10);
	const body: IDataObject = {
		ShipByDate: task.shipByDate,
		ShippingLocationReference: task.shippingLocationReference,
	};
	if (task.target === 'serviceGroup') body.MpdCarrierServiceGroupReference = task.code;
	if (task.target === 'carrierService') body.MpdCarrierServiceReference = task.code;
	const path =
		task.target === 'serviceGroup'
			? sortedProPath`/allocation/allocatewithservicegroup/${day}`
			: task.target === 'carrierService'
				? sortedProPath`/allocation/allocatewithcarrierservice/${day}`
				: sortedProPath`/allocation/allocate/${day}`;
	return { method: 'PUT', path, body, acceptedLater: true };
}

/**
 * One item per consignment SortedPRO allocated or could not allocate, each named by the
 * consignment its summary links to; a summary that names none is an error (it cannot be told
 * which consignment it is about).
 */
function summaryItems(
	context: IExecuteFunctions,
	task: Task,
	answer: unknown,
	about: SortedProCallContext,
): INodeExecutionData[] {
	if (!Array.isArray(answer) || !answer.every(isRecord))
		throw sortedProAnswerError(
			context.getNode(),
			200,
			'JSON that is not a list of Allocation Summaries',
			about,
		);
	const where = {
		ShipByDate: task.shipByDate,
		ShippingLocationReference: task.shippingLocationReference,
	};
	if (answer.length === 0) return [{ json: { ...where, ConsignmentCount: 0 } }];
	return answer.map((summary) => {
		const reference = referenceOfResult(summary);
		if (!reference)
			throw new NodeOperationError(
				context.getNode(),
				`Could not ${about.action}: an Allocation Summary in SortedPRO's answer names no consignment`,
				{
					itemIndex: task.itemIndex,
					description:
						'Nothing was output, so that no allocation is given to the wrong consignment. Check the consignments in SortedPRO (Consignment > Get Many, State Allocated).',
				},
			);
		const allocated = succeeded(summary);
		return {
			json: {
				...(summary as IDataObject),
				ConsignmentReference: reference,
				Allocated: allocated,
				...(allocated ? {} : { Reason: firstText(summary, ['Description', 'Message']) || null }),
				...where,
			},
		};
	});
}

export async function execute(
	context: IExecuteFunctions,
	items: INodeExecutionData[],
	settings: RunSettings,
): Promise<INodeExecutionData[]> {
	return await runPerItem<Task>(context, items, settings, {
		read: (itemIndex) => readTask(context, itemIndex),
		send: async (task) => {
			const about: SortedProCallContext = {
				action: `allocate the unallocated consignments of shipping location ${task.shippingLocationReference} due to ship by ${task.shipByDate}`,
				notFound: `shipping location ${task.shippingLocationReference}${task.code ? ` or ${task.target === 'serviceGroup' ? 'service group' : 'carrier service'} ${task.code}` : ''}`,
				itemIndex: task.itemIndex,
			};
			const exchange = await sortedProApiExchange.call(
				context,
				requestOf(task),
				about,
				settings.request,
			);
			// 202: SortedPRO took the request on and allocates them itself; it must not be sent again.
			if (exchange.accepted)
				return [
					{
						json: {
							ShipByDate: task.shipByDate,
							ShippingLocationReference: task.shippingLocationReference,
							Accepted: true,
						},
					},
				];
			return summaryItems(context, task, exchange.body, about);
		},
	});
}
