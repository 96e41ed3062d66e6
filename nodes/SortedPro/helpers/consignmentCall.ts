/**
 * The one runner for operations on consignments. An operation describes itself once (a
 * ConsignmentCall: how to read an item, its one-consignment and/or list request, what
 * SortedPRO's answer becomes); the runner does the rest, top to bottom: read every item,
 * send one request per item or list calls, recover where a lost answer means the work was
 * already done, and collect exactly one outcome per item, in input order.
 */
import type { IExecuteFunctions, INodeExecutionData, NodeApiError } from 'n8n-workflow';

import { chunk, describeConsignments, matchResults, succeeded } from './batch';
import type { ConsignmentTask } from './batch';
import { consignmentReference, typedConsignmentReference } from './fields';
import { ItemResults, forEachConcurrently } from './items';
import type { ItemOutput } from './items';
import { isRecord, withConsignmentReference } from './lists';
import { readRunSettings } from './settings';
import type { CallShape } from './settings';
import { answerWasLost, sortedProApiExchange, sortedProPath } from '../transport';
import type { SortedProCallContext, SortedProExchange, SortedProRequest } from '../transport';
import { sortedProItemFailure } from '../transport/errors';

export type { ConsignmentTask };

/** An operation on consignments, described once. */
export interface ConsignmentCall<Task extends ConsignmentTask = ConsignmentTask> {
	/** Reads and checks an item's parameters; by default just its Consignment Reference. */
	read?(context: IExecuteFunctions, itemIndex: number): Task;
	/** What is being done, for messages: (`consignment EC-1` or `3 consignments (…)`, task) => `allocate … with …` */
	action(subject: string, task: Task): string;
	/** What a 404 means, e.g. `consignment EC-1 or service group NEXTDAY` */
	notFound?(subject: string, task: Task): string;
	/** The state rule shown when SortedPRO refuses because of a consignment's state. */
	stateRule?: string;
	/** The request for one consignment, when SortedPRO has such an endpoint. */
	single?(task: Task): SortedProRequest;
	/** The request for many consignments, when SortedPRO has a list endpoint. */
	list?(tasks: Task[]): SortedProRequest;
	/** Items with different keys (e.g. different service groups) cannot share a list call. */
	batchKey?(task: Task): string;
	/** The item's output from the one-consignment answer or its entry in the list answer. */
	output?(
		context: IExecuteFunctions,
		task: Task,
		answer: unknown,
	): ItemOutput | Promise<ItemOutput>;
	/**
	 * The states a consignment is in once this operation has succeeded. When a retried
	 * request is refused after an earlier attempt's answer was lost, the consignment is
	 * read: if it is in one of these states, the first attempt did the work, and the item
	 * succeeds with `recoveredAfterRetry: true` instead of failing.
	 */
	doneStates?: string[];
	/**
	 * An allocation: offers "If Already Allocated". With Return Current Allocation, a
	 * consignment SortedPRO refuses because it is Allocated already is a success with its
	 * current carrier and service and `alreadyAllocated: true`, so a crashed run can be run again.
	 */
	allocates?: boolean;
}

/** One call per item, per item or in batches, or always in batches: follows from what the call defines. */
export function callShape(call: Pick<ConsignmentCall, 'single' | 'list'>): CallShape {
	if (call.single && call.list) return 'perItemOrBatches';
	if (call.list) return 'batches';
	return 'perItem';
}

/** The consignment's state as SortedPRO reports it, in whichever field it uses. */
function stateOf(consignment: unknown): string | undefined {
	if (!isRecord(consignment)) return undefined;
	const state = consignment.State ?? consignment.ConsignmentState ?? consignment.Status;
	return typeof state === 'string' ? state : undefined;
}

