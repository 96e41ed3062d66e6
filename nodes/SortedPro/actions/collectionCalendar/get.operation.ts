import { NodeOperationError } from 'n8n-workflow';
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { referenceField, shippingLocationField } from '../../helpers/fields';
import { runPerItem } from '../../helpers/items';
import type { ItemTask } from '../../helpers/items';
import type { RunSettings } from '../../helpers/settings';
import { isRecord } from '../../../shared/lists';
import { sortedProApiRequest, sortedProPath } from '../../../shared/transport';
import type { OperationOption } from '../types';
import type { Effect } from '../../helpers/toolDescription';

export const option: OperationOption = {
	name: 'Get',
	value: 'get',
	action: 'Get a collection calendar',
	description:
		"Get a carrier's collection calendar at a shipping location: its collection, manifest and allocation cut-off times",
};

/** What an AI agent is told this operation changes (helpers/toolDescription.ts). */
export const effect: Effect = 'reads';

const shippingLocation = shippingLocationField({
	displayName: 'Shipping Location',
	description: 'The shipping location the carrier collects from: its reference in SortedPRO',
});

const carrier = referenceField({
	displayName: 'Carrier Reference',
	name: 'carrierReference',
	example: 'CARRIER_X',
	description:
		"The carrier's reference in SortedPRO (an allocation's CarrierReference, MPD carrier reference)",
});

export const description: INodeProperties[] = [shippingLocation.property, carrier.property];

/** One request per item, items one after another. */
export const shape = 'list';

interface Task extends ItemTask {
	shippingLocationReference: string;
	carrierReference: string;
}

export async function execute(
	context: IExecuteFunctions,
	items: INodeExecutionData[],
	settings: RunSettings,
): Promise<INodeExecutionData[]> {
	return await runPerItem<Task>(context, items, settings, {
		read: (itemIndex) => ({
			itemIndex,
			shippingLocationReference: shippingLocation.read(context, itemIndex),
			carrierReference: carrier.read(context, itemIndex),
		}),
		send: async ({ itemIndex, shippingLocationReference, carrierReference }) => {
			const what = `the collection calendar of carrier ${carrierReference} at shipping location ${shippingLocationReference}`;
			// SDK ref-settings CollectionCalendarService GetCollectionCalendar:
			// `GET /collectioncalendar/{shippingLocationReference}/{mpdCarrierReference}`, 200 or 404.
			const answer = await sortedProApiRequest.call(
				context,
				{
					method: 'GET',
					path: sortedProPath`/collectioncalendar/${shippingLocationReference}/${carrierReference}`,
				},
				{ action: `get ${what}`, notFound: what, itemIndex },
				settings.request,
			);
			// The SDK names the answer (ServiceAvailability.CollectionCalendar) but documents none of
			// its fields: an object is passed on as it is, anything else is refused.
			if (!isRecord(answer) || Array.isArray(answer))
				throw new NodeOperationError(
					context.getNode(),
					`Could not get ${what}: SortedPRO's answer is not a collection calendar object`,
					{
						itemIndex,
						description: 'Nothing from this answer was used. Check the calendar in SortedPRO.',
					},
				);
			return {
				...(answer as IDataObject),
				ShippingLocationReference: shippingLocationReference,
				CarrierReference: carrierReference,
			};
		},
	});
}
