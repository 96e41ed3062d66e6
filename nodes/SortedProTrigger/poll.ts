/**
 * One poll of the SortedPRO Trigger: checks what it was given, bounds it in time, and hands it
 * to one way of detecting (events.ts, snapshot.ts). The memory is written only when the poll
 * succeeded, so a failed poll changes nothing and the next one still reports every change.
 */
import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, INodeExecutionData, IPollFunctions, NodeApiError } from 'n8n-workflow';

import { referenceOf } from '../shared/consignments';
import { CONSIGNMENT_STATES, stateName } from '../shared/states';
import { asNodeError, requestSettings } from '../shared/transport';
import { eventsUnavailable, pollEvents } from './events';
import type { EventSource } from './events';
import { readMemory, writeMemory } from './memory';
import type { TriggerMemory } from './memory';
import type { PollRun } from './run';
import { pollSnapshot } from './snapshot';

/** Time kept in hand before n8n's poll budget runs out (at most half the budget). */
const BUDGET_MARGIN_MS = 10_000;

/** Events other than entering a state: the trigger's Event value → SortedPRO's event type. */
export const CONSIGNMENT_EVENTS = {
	labelsPrinted: { type: 'LabelsPrinted', name: 'Labels Printed' },
	consignmentCreated: { type: 'ConsignmentCreated', name: 'Consignment Created' },
	consignmentUpdated: { type: 'ConsignmentUpdated', name: 'Consignment Updated' },
} as const;

export type Detection = 'auto' | 'events' | 'snapshot';

const STATE_VALUES = new Set(CONSIGNMENT_STATES.map((state) => state.value as string));

/** The watched states: a list of SortedPRO's state values and nothing else. */
function readStates(context: IPollFunctions): string[] {
	const states = context.getNodeParameter('states', []) as unknown;
	if (!Array.isArray(states) || states.length === 0) {
		throw new NodeOperationError(context.getNode(), '"States" is empty', {
			description: 'Pick at least one consignment state to watch, e.g. Allocation Failed.',
		});
	}
	for (const state of states) {
		if (typeof state !== 'string' || !STATE_VALUES.has(state)) {
			throw new NodeOperationError(
				context.getNode(),
				`"States" has ${String(JSON.stringify(state) ?? state).slice(0, 60)}, which is not a SortedPRO consignment state`,
				{ description: 'Pick the states from the list instead of setting them by an expression.' },
			);
		}
	}
	return [...new Set(states as string[])];
}

function eventOf(context: IPollFunctions): string {
	const event = String(context.getNodeParameter('event', 'consignmentEnteredState'));
	if (
		event === 'consignmentEnteredState' ||
		Object.prototype.hasOwnProperty.call(CONSIGNMENT_EVENTS, event)
	)
		return event;
	throw new NodeOperationError(
		context.getNode(),
		`"Event" ${JSON.stringify(event).slice(0, 60)} is not one the trigger knows`,
		{ description: 'Pick the Event from the list.' },
	);
}

const DETECTIONS: readonly string[] = ['auto', 'events', 'snapshot'];

function detectionOf(context: IPollFunctions): Detection {
	const detection = String(context.getNodeParameter('detection', 'auto'));
	if (DETECTIONS.includes(detection)) return detection as Detection;
	throw new NodeOperationError(
		context.getNode(),
		`"Detection" ${JSON.stringify(detection).slice(0, 60)} is not Auto, Events or Snapshot`,
		{ description: 'Pick the Detection from the list.' },
	);
}

/** Auto checks again this long after SortedPRO last had no events for the key. */
export const EVENTS_RECHECK_MS = 24 * 60 * 60_000;

