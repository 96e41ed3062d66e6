import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { firstAnsweringRoute } from '../../helpers/documentedRoutes';
import { inputError, readDateValue, wellFormedIn } from '../../helpers/fields';
import { runPerItem } from '../../helpers/items';
import type { ItemTask } from '../../helpers/items';
import type { RunSettings } from '../../helpers/settings';
import { isRecord } from '../../../shared/lists';
import { stateName } from '../../../shared/states';
import { sortedProAnswerError } from '../../../shared/transport';
import type { OperationOption } from '../types';
import type { Effect } from '../../helpers/toolDescription';

export const option: OperationOption = {
	name: 'Manifest From Query',
	value: 'manifestFromQuery',
	action: 'Manifest from query',
	description:
		'Manifest every consignment matching a query (states, shipping locations, carriers, labels printed, shipping date): transmits them to their carriers',
};

/** What an AI agent is told this operation changes (helpers/toolDescription.ts). */
export const effect: Effect = {
	changes:
		'manifests every consignment that matches the query, which sends their data to the carriers; this cannot be undone',
	askFirst: true,
};

/** The states SortedPRO manifests from (help/manifesting_consignments.md). */
const MANIFESTABLE = ['Allocated', 'ManifestFailed', 'ReadyToShip'] as const;

const LABELS_PRINTED = { printed: true, notPrinted: false } as const;

export const description: INodeProperties[] = [
	{
		displayName:
			'Every consignment this query matches is transmitted to its carrier. Test with the sandbox environment first.',
		name: 'manifestNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'States',
		name: 'states',
		type: 'multiOptions',
		required: true,
		default: ['Allocated'],
		options: MANIFESTABLE.map((value) => ({ name: stateName(value), value })),
		description:
			'Manifest consignments in these states. SortedPRO manifests only Allocated, Manifest Failed and Ready To Ship consignments.',
	},
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{
				displayName: 'Carriers',
				name: 'carriers',
				type: 'string',
				default: '',
				placeholder: 'e.g. CARRIER_X, CARRIER_Y',
				description:
					"Only consignments allocated to these carriers: their carrier references (an allocation's CarrierReference), separated by commas",
			},
			{
				displayName: 'Labels Printed',
				name: 'labelsPrinted',
				type: 'options',
				default: 'printed',
				options: [
					{
						name: 'Printed',
						value: 'printed',
						description: 'Only consignments whose labels were printed',
					},
					{
						name: 'Not Printed',
						value: 'notPrinted',
						description: 'Only consignments whose labels were not printed yet',
					},
				],
			},
			{
				displayName: 'Shipping Date',
				name: 'shippingDate',
				type: 'dateTime',
				default: '',
				description: 'Only consignments shipping on this date',
			},
			{
				displayName: 'Shipping Date From',
				name: 'shippingDateFrom',
				type: 'dateTime',
				default: '',
				description: 'Only consignments shipping on or after this date',
			},
			{
				displayName: 'Shipping Date To',
				name: 'shippingDateTo',
				type: 'dateTime',
				default: '',
				description: 'Only consignments shipping on or before this date',
			},
			{
				displayName: 'Shipping Locations',
				name: 'shippingLocationReferences',
				type: 'string',
				default: '',
				placeholder: 'e.g. WAREHOUSE-1, WAREHOUSE-2',
				description:
					'Only consignments shipping from these locations: their references (Settings > Shipping Locations), separated by commas',
			},
		],
	},
];

/** One query a run: items run one after another, so no two queries manifest at once. */
export const shape = 'list';

interface Task extends ItemTask {
	query: IDataObject;
}

/** A comma-separated list of references, each checked, or undefined when empty. */
function readList(
	context: IExecuteFunctions,
	itemIndex: number,
	value: unknown,
	field: string,
): string[] | undefined {
	const text = Array.isArray(value) ? value.join(',') : String(value ?? '');
	const entries = text
		.split(',')
		.map((entry) => entry.trim())
		.filter(Boolean);
	for (const entry of entries) wellFormedIn(context, itemIndex)(entry, field);
	return entries.length > 0 ? entries : undefined;
}

function readStates(context: IExecuteFunctions, itemIndex: number): string[] {
	const raw: unknown = context.getNodeParameter('states', itemIndex, []);
	const states = (Array.isArray(raw) ? raw : [raw]).map(String).filter(Boolean);
	if (states.length === 0)
		throw inputError(
			context,
			itemIndex,
			`"States" is empty in item ${itemIndex}`,
			'Pick the states to manifest from: Allocated, Manifest Failed or Ready To Ship.',
		);
	const other = states.find((state) => !(MANIFESTABLE as readonly string[]).includes(state));
	if (other !== undefined)
		throw inputError(
			context,
			itemIndex,
			`"States" in item ${itemIndex} has "${other.slice(0, 40)}", which SortedPRO does not manifest from`,
			'SortedPRO manifests only consignments that are Allocated, Manifest Failed or Ready To Ship: pick those.',
		);
	return states;
}

