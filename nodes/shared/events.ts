/**
 * SortedPRO's Events API, as the SDK reference documents it (pro-sdk/reference/ref-webhooks,
 * WebHooksService; the API introduction's "Events – Searches for specified consignment
 * events"). No page of the documentation has an example request or answer, and none says how
 * answers are paged, how long a window may be, or whether Start and End are included: the
 * node asks for short windows, reads both answers tolerantly and refuses anything else.
 *
 * - State events: `POST /events/consignmentstateevents` (the SDK's route; the events page
 *   writes `/events/consignments/stateevents`) with a ConsignmentStateEventRequest
 *   `{ ConsignmentStates, Start, End }`, answered by a bare list of ConsignmentPayload (a
 *   consignment that entered one of those states in the window: ConsignmentReference,
 *   ConsignmentReferenceProvidedByCustomer, ConsignmentState, tracking and service).
 * - Consignment events: `POST /events/consignments` with a ConsignmentEventRequest
 *   `{ EventTypes, Start, End }`, answered by a ConsignmentEventPayloadResponse
 *   `{ Events: [ConsignmentEventPayload] }` (EventId, ConsignmentReference, ..., EventDetails
 *   `{ EventType, Message, EventDate, User }`).
 */
import { isRecord } from './lists';
import { sortedProAnswerError, sortedProApiRequest } from './transport';
import type { RequestContext, RequestSettings, SortedProCallContext } from './transport';

/** The state events' routes: the SDK's first, then the events page's spelling. */
export const STATE_EVENT_ROUTES = [
	'/events/consignmentstateevents',
	'/events/consignments/stateevents',
] as const;
export const CONSIGNMENT_EVENT_ROUTE = '/events/consignments';

/** SortedPRO's ConsignmentEventType (ref-webhooks Enums.ConsignmentEventType), sent by name. */
export const CONSIGNMENT_EVENT_TYPES = [
	'ConsignmentCreated',
	'ConsignmentUpdated',
	'LabelsPrinted',
	'PackageAdded',
	'PackageRemoved',
	'PackageUpdated',
	'Rescheduled',
] as const;
export type ConsignmentEventType = (typeof CONSIGNMENT_EVENT_TYPES)[number];

/** A time window, as SortedPRO's DateTimeOffset in ISO 8601 (UTC). */
export interface EventWindow {
	start: number;
	end: number;
}

const iso = (time: number) => new Date(time).toISOString();

function notAnEventsAnswer(context: RequestContext, about: SortedProCallContext, shape: string) {
	return sortedProAnswerError(context.getNode(), 200, `JSON that is not ${shape}`, about);
}

/**
 * The consignments that entered one of `states` in `window` (ConsignmentPayload). An answer
 * that is not a list of objects is an error, never "none".
 */
export async function readStateEvents(
	context: RequestContext,
	route: (typeof STATE_EVENT_ROUTES)[number],
	states: readonly string[],
	window: EventWindow,
	about: SortedProCallContext,
	request: RequestSettings,
): Promise<Record<string, unknown>[]> {
	const answer = await sortedProApiRequest.call(
		context,
		{
			method: 'POST',
			path: route,
			body: { ConsignmentStates: [...states], Start: iso(window.start), End: iso(window.end) },
		},
		about,
		request,
	);
	if (!Array.isArray(answer) || !answer.every(isRecord))
		throw notAnEventsAnswer(context, about, 'a list of consignment state events');
	return answer;
}

/** The consignment events of `types` in `window` (ConsignmentEventPayload). */
export async function readConsignmentEvents(
	context: RequestContext,
	types: readonly ConsignmentEventType[],
	window: EventWindow,
	about: SortedProCallContext,
	request: RequestSettings,
): Promise<Record<string, unknown>[]> {
	const answer = await sortedProApiRequest.call(
		context,
		{
			method: 'POST',
			path: CONSIGNMENT_EVENT_ROUTE,
			body: { EventTypes: [...types], Start: iso(window.start), End: iso(window.end) },
		},
		about,
		request,
	);
	// Documented as { Events: [...] }; the SDK's endpoint attribute names a bare list, so a
	// bare list of events is read too.
	const events = isRecord(answer) ? answer.Events : answer;
	if (!Array.isArray(events) || !events.every(isRecord))
		throw notAnEventsAnswer(context, about, 'a consignment events answer ({ "Events": [...] })');
	return events;
}

/** An event's type and time (ConsignmentEventPayload.EventDetails), when it says them. */
export function eventDetailsOf(event: Record<string, unknown>): {
	type?: string;
	at?: string;
} {
	const details = isRecord(event.EventDetails) ? event.EventDetails : {};
	return {
		type: typeof details.EventType === 'string' ? details.EventType : undefined,
		at: typeof details.EventDate === 'string' ? details.EventDate : undefined,
	};
}
