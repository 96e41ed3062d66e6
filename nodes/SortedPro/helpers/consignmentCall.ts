/**
 * The one runner for operations on consignments. An operation describes itself once (a
 * ConsignmentCall: how to read an item, its one-consignment and/or list request, what
 * SortedPRO's answer becomes); the runner does the rest, top to bottom: read every item,
 * send one request per item or list calls, recover where a lost answer means the work was
 * already done, and collect exactly one outcome per item, in input order.
 */
import { NodeOperationError } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, NodeApiError } from 'n8n-workflow';

import { chunk, describeConsignments, matchResults, succeeded } from './batch';
import type { ConsignmentTask } from './batch';
import { allocationOf, inState, notAbout, stateOf } from './consignments';
import { consignmentReference, typedConsignmentReference } from './fields';
import { ItemResults, forEachConcurrently } from './items';
import type { ItemOutput } from './items';
import { firstText, isRecord, withConsignmentReference } from './lists';
import { readRunSettings } from './settings';
import type { CallShape } from './settings';
import { answerWasLost, sortedProApiExchange, sortedProPath } from '../transport';
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
	const { ifAnswerLost } = call;
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

	/**
	 * The consignment as SortedPRO has it now, or why it could not be read: a read-back counts
	 * only when it is the consignment asked about.
	 */
	const readBack = async (task: Task): Promise<{ consignment?: unknown; problem?: string }> => {
		const about = {
			...itemContext(task),
			action: `check the state of consignment ${task.consignmentReference}`,
		};
		try {
			const { body } = await sortedProApiExchange.call(
				context,
				{ method: 'GET', path: sortedProPath`/consignments/${task.consignmentReference}` },
				about,
				settings.request,
			);
			const problem = notAbout(body, task.consignmentReference);
			return problem ? { problem } : { consignment: body };
		} catch (error) {
			return { problem: (error as Error).message };
		}
	};

	/** What a read-back consignment becomes as this item's output, marked with `flag`. */
	const readBackOutput = (task: Task, consignment: unknown, flag: string): ItemOutput => ({
		...(call.allocates
			? {
					ConsignmentReference: task.consignmentReference,
					State: stateOf(consignment) ?? null,
					...allocationOf(consignment),
				}
			: withConsignmentReference(consignment, task.consignmentReference)),
		...(call.doneFlag && flag !== 'Accepted' ? { [call.doneFlag]: true } : {}),
		[flag]: true,
	});

	/**
	 * Is the consignment already where this operation would put it? Then the item is a
	 * success marked with `flag`. Undefined when it is not, when the read-back is not about this
	 * consignment, or (allocations) names no carrier service: SortedPRO's refusal is then the
	 * error to report.
	 */
	const alreadyDone = async (task: Task, flag: string): Promise<ItemOutput | undefined> => {
		if (!call.doneStates) return undefined;
		const { consignment } = await readBack(task);
		if (consignment === undefined || !inState(consignment, call.doneStates)) return undefined;
		if (call.allocates && !allocationOf(consignment)) return undefined;
		return readBackOutput(task, consignment, flag);
	};

	/**
	 * After SortedPRO refused an item: was the work done before? Either an earlier attempt
	 * whose answer was lost did it, or (If Already Allocated: Return Current Allocation) the
	 * consignment was allocated already when the run started, which SortedPRO says by refusing
	 * for its state (never for another reason, such as no eligible service).
	 */
	const doneBefore = async (
		task: Task,
		answerLost: boolean,
		stateRefusal: boolean,
	): Promise<ItemOutput | undefined> => {
		if (answerLost) return await alreadyDone(task, 'recoveredAfterRetry');
		if (call.allocates && settings.returnCurrentAllocation && stateRefusal)
			return await alreadyDone(task, 'alreadyAllocated');
		return undefined;
	};

	/**
	 * SortedPRO answered 202 Accepted: it took the request on and finishes it later. The item
	 * succeeds and is never sent again; the state it has reached so far is read back (and only
	 * reported when the read-back is about this consignment).
	 */
	const accepted = async (task: Task): Promise<ItemOutput> => {
		const { consignment, problem } = await readBack(task);
		if (consignment === undefined) {
			return {
				ConsignmentReference: task.consignmentReference,
				Accepted: true,
				State: null,
				StateNote: `SortedPRO accepted the request and finishes it on its own; its state could not be read back (${problem}). Check it in SortedPRO later.`,
			};
		}
		return readBackOutput(task, consignment, 'Accepted');
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
					// A per-consignment result says why in Message, an Allocation Summary in Description.
					const reason = firstText(entry, ['Message', 'Description']);
					const recovered = await doneBefore(task, exchange.answerLost, isStateRefusal(reason));
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
			if (entry && succeeded(entry)) {
				results.succeed(task.itemIndex, await output(task, entry));
				return;
			}
			const reason = entry
				? firstText(entry, ['Message', 'Description'])
				: "SortedPRO's answer had no result for this consignment";
			const recovered = entry
				? await doneBefore(task, exchange.answerLost, isStateRefusal(reason))
				: undefined;
			if (recovered) results.succeed(task.itemIndex, recovered);
			else
				results.fail(
					task.itemIndex,
					sortedProItemFailure(node, reason, itemContext(task), false),
					task.consignmentReference,
				);
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

/**
 * `answer` as consignment `task.consignmentReference`'s, or this item's error when SortedPRO
 * answered about something else (another consignment, a list, nothing): a 2xx that is not
 * about the consignment asked for is never output as its.
 */
export function requireAbout(
	context: IExecuteFunctions,
	task: ConsignmentTask,
	answer: unknown,
	what: string,
): Record<string, unknown> {
	const problem = notAbout(answer, task.consignmentReference);
	if (problem) {
		throw new NodeOperationError(
			context.getNode(),
			`Could not ${what} of consignment ${task.consignmentReference}: ${problem}`,
			{
				itemIndex: task.itemIndex,
				description: 'Nothing from this answer was used. Check the consignment in SortedPRO.',
			},
		);
	}
	return answer as Record<string, unknown>;
}