/**
 * The ManifestFromQueryRequest (SDK ref-consignments): States, and the filters given.
 * ShippingDateRanges is one { StartDate, EndDate } in the SDK, though named as a list.
 */
function readQuery(context: IExecuteFunctions, itemIndex: number): IDataObject {
	const filters = context.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const locations = readList(
		context,
		itemIndex,
		filters.shippingLocationReferences,
		'Shipping Locations',
	);
	const carriers = readList(context, itemIndex, filters.carriers, 'Carriers');
	const shippingDate = readDateValue(context, itemIndex, filters.shippingDate, 'Shipping Date');
	const from = readDateValue(context, itemIndex, filters.shippingDateFrom, 'Shipping Date From');
	const to = readDateValue(context, itemIndex, filters.shippingDateTo, 'Shipping Date To');
	if (from && to && from > to)
		throw inputError(
			context,
			itemIndex,
			`"Shipping Date From" is after "Shipping Date To" in item ${itemIndex}`,
			'Swap the two dates.',
		);
	const printed = filters.labelsPrinted;
	if (
		printed !== undefined &&
		!Object.prototype.hasOwnProperty.call(LABELS_PRINTED, String(printed))
	)
		throw inputError(
			context,
			itemIndex,
			`"Labels Printed" in item ${itemIndex} is "${String(printed).slice(0, 40)}", which is not Printed or Not Printed`,
			'Pick one from the list.',
		);
	return {
		...(locations ? { ShippingLocationReferences: locations } : {}),
		States: readStates(context, itemIndex),
		...(carriers ? { Carriers: carriers } : {}),
		...(printed !== undefined
			? { LabelsPrinted: LABELS_PRINTED[printed as keyof typeof LABELS_PRINTED] }
			: {}),
		...(shippingDate ? { ShippingDate: shippingDate } : {}),
		...(from || to
			? {
					ShippingDateRanges: {
						...(from ? { StartDate: from } : {}),
						...(to ? { EndDate: to } : {}),
					},
				}
			: {}),
	};
}

/** The counts in SortedPRO's Message, when it is worded as documented. */
function countsOf(message: string): IDataObject {
	const found = /found\s+(\d+)\s+consignment/i.exec(message);
	const queued = /(\d+)\s+successfully queued/i.exec(message);
	const failed = /(\d+)\s+failed/i.exec(message);
	return {
		ConsignmentsFound: found ? Number(found[1]) : null,
		ConsignmentsQueued: queued ? Number(queued[1]) : null,
		ConsignmentsFailed: failed ? Number(failed[1]) : null,
	};
}

const ACTION = 'manifest the consignments matching the query';

export async function execute(
	context: IExecuteFunctions,
	items: INodeExecutionData[],
	settings: RunSettings,
): Promise<INodeExecutionData[]> {
	return await runPerItem<Task>(context, items, settings, {
		read: (itemIndex) => ({ itemIndex, query: readQuery(context, itemIndex) }),
		send: async ({ itemIndex, query }) => {
			const about = {
				action: ACTION,
				itemIndex,
				stateRule:
					'Only consignments in state Allocated, Manifest Failed or Ready To Ship can be manifested.',
				ifAnswerLost:
					"SortedPRO may have manifested some consignments before the answer was lost, and every manifest transmits to the carriers. Check the consignments' states in SortedPRO (or with Consignment > Get Many) first. Running the query again manifests only consignments still in the states it names.",
			};
			// help/manifesting_consignments.md says POST, includes/_manifest_consignments_from_query.md
			// shows PUT; the SDK names no route. A 404 or 405 to POST manifested nothing: PUT is tried.
			const request = {
				path: '/consignments/manifestFromQuery',
				body: query,
				// Sent again only when SortedPRO certainly did nothing: it transmits to carriers.
				repeatable: false,
			};
			const answer = await firstAnsweringRoute(
				context,
				[
					{ method: 'POST', ...request },
					{ method: 'PUT', ...request },
				],
				about,
				settings.request,
			);
			const failed = isRecord(answer) ? (answer.FailedConsignments ?? []) : undefined;
			if (
				!isRecord(answer) ||
				typeof answer.Message !== 'string' ||
				!Array.isArray(failed) ||
				!failed.every((entry) => typeof entry === 'string')
			)
				throw sortedProAnswerError(
					context.getNode(),
					200,
					'JSON that is not a manifest-from-query answer ({ Message, FailedConsignments })',
					about,
				);
			return {
				...answer,
				...countsOf(answer.Message),
				FailedConsignments: failed,
				Query: query,
			};
		},
	});
}