export async function runConsignmentCall<Task extends ConsignmentTask>(
	context: IExecuteFunctions,
	items: INodeExecutionData[],
	call: ConsignmentCall<Task>,
): Promise<INodeExecutionData[]> {
	const settings = await readRunSettings(context);
	const node = context.getNode();

	// 1. Read every item before anything is sent: bad input fails here, naming field and item.
	const results = new ItemResults(context, items.length, (itemIndex) =>
		typedConsignmentReference(context, itemIndex),
	);
	const read =
		call.read ??
		((_context: IExecuteFunctions, itemIndex: number) =>
			({ itemIndex, consignmentReference: consignmentReference.read(context, itemIndex) }) as Task);
	const tasks = results.readAll((itemIndex) => read(context, itemIndex));

	// What the messages say about a call or one item of it.
	const callContext = (subject: string, task: Task, itemIndex?: number): SortedProCallContext => ({
		action: call.action(subject, task),
		notFound: call.notFound?.(subject, task) ?? subject,
		stateRule: call.stateRule,
		itemIndex,
	});
	const itemContext = (task: Task): SortedProCallContext => ({
		...callContext(`consignment ${task.consignmentReference}`, task, task.itemIndex),
		consignmentReference: task.consignmentReference,
	});
	const send = async (
		request: SortedProRequest,
		about: SortedProCallContext,
	): Promise<SortedProExchange> =>
		await sortedProApiExchange.call(context, request, about, settings.request);
	const output = async (task: Task, answer: unknown): Promise<ItemOutput> =>
		call.output
			? await call.output(context, task, answer)
			: withConsignmentReference(answer, task.consignmentReference);

	/**
	 * Is the consignment already where this operation would put it? Then the item is a
	 * success marked with `flag`. Undefined when it is not, or when the check itself
	 * fails: SortedPRO's refusal is then the error to report.
	 */
	const alreadyDone = async (task: Task, flag: string): Promise<ItemOutput | undefined> => {
		if (!call.doneStates) return undefined;
		const checked = {
			...itemContext(task),
			action: `check the state of consignment ${task.consignmentReference}`,
		};
		const body = await send(
			{ method: 'GET', path: sortedProPath`/consignments/${task.consignmentReference}` },
			checked,
		)
			.then((exchange) => exchange.body)
			.catch(() => undefined);
		const state = stateOf(body);
		if (!state || !call.doneStates.includes(state)) return undefined;
		return { ...withConsignmentReference(body, task.consignmentReference), [flag]: true };
	};

	/**
	 * After SortedPRO refused an item: was the work done before? Either an earlier attempt
	 * whose answer was lost did it, or (If Already Allocated: Return Current Allocation) the
	 * consignment was allocated already when the run started.
	 */
	const doneBefore = async (task: Task, answerLost: boolean): Promise<ItemOutput | undefined> => {
		if (answerLost) return await alreadyDone(task, 'recoveredAfterRetry');
		if (call.allocates && settings.returnCurrentAllocation)
			return await alreadyDone(task, 'alreadyAllocated');
		return undefined;
	};

	// 2a. List calls: up to Batch Size consignments a call, each entry its own item's outcome.
	const { single, list } = call;
	if (list && (settings.sendInBatches || !single)) {
		const calls = chunk(tasks, settings.batchSize, call.batchKey ?? (() => ''));
		await forEachConcurrently(calls, settings.concurrency, async (batch) => {
			let exchange: SortedProExchange;
			try {
				exchange = await send(
					list(batch),
					callContext(describeConsignments(batch), batch[0], batch[0].itemIndex),
				);
			} catch (error) {
				for (const task of batch) results.fail(task.itemIndex, error, task.consignmentReference);
				return;
			}
			const entries = matchResults(batch, exchange.body);
			for (const [index, task] of batch.entries()) {
				const entry = entries[index];
				if (!entry) {
					const reason =
						"SortedPRO's answer to the batch call had no result for this consignment, so it may or may not have been processed; check it in SortedPRO";
					results.fail(
						task.itemIndex,
						sortedProItemFailure(node, reason, itemContext(task)),
						task.consignmentReference,
					);
				} else if (!succeeded(entry)) {
					const reason = typeof entry.Message === 'string' ? entry.Message.trim() : '';
					const recovered = await doneBefore(task, exchange.answerLost);
					if (recovered) results.succeed(task.itemIndex, recovered);
					else
						results.fail(
							task.itemIndex,
							sortedProItemFailure(node, reason, itemContext(task)),
							task.consignmentReference,
						);
				} else {
					try {
						results.succeed(task.itemIndex, await output(task, entry));
					} catch (error) {
						results.fail(task.itemIndex, error, task.consignmentReference);
					}
				}
			}
		});
		return results.toArray();
	}

	// 2b. One request per item.
	if (!single) throw new Error('A consignment call needs a single or a list request');
	await forEachConcurrently(tasks, settings.concurrency, async (task) => {
		try {
			const { body } = await send(single(task), itemContext(task));
			results.succeed(task.itemIndex, await output(task, body));
		} catch (error) {
			// Only a refusal (4xx) can mean "already done".
			const refused = /^4/.test(String((error as NodeApiError).httpCode));
			const recovered = refused ? await doneBefore(task, answerWasLost(error)) : undefined;
			if (recovered) results.succeed(task.itemIndex, recovered);
			else results.fail(task.itemIndex, error, task.consignmentReference);
		}
	});
	return results.toArray();
}
