/**
 * An operation on consignments, described once (a ConsignmentCall: how to read an item, its
 * one-consignment and/or list request, what SortedPRO's answer becomes). The runner
 * (runner.ts) does the rest.
 */
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { ConsignmentTask } from './batch';
import type { ItemOutput } from './items';
import type { CallShape } from './settings';
import type { RefusalAdvice, SortedProRequest } from '../../shared/transport';

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
	/** Other refusals the operation recognises, each with the step or option that fixes it. */
	refusals?: RefusalAdvice[];
	/** The request for one consignment, when SortedPRO has such an endpoint. */
	single?(task: Task): SortedProRequest;
	/**
	 * An allocation that SortedPRO also offers as allocate-and-get-labels: the route's part
	 * between `/allocation/{ref}` and `/labels/{format}` ('' for the cheapest service,
	 * `/servicegroup/{group}`, …). It gives the operation the Get Label fields; with Get Label on,
	 * the runner sends this route for every item instead of `single` or `list`
	 * (allocationLabels.ts).
	 */
	labelsRoute?(task: Task): string;
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
	 * Gets labels (Label > Get): after a run of allocations, the run summary points to the
	 * allocations' own Get Label, which gets each label in the same call.
	 */
	getsLabels?: boolean;
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
	/**
	 * The run's output items once every item is done, in input order, made into the operation's
	 * final output (Label > Get's print file: the labels of the run as one file).
	 */
	combine?(
		context: IExecuteFunctions,
		outputs: INodeExecutionData[],
	): INodeExecutionData[] | Promise<INodeExecutionData[]>;
}

/** One call per item, per item or in batches, or always in batches: follows from what the call defines. */
export function callShape(call: Pick<ConsignmentCall, 'single' | 'list'>): CallShape {
	if (call.single && call.list) return 'perItemOrBatches';
	if (call.list) return 'batches';
	return 'perItem';
}
