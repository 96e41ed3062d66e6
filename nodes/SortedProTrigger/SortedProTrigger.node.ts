import { NodeConnectionTypes } from 'n8n-workflow';
import type {
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
} from 'n8n-workflow';

import { otherQueryParameters } from '../shared/searchFilters';
import { CONSIGNMENT_STATES } from '../shared/states';
import { pollConsignments } from './poll';

export class SortedProTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'SortedPRO Trigger',
		name: 'sortedProTrigger',
		icon: {
			light: 'file:../SortedPro/sortedPro.svg',
			dark: 'file:../SortedPro/sortedPro.dark.svg',
		},
		group: ['trigger'],
		version: 1,
		subtitle: '={{ "Consignment entered " + $parameter["states"].join(", ") }}',
		description:
			'Starts the workflow when SortedPRO consignments enter a state, such as Allocation Failed or Manifested',
		defaults: { name: 'SortedPRO Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'sortedProApi', required: true }],
		properties: [
			{
				displayName: 'Event',
				name: 'event',
				type: 'options',
				noDataExpression: true,
				default: 'consignmentEnteredState',
				options: [
					{
						name: 'Consignment Entered State',
						value: 'consignmentEnteredState',
						description:
							'A consignment is in one of the states below and was not at the previous poll',
					},
				],
			},
			{
				displayName: 'States',
				name: 'states',
				type: 'multiOptions',
				required: true,
				default: ['AllocationFailed'],
				description:
					'The states to watch: each consignment that enters one of them starts the workflow once',
				options: CONSIGNMENT_STATES,
			},
			{
				displayName:
					'The first poll after the workflow is published only records what is there; changes from then on start the workflow',
				name: 'firstPollNotice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Filters',
				name: 'filters',
				type: 'collection',
				placeholder: 'Add Filter',
				default: {},
				options: [otherQueryParameters],
			},
		],
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		return await pollConsignments(this);
	}
}
