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
import { firstText, isRecord, withConsignmentReference } from './lists';
import { recovery } from './readBack';
import { readRunSettings } from './settings';
import type { CallShape } from './settings';
import { answerWasLost, sortedProApiExchange } from '../transport';
import type { SortedProCallContext, SortedProExchange, SortedProRequest } from '../transport';
import { isStateRefusal, refusedForState, sortedProItemFailure } from '../transport/errors';

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
	 * consignment SortedPRO refuses because of its state, and that reads back as Allocated with
	 * a carrier service, is a success with its current carrier and service and
	 * `alreadyAllocated: true`, so a crashed run can be run again.
	 */
	allocates?: boolean;
	/**
	 * What to do when SortedPRO may have acted although no answer came (a 502, 504, reset or
	 * timeout), for calls where "run the workflow again" could do harm (a manifest transmits to
	 * the carriers). Without it, the transport's advice stands.
	 */
	ifAnswerLost?: string;
	/**
	 * The field the item's output marks success with (`Deallocated`, `Cancelled`), which a
	 * consignment found already done carries too, so that later nodes route it the same way.
	 */
	doneFlag?: string;
	/**
	 * SortedPRO documents 202 Accepted for this call (allocations, deallocate, manifest): the
	 * item then succeeds with `Accepted: true` and the state the consignment reads back in, and
	 * is never sent again.
	 */
	acceptedLater?: boolean;
}

/** One call per item, per item or in batches, or always in batches: follows from what the call defines. */
export function callShape(call: Pick<ConsignmentCall, 'single' | 'list'>): CallShape {
	if (call.single && call.list) return 'perItemOrBatches';
	if (call.list) return 'batches';
	return 'perItem';
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
	const { ifAnswerLost } = call;
	const callContext = (subject: string, task: Task, itemIndex?: number): SortedProCallContext => ({
		action: call.action(subject, task),
		notFound: call.notFound?.(subject, task) ?? subject,
		stateRule: call.stateRule,
		ifAnswerLost,
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
		await sortedProApiExchange.call(
			context,
			{ ...request, acceptedLater: call.acceptedLater },
			about,
			settings.request,
		);
	const output = async (task: Task, answer: unknown): Promise<ItemOutput> =>
		call.output
			? await call.output(context, task, answer)
			: {
					...(call.doneFlag ? { [call.doneFlag]: true } : {}),
					...withConsignmentReference(answer, task.consignmentReference),
				};

	const { doneBefore, accepted } = recovery(context, call, settings, itemContext);

	/**
	 * One consignment's result (a list call's entry, or a one-consignment call's answer read
	 * as one): its output when it succeeded; otherwise, unless the work was done before, its error.
	 */
	const settle = async (
		task: Task,
		entry: Record<string, unknown> | undefined,
		answerLost: boolean,
		inBatch: boolean,
	): Promise<void> => {
		if (entry && succeeded(entry)) {
			try {
				results.succeed(task.itemIndex, await output(task, entry));
			} catch (error) {
				results.fail(task.itemIndex, error, task.consignmentReference);
			}
			return;
		}
		// A per-consignment result says why in Message, an Allocation Summary in Description.
		const reason = entry
			? firstText(entry, ['Message', 'Description'])
			: inBatch
				? "SortedPRO's answer to the batch call had no result for this consignment, so it may or may not have been processed; check it in SortedPRO"
				: "SortedPRO's answer had no result for this consignment";
		const recovered = entry
			? await doneBefore(task, answerLost, isStateRefusal(reason))
			: undefined;
		if (recovered) results.succeed(task.itemIndex, recovered);
		else
			results.fail(
				task.itemIndex,
				sortedProItemFailure(node, reason, itemContext(task), inBatch),
				task.consignmentReference,
			);
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
			if (exchange.accepted) {
				for (const task of batch) results.succeed(task.itemIndex, await accepted(task));
				return;
			}
			const entries = matchResults(batch, exchange.body);
			for (const [index, task] of batch.entries())
				await settle(task, entries[index], exchange.answerLost, true);
		});
		return results.toArray();
	}

	// 2b. One request per item.
	if (!single) throw new Error('A consignment call needs a single or a list request');
	await forEachConcurrently(tasks, settings.concurrency, async (task) => {
		try {
			const exchange = await send(single(task), itemContext(task));
			if (exchange.accepted) {
				results.succeed(task.itemIndex, await accepted(task));
				return;
			}
			// An allocation's answer is its Allocation Summary; a deallocation's or cancellation's
			// may be a per-consignment result: read like a list call's entry for this consignment.
			const resultLike = call.allocates || (call.list !== undefined && exchange.body !== undefined);
			if (!resultLike) {
				results.succeed(task.itemIndex, await output(task, exchange.body));
				return;
			}
			const body = exchange.body;
			const [entry] = matchResults([task], isRecord(body) ? [body] : body);
			await settle(task, entry, exchange.answerLost, false);
		} catch (error) {
			// Only a refusal (4xx) can mean "already done".
			const refused = /^4/.test(String((error as NodeApiError).httpCode));
			const recovered = refused
				? await doneBefore(task, answerWasLost(error), refusedForState(error))
				: undefined;
			if (recovered) results.succeed(task.itemIndex, recovered);
			else results.fail(task.itemIndex, error, task.consignmentReference);
		}
	});
	return results.toArray();
}
