/**
 * Detection by SortedPRO's events (shared/events.ts): each poll reads the events of the time
 * since the previous poll's window, in windows that follow each other without a gap, so every
 * entry into a watched state is reported once, however briefly the consignment stayed there.
 *
 * - A window ends SETTLE_MS before the poll: SortedPRO has then recorded what happened in it,
 *   and a SortedPRO clock up to that much behind this one loses nothing.
 * - A poll reads at most MAX_WINDOWS_PER_POLL windows of at most WINDOW_MS each; the rest (after
 *   an outage) is read by the next polls. A window that fails is not counted as read: the poll
 *   reports the windows before it and the next poll reads it again.
 * - The documentation does not say whether a window's Start and End are included. Consignment
 *   events carry an EventId: those of the last window read are remembered, and one answered
 *   again is dropped. State events carry no id or time, so windows are sent end to start.
 */
import { NodeApiError } from 'n8n-workflow';
import type { IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';

import { referenceOf } from '../shared/consignments';
import {
	STATE_EVENT_ROUTES,
	eventDetailsOf,
	readConsignmentEvents,
	readStateEvents,
} from '../shared/events';
import { asNodeError } from '../shared/transport';
import type { ConsignmentEventType, EventWindow } from '../shared/events';
import {
	MAX_MEMORY_BYTES,
	MAX_REMEMBERED_EVENT_IDS,
	MAX_REMEMBERED_REFERENCE_LENGTH,
	memoryKey,
	newestWithin,
} from './memory';
import type { TriggerMemory } from './memory';
import { stateName } from '../shared/states';
import type { PollRun } from './run';

/** A window ends this long before the poll. */
export const SETTLE_MS = 30_000;
/** The longest window one request asks for. */
export const WINDOW_MS = 15 * 60_000;
/** Windows read per poll at the most: two hours of events. */
export const MAX_WINDOWS_PER_POLL = 8;
/** "Fetch Test Event" shows the events of the last hour, at most TEST_EVENT_COUNT of them. */
export const TEST_WINDOW_MS = 60 * 60_000;
export const TEST_EVENT_COUNT = 10;

/** What to read: state events for the watched states, or consignment events of one type. */
export type EventSource =
	| { kind: 'state'; states: string[] }
	| { kind: 'consignment'; type: ConsignmentEventType; name: string };

export interface EventsPoll {
	items: INodeExecutionData[];
	/** The memory to keep when the poll succeeded. */
	events: NonNullable<TriggerMemory['events']>;
}

/** SortedPRO has no events API for this account (or at this address): 404 or 501. */
export function eventsUnavailable(error: unknown): boolean {
	return error instanceof NodeApiError && ['404', '501'].includes(String(error.httpCode));
}

/** Windows of at most WINDOW_MS from `from` to `to`, MAX_WINDOWS_PER_POLL at most. */
export function windowsBetween(
	from: number,
	to: number,
	most = MAX_WINDOWS_PER_POLL,
): EventWindow[] {
	const windows: EventWindow[] = [];
	for (let start = from; start < to && windows.length < most; start += WINDOW_MS)
		windows.push({ start, end: Math.min(start + WINDOW_MS, to) });
	return windows;
}

/** The `at` of an event the answer gave, read as a time; 0 when it gives none. */
function eventTime(at: string | undefined): number {
	const time = at ? Date.parse(at) : NaN;
	return Number.isFinite(time) ? time : 0;
}

export async function pollEvents(
	context: IPollFunctions,
	run: PollRun,
	source: EventSource,
	memory: TriggerMemory,
): Promise<EventsPoll> {
	const now = Date.now();
	const readTo = now - SETTLE_MS;
	const noticedAt = new Date(now).toISOString();
	let route = memory.events?.route ?? 0;
	/** The memory to keep: where reading got to, and the route that answered. */
	const kept = (until: number, ids: string[] = []): EventsPoll['events'] => ({
		until,
		...(ids.length ? { ids } : {}),
		...(route ? { route } : {}),
	});

	/** One request: the consignment events of the window, or the entries into one state. */
	const read = async (window: EventWindow, state?: string): Promise<Record<string, unknown>[]> => {
		if (source.kind === 'consignment') {
			return await readConsignmentEvents(
				context,
				[source.type],
				window,
				{ action: `read SortedPRO's ${source.name} events`, notFound: "SortedPRO's events" },
				run.request,
			);
		}
		for (;;) {
			try {
				return await readStateEvents(
					context,
					STATE_EVENT_ROUTES[route],
					[state as string],
					window,
					{
						action: `read SortedPRO's events of consignments entering ${stateName(state as string)}`,
						notFound: "SortedPRO's state events",
					},
					run.request,
				);
			} catch (error) {
				// The documentation spells the route two ways: the other one is tried once.
				if (!eventsUnavailable(error) || route === STATE_EVENT_ROUTES.length - 1)
					throw asNodeError(context.getNode(), error);
				route += 1;
			}
		}
	};
	/**
	 * A window's events: the consignment events, or the entries into each watched state, one
	 * request per state. A state event's ConsignmentState is the consignment's state now (SDK
	 * ConsignmentPayload), which may be a later one: the state entered is the one asked for.
	 */
	const readWindow = async (
		window: EventWindow,
	): Promise<Array<{ entry: Record<string, unknown>; state?: string }>> => {
		if (source.kind === 'consignment') return (await read(window)).map((entry) => ({ entry }));
		const entries: Array<{ entry: Record<string, unknown>; state?: string }> = [];
		for (const state of source.states)
			for (const entry of await read(window, state)) entries.push({ entry, state });
		return entries;
	};

	const itemsOf = (
		answer: Array<{ entry: Record<string, unknown>; state?: string }>,
		seenIds: Set<string>,
	) => {
		const items: INodeExecutionData[] = [];
		for (const { entry, state } of answer) {
			const reference = referenceOf(entry);
			// An entry that names no consignment, or one far longer than SortedPRO's, is not one.
			if (!reference || reference.length > MAX_REMEMBERED_REFERENCE_LENGTH) continue;
			if (source.kind === 'state') {
				if (state !== undefined) items.push(run.event(entry as IDataObject, state));
				continue;
			}
			const { type, at } = eventDetailsOf(entry);
			// Only the type asked for; an event that says it is another is not taken for one.
			if (type !== undefined && type !== source.type) continue;
			const id = typeof entry.EventId === 'string' ? memoryKey(entry.EventId) : '';
			if (id) {
				if (seenIds.has(id)) continue;
				seenIds.add(id);
			}
			items.push({
				json: {
					...(entry as IDataObject),
					ConsignmentReference: reference,
					Event: source.name,
					EventDate: at ?? null,
					NoticedAt: noticedAt,
				},
			});
		}
		return items;
	};

	if (run.manual) {
		const answer = await readWindow({ start: now - TEST_WINDOW_MS, end: now });
		const items = itemsOf(answer, new Set());
		return { items: items.slice(-TEST_EVENT_COUNT), events: memory.events ?? kept(readTo) };
	}
	if (!memory.events) {
		// The first poll only notes where reading starts: from then on every event is reported.
		// It asks for the last second, so that an account without events is known at once.
		await readWindow({ start: readTo - 1000, end: readTo });
		return { items: [], events: kept(readTo) };
	}

	const items: INodeExecutionData[] = [];
	let until = memory.events.until;
	let ids = memory.events.ids ?? [];
	for (const window of windowsBetween(until, readTo)) {
		if (Date.now() >= run.deadline) break;
		let answer: Array<{ entry: Record<string, unknown>; state?: string }>;
		try {
			answer = await readWindow(window);
		} catch (error) {
			// Nothing read yet: the poll fails (and changes nothing). Otherwise the windows read
			// are reported, and this one is read again by the next poll.
			if (items.length === 0 && until === memory.events.until)
				throw asNodeError(context.getNode(), error);
			context.logger.warn(
				`SortedPRO Trigger: events from ${new Date(window.start).toISOString()} on could not be read this poll and are read again by the next one`,
			);
			break;
		}
		const seenIds = new Set(ids);
		const fresh = itemsOf(answer, seenIds);
		items.push(...fresh);
		// The ids of this window's events (newest last), to drop them if the next window repeats one.
		ids = newestWithin(
			answer
				.map(({ entry }) => entry)
				.filter((entry) => typeof entry.EventId === 'string')
				.sort((a, b) => eventTime(eventDetailsOf(a).at) - eventTime(eventDetailsOf(b).at))
				.map((entry) => memoryKey(entry.EventId as string))
				.slice(-MAX_REMEMBERED_EVENT_IDS),
			MAX_MEMORY_BYTES / 2,
		);
		until = window.end;
	}
	return { items, events: kept(until, ids) };
}
