import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { runPerItem } from '../../helpers/items';
import type { ConsignmentTask } from '../../helpers/items';
import { readReference } from '../../helpers/parameters';
import {
	ALLOCATABLE_STATES_RULE,
	allocationSummaryOutput,
	consignmentReferenceField,
	readConsignmentReference,
} from './common';
import { sortedProApiRequest, sortedProPath } from '../../transport';
import type { OperationOption } from '../types';

export const option: OperationOption = {
	name: 'Allocate With Service Group',
	value: 'allocateWithServiceGroup',
	action: 'Allocate a consignment with a carrier service group',
	description:
		'Allocate each consignment to the cheapest eligible carrier service in a carrier service group',
};

const displayOptions = { show: { resource: ['allocation'], operation: [option.value] } };

export const description: INodeProperties[] = [
	{ ...consignmentReferenceField, displayOptions },
	{
		displayName: 'Carrier Service Group',
		name: 'serviceGroup',
		type: 'resourceLocator',
		required: true,
		default: { mode: 'list', value: '' },
		description:
			"The carrier service group whose cheapest eligible service is used: its Service Group Code in SortedPRO (Settings > Carrier Service Groups)",
		displayOptions,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: 'Select a service group...',
				typeOptions: { searchListMethod: 'searchServiceGroups', searchable: true },
			},
			{
				displayName: 'By Code',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. NEXTDAY',
				hint: 'The Service Group Code from SortedPRO: Settings > Carrier Service Groups',
			},
		],
	},
];

interface AllocateWithServiceGroupTask extends ConsignmentTask {
	serviceGroup: string;
}

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	return await runPerItem<AllocateWithServiceGroupTask>(this, items, {
		read: (itemIndex) => ({
			itemIndex,
			consignmentReference: readConsignmentReference(this, itemIndex),
			serviceGroup: readReference(this, 'serviceGroup', 'Carrier Service Group', itemIndex, 'NEXTDAY'),
		}),
		send: async ({ itemIndex, consignmentReference, serviceGroup }): Promise<IDataObject> => {
			const body = await sortedProApiRequest.call(
				this,
				{
					method: 'PUT',
					path: sortedProPath`/allocation/${consignmentReference}/allocatewithservicegroup/${serviceGroup}`,
				},
				{
					action: `allocate consignment ${consignmentReference} with service group ${serviceGroup}`,
					consignmentReference,
					itemIndex,
					notFound: `consignment ${consignmentReference} or service group ${serviceGroup}`,
					stateRule: ALLOCATABLE_STATES_RULE,
				},
			);
			return allocationSummaryOutput(body, consignmentReference);
		},
	});
}
