import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { runPerItem } from '../../helpers/items';
import type { ItemTask } from '../../helpers/items';
import type { RunSettings } from '../../helpers/settings';
import { CONSIGNMENT_STATES, sameState, stateName } from '../../../shared/states';
import { sortedProAnswerError, sortedProApiRequest } from '../../../shared/transport';
import { inputError } from '../../helpers/fields';
import type { OperationOption } from '../types';
import type { Effect } from '../../helpers/toolDescription';

export const option: OperationOption = {
	name: 'Get Count By State',
	value: 'getCount',
	action: 'Get count by state',
	description: 'Count the consignments in one state, e.g. how many are still Unallocated',
};

/** What an AI agent is told this operation changes (helpers/toolDescription.ts). */
export const effect: Effect = 'reads';

export const description: INodeProperties[] = [
	{
		displayName: 'State',
		name: 'state',
		type: 'options',
		required: true,
		default: 'Unallocated',
		options: CONSIGNMENT_STATES,
		description: 'Count the consignments in this state',
	},
];

/** One request per item, items one after another. */
export const shape = 'list';

interface Task extends ItemTask {
	state: string;
}

/**
 * A state as SortedPRO spells it. The SDK takes a ConsignmentState (optional, but what none means
 * is not documented), so a state is required and must be one of them.
 */
function readState(context: IExecuteFunctions, itemIndex: number): string {
	const value = String(context.getNodeParameter('state', itemIndex, '')).trim();
	const state = CONSIGNMENT_STATES.find((entry) => sameState(entry.value, value));
	if (!state)
		throw inputError(
			context,
			itemIndex,
			`"State" in item ${itemIndex} is "${value.slice(0, 40)}", which is not a SortedPRO consignment state`,
			'Pick a state from the list, or map one such as Allocated or ReadyToShip.',
		);
	return state.value;
}

export async function execute(
	context: IExecuteFunctions,
	items: INodeExecutionData[],
	settings: RunSettings,
): Promise<INodeExecutionData[]> {
	return await runPerItem<Task>(context, items, settings, {
		read: (itemIndex) => ({ itemIndex, state: readState(context, itemIndex) }),
		send: async ({ itemIndex, state }) => {
			const about = { action: `count the consignments in state ${stateName(state)}`, itemIndex };
			// SDK ConsignmentService GetCountOfConsignmentsInState: `GET /consignments/count?state=`,
			// answered with a bare integer.
			const count = await sortedProApiRequest.call(
				context,
				{ method: 'GET', path: '/consignments/count', qs: { state }, answer: 'jsonOrNumber' },
				about,
				settings.request,
			);
			if (typeof count !== 'number' || !Number.isInteger(count) || count < 0)
				throw sortedProAnswerError(context.getNode(), 200, 'JSON that is not a count', about);
			return { State: state, Count: count };
		},
	});
}
