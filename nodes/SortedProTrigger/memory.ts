/**
 * What the trigger remembers between polls, in the workflow's static data (n8n saves it with
 * the workflow after every poll, so it is bounded in bytes): for Snapshot, the consignments in
 * each watched state at the previous poll; for Events, how far SortedPRO's events were read.
 * Pure, so the rules can be tested on their own.
 */

/** All the trigger remembers, at most, in bytes of JSON (both modes together). */
export const MAX_MEMORY_BYTES = 256 * 1024;
/**
 * A reference longer than this is remembered by a hash of it: SortedPRO's references
 * ("EC-000-05B-MMA") are far shorter, so only a foreign value is ever that long.
 */
export const MAX_REMEMBERED_REFERENCE_LENGTH = 64;
/** Event ids remembered from the last window read, to drop an event answered twice. */
export const MAX_REMEMBERED_EVENT_IDS = 2000;

/** Kept in the workflow's static data. */
export interface TriggerMemory {
	/** Snapshot: state value → references in that state at the previous poll, oldest first. */
	seen?: Record<string, string[]>;
	/**
	 * Events: the end of the last window read (ms since 1970), the ids of the events of that
	 * window, and which of the state events' documented routes answered (shared/events.ts).
	 */
	events?: { until: number; ids?: string[]; route?: number };
	/** Events: SortedPRO answered 404 or 501 for its events at this time (ms); Snapshot is used. */
	eventsUnavailableSince?: number;
}

const isStringList = (value: unknown): value is string[] =>
	Array.isArray(value) && value.every((entry) => typeof entry === 'string');

/**
 * The memory as it can be trusted: static data is whatever was saved (by an older version, or
 * edited by hand); anything not in the expected shape is left out, so a poll never breaks on it.
 */
export function readMemory(staticData: Record<string, unknown>): TriggerMemory {
	const memory: TriggerMemory = {};
	const seen = staticData.seen;
	if (typeof seen === 'object' && seen !== null && !Array.isArray(seen)) {
		// No prototype: a saved "__proto__" or "constructor" is a key like any other, never a method.
		memory.seen = Object.create(null) as Record<string, string[]>;
		for (const [state, references] of Object.entries(seen))
			if (isStringList(references)) memory.seen[state] = references;
	}
	const events = staticData.events as TriggerMemory['events'] | undefined;
	if (typeof events === 'object' && events !== null && Number.isFinite(events.until)) {
		memory.events = { until: events.until };
		if (isStringList(events.ids))
			memory.events.ids = newestWithin(
				events.ids.slice(-MAX_REMEMBERED_EVENT_IDS).map(memoryKey),
				MAX_MEMORY_BYTES / 2,
			);
		if (events.route === 1) memory.events.route = 1;
	}
	if (Number.isFinite(staticData.eventsUnavailableSince))
		memory.eventsUnavailableSince = staticData.eventsUnavailableSince as number;
	return memory;
}

/** Writes the memory into static data, replacing what the trigger kept there before. */
export function writeMemory(staticData: Record<string, unknown>, memory: TriggerMemory): void {
	for (const key of ['seen', 'events', 'eventsUnavailableSince']) delete staticData[key];
	Object.assign(staticData, memory);
}

/** One of the watched states' remembered list, as an own property only. */
export function rememberedIn(memory: TriggerMemory, state: string): string[] | undefined {
	const seen = memory.seen;
	return seen && Object.prototype.hasOwnProperty.call(seen, state) ? seen[state] : undefined;
}

/** FNV-1a, 64 bits as two 32-bit halves: a short, stable stand-in for a long value. */
function hash(text: string): string {
	let low = 0x84222325;
	let high = 0xcbf29ce4;
	for (let index = 0; index < text.length; index++) {
		low = (low ^ text.charCodeAt(index)) >>> 0;
		// Multiply by the FNV prime 0x100000001b3, keeping 64 bits.
		const lowTimes = low * 0x1b3;
		const carry = Math.floor(lowTimes / 0x100000000);
		high = (Math.imul(high, 0x1b3) + Math.imul(low, 0x100) + carry) >>> 0;
		low = lowTimes >>> 0;
	}
	return high.toString(16).padStart(8, '0') + low.toString(16).padStart(8, '0');
}

/** How a reference is remembered: itself, or "#" and a hash when it is longer than any of SortedPRO's. */
export function memoryKey(reference: string): string {
	return reference.length > MAX_REMEMBERED_REFERENCE_LENGTH ? `#${hash(reference)}` : reference;
}

/** Bytes of one remembered entry in the saved JSON: the quoted text and a comma. */
const entryBytes = (key: string) => Buffer.byteLength(JSON.stringify(key)) + 1;

/** The newest entries of `keys` (oldest first) that fit in `maxBytes`. */
export function newestWithin(keys: string[], maxBytes: number): string[] {
	let bytes = 0;
	let first = keys.length;
	while (first > 0 && bytes + entryBytes(keys[first - 1]) <= maxBytes) {
		first -= 1;
		bytes += entryBytes(keys[first]);
	}
	return keys.slice(first);
}

export interface StateChanges {
	/** Keys that entered the state since the previous poll, in the order SortedPRO listed them. */
	entered: string[];
	/** What to remember for the next poll. */
	remember: string[];
}

/**
 * Compares one state's consignments (their memory keys) now with the previous poll's.
 *
 * - First poll (nothing remembered): records the current consignments, reports none.
 * - Complete read: every current consignment not seen last time has entered the state; the
 *   current list is what is remembered (one that leaves and comes back is reported again).
 * - Partial read (the page limit or the time budget cut it short): the unread part is not
 *   known to have left, so earlier references are kept beside the new ones.
 *
 * What is remembered keeps to `maxBytes`, dropping the oldest first.
 */
export function compareState(
	previous: string[] | undefined,
	current: string[],
	complete: boolean,
	maxBytes: number,
): StateChanges {
	const unique = [...new Set(current)];
	if (previous === undefined) return { entered: [], remember: newestWithin(unique, maxBytes) };
	const before = new Set(previous);
	const entered = unique.filter((reference) => !before.has(reference));
	if (complete) return { entered, remember: newestWithin(unique, maxBytes) };
	const now = new Set(unique);
	// Oldest first: earlier references that were not read this time, then the current ones.
	const remember = [...previous.filter((reference) => !now.has(reference)), ...unique];
	return { entered, remember: newestWithin(remember, maxBytes) };
}
