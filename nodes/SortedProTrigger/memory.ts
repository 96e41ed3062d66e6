/**
 * What the trigger remembers between polls: for each watched state, the consignments that
 * were in it at the previous poll. Pure, so the rules can be tested on their own.
 */

/** At most this many consignments are remembered per state; the oldest are dropped first. */
export const MAX_REMEMBERED_PER_STATE = 5000;

/** Kept in the workflow's static data (n8n stores it with the workflow). */
export interface TriggerMemory {
	/** State filter value → references in that state at the previous poll, oldest first. */
	seen?: Record<string, string[]>;
}

export interface StateChanges {
	/** References that entered the state since the previous poll, in the order SortedPRO listed them. */
	entered: string[];
	/** What to remember for the next poll. */
	remember: string[];
}

/**
 * Compares one state's consignments now with the previous poll's.
 *
 * - First poll (nothing remembered): records the current consignments, reports none.
 * - Complete read: every current consignment not seen last time has entered the state; the
 *   current list is what is remembered (one that leaves and comes back is reported again).
 * - Partial read (the page limit or the time budget cut it short): the unread part is not
 *   known to have left, so earlier references are kept beside the new ones.
 */
export function compareState(
	previous: string[] | undefined,
	current: string[],
	complete: boolean,
	max = MAX_REMEMBERED_PER_STATE,
): StateChanges {
	const unique = [...new Set(current)];
	if (previous === undefined) return { entered: [], remember: unique.slice(-max) };
	const before = new Set(previous);
	const entered = unique.filter((reference) => !before.has(reference));
	if (complete) return { entered, remember: unique.slice(-max) };
	const now = new Set(unique);
	// Oldest first: earlier references that were not read this time, then the current ones.
	const remember = [...previous.filter((reference) => !now.has(reference)), ...unique];
	return { entered, remember: remember.slice(-max) };
}