export async function pollTrigger(context: IPollFunctions): Promise<INodeExecutionData[][] | null> {
	const event = eventOf(context);
	const entersState = event === 'consignmentEnteredState';
	const states = entersState ? readStates(context) : [];
	const detection: Detection = entersState ? detectionOf(context) : 'events';
	const budgetMs =
		typeof context.getPollBudgetMs === 'function' ? context.getPollBudgetMs() : 5 * 60_000;
	const deadline = Date.now() + Math.max(budgetMs - BUDGET_MARGIN_MS, budgetMs / 2);
	// Not paced: a rate-limit refusal counts as an attempt; and nothing outlasts the deadline.
	const request = await requestSettings(context, { deadline });
	const manual = context.getMode() === 'manual';
	const noticedAt = new Date().toISOString();
	const staticData = context.getWorkflowStaticData('node') as IDataObject;
	const memory = readMemory(staticData);

	const run = (mode: 'Events' | 'Snapshot'): PollRun => ({
		states,
		manual,
		deadline,
		request,
		event: (consignment, state) => ({
			json: {
				...consignment,
				ConsignmentReference: referenceOf(consignment),
				EnteredState: stateName(state),
				NoticedAt: noticedAt,
				Detection: mode,
			},
		}),
	});
	const save = (next: TriggerMemory) => {
		if (!manual) writeMemory(staticData, next);
	};
	const result = (items: INodeExecutionData[]) => (items.length ? [items] : null);

	const snapshot = async (next: TriggerMemory) => {
		const { items, seen } = await pollSnapshot(context, run('Snapshot'), memory);
		save({ ...next, seen });
		return result(items);
	};
	if (detection === 'snapshot') return await snapshot({});

	const source: EventSource = entersState
		? { kind: 'state', states }
		: { ...CONSIGNMENT_EVENTS[event as keyof typeof CONSIGNMENT_EVENTS], kind: 'consignment' };
	const unavailableSince = detection === 'auto' ? memory.eventsUnavailableSince : undefined;
	if (unavailableSince !== undefined) {
		// Auto found no events API for this key: Snapshot, and once a day a check for events.
		if (manual || Date.now() - unavailableSince < EVENTS_RECHECK_MS)
			return await snapshot({ eventsUnavailableSince: unavailableSince });
		let events: TriggerMemory['events'];
		try {
			// Where reading would start (the first poll's check of the events API).
			events = (await pollEvents(context, run('Events'), source, {})).events;
		} catch (error) {
			if (!eventsUnavailable(error)) throw asNodeError(context.getNode(), error);
			return await snapshot({ eventsUnavailableSince: Date.now() });
		}
		// Events answer now: this poll still compares snapshots, so that nothing since the last
		// one is missed; the next reads events from here.
		context.logger.warn(
			'SortedPRO Trigger: SortedPRO answers its events API for this key now: from the next poll on, this trigger reads events (Detection: Events)',
		);
		const { items } = await pollSnapshot(context, run('Snapshot'), memory);
		save({ events });
		return result(items);
	}

	try {
		const polled = await pollEvents(context, run('Events'), source, memory);
		save({ events: polled.events });
		return result(polled.items);
	} catch (error) {
		if (!eventsUnavailable(error)) throw asNodeError(context.getNode(), error);
		const status = (error as NodeApiError).httpCode;
		if (detection === 'events' || !entersState) {
			throw new NodeOperationError(
				context.getNode(),
				`SortedPRO has no events for this API key: it answered ${status} to the events API`,
				{
					description: entersState
						? 'Set Detection to Snapshot (or Auto), which compares the consignments in each state from poll to poll.'
						: 'This event needs SortedPRO\'s Events API. Ask Sorted to enable it for the account, or watch "Consignment Entered State" with Detection Snapshot.',
				},
			);
		}
		context.logger.warn(
			`SortedPRO Trigger: SortedPRO answered ${status} to its events API for this key, so this trigger compares the consignments in each state from poll to poll instead (Detection: Snapshot). It checks for events again once a day; set Detection to Events to use them only.`,
		);
		return await snapshot({ eventsUnavailableSince: Date.now() });
	}
}
