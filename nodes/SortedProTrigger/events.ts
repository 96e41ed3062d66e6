/**
 * Detection by SortedPRO's events (shared/events.ts): each poll reads the events of the time
 * since the previous poll's window, in windows that follow each other without a gap, so every
 * entry into a watched state is reported once, however briefly the consignment stayed there.
 *
 * - A window ends SETTLE_MS before the poll: SortedPRO has then recorded what happened in it,
 *   and a SortedPRO clock up to that much behind this one loses nothing.
 * - A poll reads the time since the last one in MAX_WINDOWS_PER_POLL windows at most, each of
 *   WINDOW_MS or, when more time has passed (a daily poll, an outage), an equal share of it; at
 *   most MAX_LOOK_BACK_MS back. A window that fails is not counted as read: the poll reports the
 *   windows before it and the next poll reads it again.
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
import { MAX_MEMORY_BYTES, MAX_REMEMBERED_EVENT_IDS, memoryKey, newestWithin } from './memory';
import type { TriggerMemory } from './memory';
import { stateName } from '../shared/states';
import type { PollRun } from './run';

/** A window ends this long before the poll. */
export const SETTLE_MS = 30_000;
/** A window's length, unless more time has passed than MAX_WINDOWS_PER_POLL of them cover. */
export const WINDOW_MS = 15 * 60_000;
/** Windows (requests per watched state) a poll reads at the most. */
export const MAX_WINDOWS_PER_POLL = 24;
/** How far back a poll reads at the most (a trigger published again after a long pause). */
export const MAX_LOOK_BACK_MS = 7 * 24 * 60 * 60_000;
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

/**
 * Windows from `from` to `to` that follow each other without a gap: WINDOW_MS each, or longer
 * when that would take more than `most` of them, so that one poll covers the whole time.
 */
export function windowsBetween(
	from: number,
	to: number,
	most = MAX_WINDOWS_PER_POLL,
): EventWindow[] {
	const length = Math.max(WINDOW_MS, Math.ceil((to - from) / most));
	const windows: EventWindow[] = [];
	for (let start = from; start < to; start += length)
		windows.push({ start, end: Math.min(start + length, to) });
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
		// The documentation spells the route two ways: each is tried once, the one that answered
		// last time first.
		for (let tries = 1; ; tries++) {
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
				if (!eventsUnavailable(error) || tries === STATE_EVENT_ROUTES.length)
					throw asNodeError(context.getNode(), error);
				route = (route + 1) % STATE_EVENT_ROUTES.length;
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
		let skipped = 0;
		for (const { entry, state } of answer) {
			const reference = referenceOf(entry);
			// An entry that names no consignment cannot start a workflow about one.
			if (!reference) {
				skipped += 1;
				continue;
			}
			if (source.kind === 'state') {
				if (state !== undefined) items.push(run.event(entry as IDataObject, state));
				continue;
			}
			const { type, at } = eventDetailsOf(entry);
			// Only the type asked for; an event that says it is another is not taken for one.
			if (type !== undefined && type !== source.type) {
				skipped += 1;
				continue;
			}
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
		if (skipped > 0)
			context.logger.warn(
				`SortedPRO Trigger: ${skipped} of SortedPRO's events named no consignment or were of another type than asked for, and were not reported`,
			);
		return items;
	};

	if (run.manual) {
		// The newest window first, until there are enough to show.
		const items: INodeExecutionData[] = [];
		for (const window of windowsBetween(now - TEST_WINDOW_MS, now).reverse()) {
			if (items.length >= TEST_EVENT_COUNT) break;
			items.unshift(...itemsOf(await readWindow(window), new Set()));
		}
		return { items: items.slice(-TEST_EVENT_COUNT), events: memory.events ?? kept(readTo) };
	}
	if (!memory.events) {
		// The first poll only notes where reading starts: from then on every event is reported.
		// It asks for the last second, so that an account without events is known at once.
		await readWindow({ start: readTo - 1000, end: readTo });
		return { items: [], events: kept(readTo) };
	}

	const items: INodeExecutionData[] = [];
	// Never ahead of now (a clock set back), never more than MAX_LOOK_BACK_MS behind.
	let until = Math.min(memory.events.until, readTo);
	if (until < readTo - MAX_LOOK_BACK_MS) {
		context.logger.warn(
			`SortedPRO Trigger: the last poll read SortedPRO's events up to ${new Date(until).toISOString()}; events more than 7 days old are not read`,
		);
		until = readTo - MAX_LOOK_BACK_MS;
	}
	const readFrom = until;
	let ids = memory.events.ids ?? [];
	for (const window of windowsBetween(until, readTo)) {
		if (Date.now() >= run.deadline) break;
		let answer: Array<{ entry: Record<string, unknown>; state?: string }>;
		try {
			answer = await readWindow(window);
		} catch (error) {
			// Nothing read yet: the poll fails (and changes nothing). Otherwise the windows read
			// are reported, and this one is read again by the next poll.
			if (until === readFrom) throw asNodeError(context.getNode(), error);
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
