import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { sortedProItemFailure } from './errors';
import type { SortedProCallContext } from './errors';
import { ItemResults, forEachConcurrently } from './items';
import type { ItemOutput, ItemTask } from './items';
import { firstText, isRecord, listOf, referenceFromLink } from './lists';
import type { SortedProExchange } from '../transport';

export const DEFAULT_BATCH_SIZE = 100;
export const MAX_BATCH_SIZE = 1000;

export interface BatchTask extends ItemTask {
	consignmentReference: string;
}

export interface BatchOperation<Task extends BatchTask> {
	/** Reads and validates one item's parameters. */
	read(itemIndex: number): Task;
	/** Items with different keys (e.g. different service groups) cannot share one call. */
	batchKey?(task: Task): string;
	/** Sends one list call for these items and returns SortedPRO's answer. */
	send(tasks: Task[]): Promise<SortedProExchange>;
	/**
	 * For a consignment refused in a list call that had to be repeated after a lost
	 * answer: its output if the lost attempt did the work, else undefined (never throws).
	 */
	recover?(task: Task): Promise<ItemOutput | undefined>;
	/** What was done to one consignment, for its own failure. */
	itemContext(task: Task): SortedProCallContext;
	/** One consignment's output from its entry in the answer. */
	output(task: Task, result: Record<string, unknown>): Promise<ItemOutput>;
}

/**
 * The "Batch Size" option, and for operations that also have a one-consignment endpoint,
 * the "Send in Batches" switch. Lives in the operation's Options collection.
 */
export function batchOptions(canSendOneByOne: boolean): INodeProperties[] {
	const size: INodeProperties = {
		displayName: 'Batch Size',
		name: 'batchSize',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: MAX_BATCH_SIZE },
		default: DEFAULT_BATCH_SIZE,
		description: canSendOneByOne
			? 'With Send in Batches: how many consignments go into one call to SortedPRO'
			: 'How many consignments go into one call to SortedPRO',
	};
	if (!canSendOneByOne) return [size];
	return [
		{
			displayName: 'Send in Batches',
			name: 'sendInBatches',
			type: 'boolean',
			default: false,
			description:
				"Whether to send the items' consignment references to SortedPRO's list endpoint, many per call, instead of one call per item. Each consignment's result is still its own output item.",
		},
		size,
	];
}

/** Names the consignments of a list call in an error message, without listing hundreds. */
export function describeConsignments(tasks: BatchTask[]): string {
	const shown = tasks.slice(0, 3).map((task) => task.consignmentReference);
	const more = tasks.length - shown.length;
	const list = more > 0 ? `${shown.join(', ')} and ${more} more` : shown.join(', ');
	return tasks.length === 1 ? `consignment ${list}` : `${tasks.length} consignments (${list})`;
}

/** The consignment a list-answer entry is about, when the entry says so. */
function referenceOfResult(result: Record<string, unknown>): string | undefined {
	const named = firstText(result, ['ConsignmentReference', 'Reference']);
	if (named) return named;
	if (typeof result.Data === 'string' && result.Data.trim()) return result.Data.trim();
	if (isRecord(result.Data)) {
		const inData = firstText(result.Data, ['ConsignmentReference', 'Reference']);
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
function matchResults<Task extends BatchTask>(
	tasks: Task[],
	body: unknown,
): Array<Record<string, unknown> | undefined> {
	const results = listOf(body).filter(isRecord);
	const references = results.map(referenceOfResult);
	if (references.every((reference) => reference === undefined)) {
		return tasks.map((_task, index) => (results.length === tasks.length ? results[index] : undefined));
	}
	const used = new Set<number>();
	return tasks.map((task) => {
		const index = references.findIndex(
			(reference, candidate) => !used.has(candidate) && reference === task.consignmentReference,
		);
		if (index === -1) return undefined;
		used.add(index);
		return results[index];
	});
}

/**
 * Whether a list answer's entry reports success. A per-consignment result succeeded only
 * when its IsSuccess is exactly true ("false", 0 or a missing value are failures); an entry
 * that is an Allocation Summary instead (no IsSuccess) succeeded unless its StatusCode says
 * otherwise.
 */
function succeeded(result: Record<string, unknown>): boolean {
	if ('IsSuccess' in result) return result.IsSuccess === true;
	const status = result.StatusCode;
	return status === undefined || status === null || (Number(status) >= 200 && Number(status) < 300);
}

/** Splits tasks into list calls: same batch key, at most `size` each, in input order. */
function chunk<Task extends BatchTask>(tasks: Task[], size: number, key: (task: Task) => string): Task[][] {
	const groups = new Map<string, Task[]>();
	for (const task of tasks) {
		const group = groups.get(key(task)) ?? [];
		group.push(task);
		groups.set(key(task), group);
	}
	const calls: Task[][] = [];
	for (const group of groups.values()) {
		for (let start = 0; start < group.length; start += size) calls.push(group.slice(start, start + size));
	}
	return calls;
}

/**
 * Runs an operation through one of SortedPRO's list endpoints: the items' references are
 * sent in calls of up to `batchSize`, and each consignment's entry in the answer becomes
 * its own item's output, in input order. A consignment SortedPRO refused inside a
 * successful call, or left out of the answer, is an error for that item alone.
 */
export async function runInBatches<Task extends BatchTask>(
	context: IExecuteFunctions,
	items: INodeExecutionData[],
	operation: BatchOperation<Task>,
	batchSize: number,
	concurrency = 1,
): Promise<INodeExecutionData[]> {
	const results = new ItemResults(context, items.length);
	const tasks = results.readAll(operation.read);
	const node = context.getNode();

	await forEachConcurrently(chunk(tasks, batchSize, operation.batchKey ?? (() => '')), concurrency, async (call) => {
		let exchange: SortedProExchange;
		try {
			exchange = await operation.send(call);
		} catch (error) {
			for (const task of call) results.fail(task.itemIndex, error, task.consignmentReference);
			return;
		}
		const matched = matchResults(call, exchange.body);
		for (const [index, task] of call.entries()) {
			const result = matched[index];
			const itemContext = { ...operation.itemContext(task), itemIndex: task.itemIndex };
			if (!result) {
				results.fail(
					task.itemIndex,
					sortedProItemFailure(
						node,
						"SortedPRO's answer to the batch call had no result for this consignment, so it may or may not have been processed; check it in SortedPRO",
						itemContext,
					),
					task.consignmentReference,
				);
			} else if (!succeeded(result)) {
				const reason = typeof result.Message === 'string' ? result.Message.trim() : '';
				const recovered = exchange.answerLost ? await operation.recover?.(task) : undefined;
				if (recovered) results.succeed(task.itemIndex, recovered);
				else results.fail(task.itemIndex, sortedProItemFailure(node, reason, itemContext), task.consignmentReference);
			} else {
				try {
					results.succeed(task.itemIndex, await operation.output(task, result));
				} catch (error) {
					results.fail(task.itemIndex, error, task.consignmentReference);
				}
			}
		}
	});
	return results.toArray();
}
