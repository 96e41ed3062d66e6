/**
 * Pure helpers for SortedPRO's list calls: splitting items into calls, and finding each
 * consignment's entry in the answer. No requests, no n8n.
 */
import { referenceOf } from '../../shared/consignments';
import { isRecord, listOf, referenceFromLink } from '../../shared/lists';

/** What a list call needs of an item: which consignment it is about. */
export interface ConsignmentTask {
	itemIndex: number;
	consignmentReference: string;
}

/** Names the consignments of a list call in an error message, without listing hundreds. */
export function describeConsignments(tasks: ConsignmentTask[]): string {
	const shown = tasks.slice(0, 3).map((task) => task.consignmentReference);
	const more = tasks.length - shown.length;
	const list = more > 0 ? `${shown.join(', ')} and ${more} more` : shown.join(', ');
	return tasks.length === 1 ? `consignment ${list}` : `${tasks.length} consignments (${list})`;
}

/** The consignment a list-answer entry is about, when the entry says so. */
export function referenceOfResult(result: Record<string, unknown>): string | undefined {
	const named = referenceOf(result);
	if (named) return named;
	if (typeof result.Data === 'string' && result.Data.trim()) return result.Data.trim();
	if (isRecord(result.Data)) {
		const inData = referenceOf(result.Data);
		if (inData) return inData;
	}
	const links = Array.isArray(result.ApiLinks) ? result.ApiLinks : [];
	for (const link of links) {
		const fromLink = isRecord(link) ? referenceFromLink(link.Href) : undefined;
		if (fromLink) return fromLink;
	}
	return undefined;
}

/**
 * Pairs each item of a list call with its entry in SortedPRO's answer: by the reference
 * the entry names, and by position only when no entry names one and the counts match.
 * An item with no entry gets undefined, and is reported, never dropped.
 */
export function matchResults(
	tasks: ConsignmentTask[],
	body: unknown,
): Array<Record<string, unknown> | undefined> {
	const results = listOf(body).filter(isRecord);
	const references = results.map(referenceOfResult);
	if (references.every((reference) => reference === undefined)) {
		return tasks.map((_task, index) =>
			results.length === tasks.length ? results[index] : undefined,
		);
	}
	const used = new Set<number>();
	// SortedPRO's references are upper case; a reference typed in lower case is the same one.
	const same = (a: string | undefined, b: string) => a?.toUpperCase() === b.toUpperCase();
	return tasks.map((task) => {
		const index = references.findIndex(
			(reference, candidate) => !used.has(candidate) && same(reference, task.consignmentReference),
		);
		if (index === -1) return undefined;
		used.add(index);
		return results[index];
	});
}

/** SortedPRO's OperationStatus (SDK Enums.OperationStatus), by name or by number. */
const OPERATION_SUCCESS = ['Success', 0];
const OPERATION_STATUSES = ['Success', 'Failed', 'NotFound', 0, 1, 2];

const isSuccessCode = (code: unknown) =>
	code === undefined || code === null || (Number(code) >= 200 && Number(code) < 300);

/**
 * Whether a list answer's entry reports success. A per-consignment result succeeded only
 * when its IsSuccess is exactly true ("false", 0 or a missing value are failures); a
 * DispatchResponse (an OperationStatus `Status`) only when that is Success and its
 * HttpStatusCode, if any, is 2xx; an entry that is an Allocation Summary (neither) succeeded
 * unless its StatusCode says otherwise.
 */
export function succeeded(result: Record<string, unknown>): boolean {
	if ('IsSuccess' in result) return result.IsSuccess === true;
	if (OPERATION_STATUSES.includes(result.Status as string | number))
		return (
			OPERATION_SUCCESS.includes(result.Status as string | number) &&
			isSuccessCode(result.HttpStatusCode)
		);
	return isSuccessCode(result.StatusCode);
}

/** Splits tasks into list calls: same batch key, at most `size` each, in input order. */
export function chunk<Task>(tasks: Task[], size: number, key: (task: Task) => string): Task[][] {
	const groups = new Map<string, Task[]>();
	for (const task of tasks) {
		const group = groups.get(key(task)) ?? [];
		group.push(task);
		groups.set(key(task), group);
	}
	const calls: Task[][] = [];
	for (const group of groups.values()) {
		for (let start = 0; start < group.length; start += size)
			calls.push(group.slice(start, start + size));
	}
	return calls;
}
