import type { IExecuteFunctions, INodeExecutionData, NodeApiError } from 'n8n-workflow';

import { describeConsignments, runInBatches } from './batch';
import type { BatchTask } from './batch';
import type { SortedProCallContext } from './errors';
import { nodeErrorOf, runPerItem } from './items';
import type { ItemOutput } from './items';
import { isRecord, withConsignmentReference } from './lists';
import { readConsignmentReference } from './parameters';
import { readRunSettings } from './settings';
import type { RunSettings } from './settings';
import { answerWasLost, sortedProApiExchange, sortedProPath } from '../transport';
import type { SortedProRequest } from '../transport';

/**
 * An operation that acts on consignments, described once: how to read an item, the
 * one-consignment request and/or the list request, and how SortedPRO's answer becomes
 * the item's output. runConsignmentCall picks one call per item or list calls.
 */
export interface ConsignmentCall<Task extends BatchTask> {
	/** Reads an item's parameters; by default just its Consignment Reference. */
	read?(itemIndex: number): Task;
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
	output?(task: Task, answer: unknown): ItemOutput | Promise<ItemOutput>;
	/**
	 * The states a consignment is in once this operation has succeeded. When a retried
	 * request is refused after an earlier attempt's answer was lost, the consignment is
	 * read: if it is in one of these states, the first attempt did the work, and the item
	 * succeeds with `recoveredAfterRetry: true` instead of failing.
	 */
	doneStates?: string[];
}

/** The consignment's state as SortedPRO reports it, in whichever field it uses. */
function stateOf(consignment: unknown): string | undefined {
	if (!isRecord(consignment)) return undefined;
	const state = consignment.State ?? consignment.ConsignmentState ?? consignment.Status;
	return typeof state === 'string' ? state : undefined;
}

export async function runConsignmentCall<Task extends BatchTask>(
	context: IExecuteFunctions,
	items: INodeExecutionData[],
	call: ConsignmentCall<Task>,
): Promise<INodeExecutionData[]> {
	const settings: RunSettings = await readRunSettings(context);
	const read =
		call.read ??
		((itemIndex: number) => ({ itemIndex, consignmentReference: readConsignmentReference(context, itemIndex) }) as Task);
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
	const output = async (task: Task, answer: unknown): Promise<ItemOutput> =>
		call.output ? await call.output(task, answer) : withConsignmentReference(answer, task.consignmentReference);

	/**
	 * Did an earlier, unanswered attempt already do the work? Then report it as done.
	 * Undefined when it did not, or when the check itself fails: SortedPRO's refusal
	 * is then the error to report.
	 */
	const recover = async (task: Task): Promise<ItemOutput | undefined> => {
		const { doneStates } = call;
		if (!doneStates) return undefined;
		const body = await sortedProApiExchange
			.call(
				context,
				{ method: 'GET', path: sortedProPath`/consignments/${task.consignmentReference}` },
				{ ...itemContext(task), action: `check consignment ${task.consignmentReference} after a lost answer` },
				settings.request,
			)
			.then((exchange) => exchange.body)
			.catch(() => undefined);
		const state = stateOf(body);
		if (!state || !doneStates.includes(state)) return undefined;
		return { ...withConsignmentReference(body, task.consignmentReference), recoveredAfterRetry: true };
	};

	const { single, list } = call;
	if (list && (settings.sendInBatches || !single)) {
		return await runInBatches<Task>(
			context,
			items,
			{
				read,
				batchKey: call.batchKey,
				send: async (tasks) =>
					await sortedProApiExchange.call(
						context,
						list(tasks),
						callContext(describeConsignments(tasks), tasks[0], tasks[0].itemIndex),
						settings.request,
					),
				itemContext,
				output,
				recover,
			},
			settings.batchSize,
			settings.concurrency,
		);
	}
	if (!single) throw new Error('A consignment call needs a single or a list request');

	return await runPerItem<Task>(
		context,
		items,
		{
			read,
			send: async (task) => {
				try {
					const { body } = await sortedProApiExchange.call(context, single(task), itemContext(task), settings.request);
					return await output(task, body);
				} catch (error) {
					// Only a refusal that follows a lost answer can mean "already done by us".
					if (answerWasLost(error) && /^4/.test(String((error as NodeApiError).httpCode))) {
						const recovered = await recover(task);
						if (recovered) return recovered;
					}
					throw nodeErrorOf(context, error, task.itemIndex);
				}
			},
		},
		settings.concurrency,
	);
}
