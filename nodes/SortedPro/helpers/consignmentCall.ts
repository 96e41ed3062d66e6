import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { describeConsignments, readBatchSettings, runInBatches } from './batch';
import type { BatchTask } from './batch';
import type { SortedProCallContext } from './errors';
import { runPerItem } from './items';
import type { ItemOutput } from './items';
import { sortedProApiRequest } from '../transport';
import type { SortedProRequest } from '../transport';
import { withConsignmentReference } from '../actions/common';

/**
 * An operation that acts on consignments, described once: how to read an item, the
 * one-consignment request and/or the list request, and how SortedPRO's answer becomes
 * the item's output. runConsignmentCall picks one call per item or list calls.
 */
export interface ConsignmentCall<Task extends BatchTask> {
	read(itemIndex: number): Task;
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
}

export async function runConsignmentCall<Task extends BatchTask>(
	context: IExecuteFunctions,
	items: INodeExecutionData[],
	call: ConsignmentCall<Task>,
): Promise<INodeExecutionData[]> {
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

	const { single, list } = call;
	const { sendInBatches, batchSize } = readBatchSettings(context);
	if (list && (sendInBatches || !single)) {
		return await runInBatches<Task>(
			context,
			items,
			{
				read: call.read,
				batchKey: call.batchKey,
				send: async (tasks) =>
					await sortedProApiRequest.call(
						context,
						list(tasks),
						callContext(describeConsignments(tasks), tasks[0], tasks[0].itemIndex),
					),
				itemContext,
				output,
			},
			batchSize,
		);
	}
	if (!single) throw new Error('A consignment call needs a single or a list request');

	return await runPerItem<Task>(context, items, {
		read: call.read,
		send: async (task) => await output(task, await sortedProApiRequest.call(context, single(task), itemContext(task))),
	});
}
