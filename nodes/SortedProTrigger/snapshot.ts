/**
 * One poll of the SortedPRO Trigger: for each watched state, read the consignments in it
 * (paged, politely bounded) through the node's one transport, and report those that were
 * not in it at the previous poll. Memory is written only after every state was read, so a
 * failed poll changes nothing and the next successful one still reports every change.
 */
import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';

import { readOtherQueryParameters } from '../shared/searchFilters';
import { inState, referenceOf, stateOf } from '../shared/consignments';
import { hasBrokenCharacter } from '../shared/inputText';
import { stateName } from '../shared/states';
import { searchConsignments } from '../shared/search';
import { requestSettings } from '../shared/transport';
import type { RequestSettings } from '../shared/transport';
import { compareState } from './memory';
import type { TriggerMemory } from './memory';

/** Pages read per state and poll at the most: 2,000 consignments in one state (of SEARCH_PAGE_SIZE each). */
export const MAX_PAGES_PER_STATE = 20;
/** Consignments a test event ("Fetch Test Event") shows per state. */
export const TEST_EVENT_COUNT = 10;
/** Time kept in hand before n8n's poll budget runs out. */
const BUDGET_MARGIN_MS = 10_000;

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

export async function pollConsignments(
	context: IPollFunctions,
): Promise<INodeExecutionData[][] | null> {
	const states = context.getNodeParameter('states', []) as string[];
	if (!Array.isArray(states) || states.length === 0) {
		throw new NodeOperationError(context.getNode(), '"States" is empty', {
			description: 'Pick at least one consignment state to watch, e.g. Allocation Failed.',
		});
	}
	const query = readFilters(context);
	// Not paced: a rate-limit refusal counts as an attempt, so a poll never waits minutes.
	const request = await requestSettings(context);
	const manual = context.getMode() === 'manual';
	const budgetMs =
		typeof context.getPollBudgetMs === 'function' ? context.getPollBudgetMs() : 5 * 60_000;
	const deadline = Date.now() + Math.max(budgetMs - BUDGET_MARGIN_MS, budgetMs / 2);
	const memory = context.getWorkflowStaticData('node') as TriggerMemory;
	const noticedAt = new Date().toISOString();

	const items: INodeExecutionData[] = [];
	const seen: Record<string, string[]> = {};
	const event = (consignment: IDataObject, state: string): INodeExecutionData => ({
		json: {
			...consignment,
			ConsignmentReference: referenceOf(consignment),
			EnteredState: stateName(state),
			NoticedAt: noticedAt,
		},
	});
	for (const state of states) {
		if (manual) {
			// A test event: the most recent consignments in the state, so fields can be mapped.
			const { consignments } = await readState(context, state, query, 1, deadline, request);
			items.push(
				...consignments.slice(0, TEST_EVENT_COUNT).map((consignment) => event(consignment, state)),
			);
			continue;
		}
		const { consignments, complete } = await readState(
			context,
			state,
			query,
			MAX_PAGES_PER_STATE,
			deadline,
			request,
		);
		const byReference = new Map(
			consignments.map((consignment) => [referenceOf(consignment), consignment]),
		);
		const { entered, remember } = compareState(
			memory.seen?.[state],
			[...byReference.keys()],
			complete,
		);
		seen[state] = remember;
		for (const reference of entered)
			items.push(event(byReference.get(reference) as IDataObject, state));
	}
	// Only now, with every state read: a poll that failed above changed nothing.
	if (!manual) memory.seen = seen;
	return items.length ? [items] : null;
}
