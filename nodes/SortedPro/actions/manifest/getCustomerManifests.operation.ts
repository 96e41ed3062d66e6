import { NodeOperationError } from 'n8n-workflow';
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { customerManifestsRequests, manifestSummariesOf } from '../../helpers/customerManifests';
import { firstAnsweringRoute } from '../../helpers/documentedRoutes';
import { readResultLimit, returnAllOrLimitFields, wellFormedIn } from '../../helpers/fields';
import { runPerItem } from '../../helpers/items';
import type { ItemTask } from '../../helpers/items';
import type { RunSettings } from '../../helpers/settings';
import { sortedProAnswerError } from '../../../shared/transport';
import type { OperationOption } from '../types';
import type { Effect } from '../../helpers/toolDescription';

export const option: OperationOption = {
	name: 'Get Customer Manifests',
	value: 'getCustomerManifests',
	action: 'Get customer manifests',
	description:
		'List the manifests (collection sheets) SortedPRO made when consignments were manifested: reference, file name, carrier, bookings',
};

/** What an AI agent is told this operation changes (helpers/toolDescription.ts). */
export const effect: Effect = 'reads';

export const description: INodeProperties[] = [
	...returnAllOrLimitFields,
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{
				displayName: 'Shipping Location',
				name: 'shippingLocationReference',
				type: 'string',
				default: '',
				placeholder: 'e.g. WAREHOUSE-1',
				description:
					'Only the manifests of this shipping location: its reference (Settings > Shipping Locations)',
			},
		],
	},
];

/** One request (or two: the second route) per item, items one after another. */
export const shape = 'list';

interface Task extends ItemTask {
	limit: number;
	shippingLocationReference?: string;
}

function readLocation(context: IExecuteFunctions, itemIndex: number): string | undefined {
	const filters = context.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const location = String(filters.shippingLocationReference ?? '').trim();
	if (!location) return undefined;
	wellFormedIn(context, itemIndex)(location, 'Shipping Location');
	return location;
}

export async function execute(
	context: IExecuteFunctions,
	items: INodeExecutionData[],
	settings: RunSettings,
): Promise<INodeExecutionData[]> {
	return await runPerItem<Task>(context, items, settings, {
		read: (itemIndex) => ({
			itemIndex,
			limit: readResultLimit(context, itemIndex),
			shippingLocationReference: readLocation(context, itemIndex),
		}),
		send: async ({ itemIndex, limit, shippingLocationReference }) => {
			const about = {
				action: 'get the customer manifests',
				itemIndex,
				notFound: shippingLocationReference
					? `the customer manifests of shipping location ${shippingLocationReference} (there may be none yet)`
					: 'the customer manifests (there may be none yet)',
			};
			const answer = await firstAnsweringRoute(
				context,
				customerManifestsRequests(shippingLocationReference),
				about,
				settings.request,
			);
			const summaries = manifestSummariesOf(answer);
			if (!summaries)
				throw sortedProAnswerError(
					context.getNode(),
					200,
					'JSON that is not a list of manifest summaries, each with its ManifestReference',
					about,
				);
			// Only the manifests asked for: one of another shipping location is not trusted.
			const foreign = shippingLocationReference
				? summaries.find(
						(summary) =>
							typeof summary.ShippingLocationReference === 'string' &&
							summary.ShippingLocationReference !== '' &&
							summary.ShippingLocationReference.toLowerCase() !==
								shippingLocationReference.toLowerCase(),
					)
				: undefined;
			if (foreign)
				throw new NodeOperationError(
					context.getNode(),
					`Could not get the customer manifests of shipping location ${shippingLocationReference}: SortedPRO's answer includes manifest ${String(foreign.ManifestReference)} of shipping location ${String(foreign.ShippingLocationReference)}`,
					{
						itemIndex,
						description:
							'Nothing was output, so that no manifest of another location is used. Check the shipping location reference in SortedPRO.',
					},
				);
			return summaries.slice(0, limit).map((summary) => ({ json: summary as IDataObject }));
		},
	});
}
