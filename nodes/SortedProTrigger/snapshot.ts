/**
 * Detection by snapshot: for each watched state, read the consignments in it (paged, bounded)
 * with SortedPRO's consignment search, and report those that were not in it at the previous
 * poll. Memory is changed only after every state was read, so a failed poll changes nothing
 * and the next successful one still reports every change. A consignment that enters and
 * leaves a state between two polls is not seen: Events detection (events.ts) sees it.
 */
import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';

import { readOtherQueryParameters } from '../shared/searchFilters';
import { inState, referenceOf, stateOf } from '../shared/consignments';
import { hasBrokenCharacter } from '../shared/inputText';
import { stateName } from '../shared/states';
import { searchConsignments } from '../shared/search';
import { asNodeError, ranOutOfTime } from '../shared/transport';
import type { RequestSettings } from '../shared/transport';
import { MAX_MEMORY_BYTES, compareState, memoryKey, rememberedIn } from './memory';
import type { TriggerMemory } from './memory';
import type { PollRun } from './run';

/** Pages read per state and poll at the most: 2,000 consignments in one state (of SEARCH_PAGE_SIZE each). */
export const MAX_PAGES_PER_STATE = 20;
/** Consignments a test event ("Fetch Test Event") shows per state. */
export const TEST_EVENT_COUNT = 10;

/** The Filters' query parameters for SortedPRO's consignment search. */
function readFilters(context: IPollFunctions): IDataObject {
	const filters = context.getNodeParameter('filters', {}) as IDataObject;
	return readOtherQueryParameters(filters, (text, field) => {
		if (hasBrokenCharacter(text)) {
			throw new NodeOperationError(context.getNode(), `"${field}" contains a broken character`, {
				description: "Fix or remove the character in the trigger's Filters.",
			});
		}
	});
}

/** Reads one state's consignments, page by page; `complete` is false when a bound cut it short. */
async function readState(
	context: IPollFunctions,
	state: string,
	query: IDataObject,
	maxPages: number,
	deadline: number,
	request: RequestSettings,
): Promise<{ consignments: IDataObject[]; complete: boolean }> {
	const { summaries, stopped } = await searchConsignments(
		context,
		{ ...query, State: state },
		{ limit: Infinity, maxPages, deadline },
		{
			action: `look for consignments in state ${stateName(state)}`,
			notFound: 'the consignment search',
		},
		request,
	);
	// A summary that names no consignment cannot be remembered or reported, and one that says it
	// is in another state is not taken for one in this state.
	const consignments = summaries.filter(
		(summary) =>
			referenceOf(summary) !== '' && (stateOf(summary) === undefined || inState(summary, [state])),
	);
	return { consignments, complete: stopped === 'end' };
}

/**
 * One snapshot poll of the watched states. Returns the events and the memory to keep, which the
 * caller writes only when the poll succeeded.
 */
export async function pollSnapshot(
	context: IPollFunctions,
	run: PollRun,
	memory: TriggerMemory,
): Promise<{ items: INodeExecutionData[]; seen: Record<string, string[]> }> {
	const query = readFilters(context);
	const { states, manual, deadline, request } = run;
	const items: INodeExecutionData[] = [];
	// A plain object with only the watched states (validated against the fixed list) as keys.
	const seen: Record<string, string[]> = {};
	const maxBytesPerState = Math.floor(MAX_MEMORY_BYTES / 2 / states.length);
	for (const state of states) {
		if (manual) {
			// A test event: the most recent consignments in the state, so fields can be mapped.
			const { consignments } = await readState(context, state, query, 1, deadline, request);
			items.push(
				...consignments
					.slice(0, TEST_EVENT_COUNT)
					.map((consignment) => run.event(consignment, state)),
			);
			continue;
		}
		let read: { consignments: IDataObject[]; complete: boolean };
		try {
			read = await readState(context, state, query, MAX_PAGES_PER_STATE, deadline, request);
		} catch (error) {
			// Out of time after the first state: the states not read keep their memory, and the
			// next poll reads them. Out of time on the first one: the poll read nothing, and says so.
			if (state === states[0] || !ranOutOfTime(error)) throw asNodeError(context.getNode(), error);
			const previous = rememberedIn(memory, state);
			if (previous) seen[state] = previous;
			continue;
		}
		const { consignments, complete } = read;
		const byKey = new Map(
			consignments.map((consignment) => [memoryKey(referenceOf(consignment)), consignment]),
		);
		const { entered, remember } = compareState(
			rememberedIn(memory, state),
			[...byKey.keys()],
			complete,
			maxBytesPerState,
		);
		seen[state] = remember;
		for (const key of entered) items.push(run.event(byKey.get(key) as IDataObject, state));
	}
	return { items, seen };
}
