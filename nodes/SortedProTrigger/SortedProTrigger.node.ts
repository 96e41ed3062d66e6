import { NodeConnectionTypes } from 'n8n-workflow';
import type {
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
} from 'n8n-workflow';

import { PACKAGE_DESCRIPTION } from '../shared/package';
import { otherQueryParameters } from '../shared/searchFilters';
import { CONSIGNMENT_STATES } from '../shared/states';
import { CONSIGNMENT_EVENTS, pollTrigger } from './poll';

/** Detection's choices; version 1 compared snapshots only, so it keeps that as its default. */
const DETECTION_OPTIONS = [
	{
		name: 'Auto',
		value: 'auto',
		description:
			"SortedPRO's consignment state events; where the account has none (404), snapshots",
	},
	{
		name: 'Events',
		value: 'events',
		description: "SortedPRO's consignment state events: every entry into a state, however short",
	},
	{
		name: 'Snapshot',
		value: 'snapshot',
		description:
			'Compare the consignments in each state with the previous poll: a consignment that enters and leaves between two polls is missed',
	},
];
const detection = (version: number, defaultValue: string) => ({
	displayName: 'Detection',
	name: 'detection',
	type: 'options' as const,
	noDataExpression: true,
	default: defaultValue,
	options: DETECTION_OPTIONS,
	description: 'How the trigger finds consignments that entered a state',
	displayOptions: { show: { '@version': [version], event: ['consignmentEnteredState'] } },
});

/**
 * The canvas subtitle: the event's name, or the states' display names, looked up from the
 * drop-down's own entries (the editor shows the subtitle as the expression returns it).
 */
const STATE_NAMES = Object.fromEntries(
	CONSIGNMENT_STATES.map((state) => [state.value, state.name]),
);
const SUBTITLE = `={{ ${Object.entries(CONSIGNMENT_EVENTS)
	.map(([value, event]) => `$parameter["event"] === "${value}" ? "${event.name}" : `)
	.join(
		'',
	)}"Consignment entered " + [].concat($parameter["states"] || []).map((state) => (${JSON.stringify(STATE_NAMES)}[state] || state)).join(", ") }}`;

export class SortedProTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'SortedPRO Trigger',
		name: 'sortedProTrigger',
		icon: {
			light: 'file:../SortedPro/sortedPro.svg',
			dark: 'file:../SortedPro/sortedPro.dark.svg',
		},
		group: ['trigger'],
		version: [1, 1.1],
		defaultVersion: 1.1,
		subtitle: SUBTITLE,
		description: PACKAGE_DESCRIPTION,
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
						name: 'Consignment Created',
						action: 'When a consignment is created',
						value: 'consignmentCreated',
						description: "A consignment was created (SortedPRO's ConsignmentCreated event)",
					},
					{
						name: 'Consignment Entered State',
						action: 'When a consignment enters a state',
						value: 'consignmentEnteredState',
						description: 'A consignment entered one of the states below',
					},
					{
						name: 'Consignment Updated',
						action: 'When a consignment is updated',
						value: 'consignmentUpdated',
						description: "A consignment was changed (SortedPRO's ConsignmentUpdated event)",
					},
					{
						name: 'Labels Printed',
						action: 'When labels are printed',
						value: 'labelsPrinted',
						description: "A consignment's labels were printed (SortedPRO's LabelsPrinted event)",
					},
				],
			},
			detection(1, 'snapshot'),
			detection(1.1, 'auto'),
			{
				displayName: 'States',
				name: 'states',
				type: 'multiOptions',
				required: true,
				default: ['AllocationFailed'],
				displayOptions: { show: { event: ['consignmentEnteredState'] } },
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
				displayName:
					"Auto reads SortedPRO's events. If SortedPRO answers 404 for them (the account has no Events API), it compares snapshots instead and says so once in n8n's log; each event's Detection field says which was used.",
				name: 'detectionNotice',
				type: 'notice',
				default: '',
				displayOptions: { show: { event: ['consignmentEnteredState'], detection: ['auto'] } },
			},
			{
				displayName: 'Filters',
				name: 'filters',
				type: 'collection',
				placeholder: 'Add Filter',
				default: {},
				options: [otherQueryParameters],
				description: "Narrow SortedPRO's consignment search (Snapshot only)",
				displayOptions: { show: { event: ['consignmentEnteredState'], detection: ['snapshot'] } },
			},
		],
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		return await pollTrigger(this);
	}
}
