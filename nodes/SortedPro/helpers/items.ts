import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { RunSettings } from './settings';
import { plainDescription } from '../../shared/transport';

/** What one input item asks SortedPRO to do, once its parameters have been read and checked. */
export interface ItemTask {
	itemIndex: number;
	/** The consignment the item is about, when there is one: it names the item in errors. */
	consignmentReference?: string;
}

/**
 * What one item produced: its output JSON, or ready output items (a label with its
 * binary file, or the rows of a Get Many) that are all paired to the input item.
 */
export type ItemOutput = IDataObject | INodeExecutionData[];

/** How one item came out: its output, or the error it failed with. */
export type Outcome = { output: ItemOutput } | { error: unknown };

/**
 * The work of one run, as the one way items are run (runItems): read every item, then send
 * them, a group at a time (a group is one item, or a list call's batch), and report one
 * outcome per item.
 */
export interface ItemWork<Task extends ItemTask> {
	/** Reads and validates one item's parameters. Throws a NodeOperationError naming the field and item. */
	read(itemIndex: number): Task;
	/** The consignment an item names as typed, for its error item when its input could not be read. */
	typedReference?(itemIndex: number): string | undefined;
	/** The groups sent together (a list call's batches); by default each item on its own. */
	group?(tasks: Task[]): Task[][];
	/**
	 * Sends one group and reports each of its items' outcome. An item it did not report when
	 * it throws fails with what it threw.
	 */
	send(group: Task[], report: (task: Task, outcome: Outcome) => void): Promise<void>;
}

/** An operation's work when each item is one piece of work: its output, or a thrown error. */
export interface PerItemWork<Task extends ItemTask> {
	read(itemIndex: number): Task;
	send(task: Task): Promise<ItemOutput>;
}

function asError(error: unknown): Error {
	return error instanceof Error ? error : new Error(String(error));
}

/**
 * Whether an output item is an error item of ItemResults.fail ("On Error: Continue"): its
 * `error` message with the details beside it (regular output) or under `details` (error output).
 */
export function isErrorItem(item: INodeExecutionData): boolean {
	const { json } = item;
	return (
		typeof json.error === 'string' &&
		('httpStatus' in json || (typeof json.details === 'object' && json.details !== null))
	);
}

/** Errors from our own helpers are already node errors; anything else is wrapped so n8n shows it with the item. */
export function nodeErrorOf(
	context: IExecuteFunctions,
	error: unknown,
	itemIndex: number,
): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	return new NodeOperationError(context.getNode(), asError(error), { itemIndex });
}

/**
 * Collects exactly one outcome per input item. A failure either stops the run (thrown,
 * naming the item) or, with "On Error: Continue", becomes that item's error item.
 */
export class ItemResults {
	private readonly outcomes: Array<INodeExecutionData[] | undefined>;

	private readonly continueOnFail: boolean;

	private readonly toErrorOutput: boolean;

	/**
	 * @param referenceOf the consignment an item is about as typed, to name it on an error
	 * item when its input could not be read
	 */
	constructor(
		private readonly context: IExecuteFunctions,
		itemCount: number,
		private readonly referenceOf: (itemIndex: number) => string | undefined = () => undefined,
	) {
		this.outcomes = new Array<INodeExecutionData[] | undefined>(itemCount);
		this.continueOnFail = context.continueOnFail();
		this.toErrorOutput = context.getNode().onError === 'continueErrorOutput';
	}

	succeed(itemIndex: number, output: ItemOutput): void {
		const items = Array.isArray(output) ? output : [{ json: output }];
		this.outcomes[itemIndex] = items.map((item) => ({ ...item, pairedItem: { item: itemIndex } }));
	}

	fail(itemIndex: number, error: unknown, consignmentReference?: string): void {
		const nodeError = nodeErrorOf(this.context, error, itemIndex);
		if (!this.continueOnFail) throw nodeError;
		const httpStatus =
			nodeError instanceof NodeApiError && nodeError.httpCode ? Number(nodeError.httpCode) : null;
		const reference = consignmentReference ?? this.referenceOf(itemIndex) ?? null;
		const { sortedProCode, correlationId } = nodeError.context;
		const details = {
			// One line of plain text: the editor's line breaks (<br>) have no place in data.
			...(nodeError.description ? { errorDescription: plainDescription(nodeError) } : {}),
			// SortedPRO's error code and correlation ID, for a message to Sorted support.
			...(typeof sortedProCode === 'string' ? { errorCode: sortedProCode } : {}),
			...(typeof correlationId === 'string' ? { correlationId } : {}),
			// The same name as in every successful output.
			ConsignmentReference: reference,
			// Deprecated: the name of earlier versions, kept so saved workflows keep working.
			consignmentReference: reference,
			httpStatus,
		};
		// With "On Error: Continue (using error output)", n8n sends an item whose JSON holds
		// only error, message and details to the error output (adding the input item's
		// fields), so a failure never reaches the next step.
		const json = this.toErrorOutput
			? { error: nodeError.message, details }
			: { error: nodeError.message, ...details };
		this.outcomes[itemIndex] = [{ json, pairedItem: { item: itemIndex } }];
	}

	/** Reads every item's parameters before anything is sent; bad items fail here. */
	readAll<Task extends ItemTask>(read: (itemIndex: number) => Task): Task[] {
		const tasks: Task[] = [];
		for (let itemIndex = 0; itemIndex < this.outcomes.length; itemIndex++) {
			try {
				tasks.push(read(itemIndex));
			} catch (error) {
				this.fail(itemIndex, error);
			}
		}
		return tasks;
	}

	/** All outputs in input order; an item without an outcome would be a bug, never a silent drop. */
	toArray(): INodeExecutionData[] {
		return this.outcomes.flatMap((outcome, itemIndex) => {
			if (outcome) return outcome;
			throw new NodeOperationError(this.context.getNode(), `Item ${itemIndex} produced no output`, {
				itemIndex,
			});
		});
	}
}

/**
 * Calls `work` for every entry, up to `concurrency` at a time, in order of start. The
 * first error it throws stops new work from starting and is thrown once the work in
 * flight has finished (work that must not stop the run catches its own errors).
 */
export async function forEachConcurrently<Entry>(
	entries: Entry[],
	concurrency: number,
	work: (entry: Entry) => Promise<void>,
): Promise<void> {
	let next = 0;
	let stoppedBy: { error: unknown } | undefined;
	const worker = async () => {
		while (next < entries.length && !stoppedBy) {
			const entry = entries[next++];
			try {
				await work(entry);
			} catch (error) {
				stoppedBy ??= { error };
			}
		}
	};
	await Promise.all(
		Array.from({ length: Math.max(1, Math.min(concurrency, entries.length)) }, worker),
	);
	if (stoppedBy) throw stoppedBy.error;
}

/**
 * Runs one operation's items, as many groups at a time as the run's settings say.
 * Every item's parameters are read first, so bad input stops the run before any request is
 * sent (or, with "On Error: Continue", becomes that item's error item). Each input item
 * yields its output, paired to it, in input order, whatever the order in which the answers
 * arrive.
 */
export async function runItems<Task extends ItemTask>(
	context: IExecuteFunctions,
	items: INodeExecutionData[],
	settings: Pick<RunSettings, 'concurrency'>,
	work: ItemWork<Task>,
): Promise<INodeExecutionData[]> {
	const results = new ItemResults(context, items.length, work.typedReference);
	const tasks = results.readAll(work.read);
	const groups = work.group ? work.group(tasks) : tasks.map((task) => [task]);
	// Without "On Error: Continue", results.fail throws, which stops the run.
	await forEachConcurrently(groups, settings.concurrency, async (group) => {
		const reported = new Set<Task>();
		let stopped: { error: unknown; itemIndex: number } | undefined;
		const report = (task: Task, outcome: Outcome) => {
			reported.add(task);
			try {
				if ('output' in outcome) results.succeed(task.itemIndex, outcome.output);
				else results.fail(task.itemIndex, outcome.error, task.consignmentReference);
			} catch (error) {
				stopped = { error, itemIndex: task.itemIndex };
				throw nodeErrorOf(context, error, task.itemIndex);
			}
		};
		try {
			await work.send(group, report);
		} catch (error) {
			// A failed item that stops the run is thrown on; any other error fails the items it left.
			if (stopped) throw nodeErrorOf(context, stopped.error, stopped.itemIndex);
			for (const task of group) if (!reported.has(task)) report(task, { error });
		}
	});
	return results.toArray();
}

/** Runs an operation whose every item is one piece of work (see runItems). */
export async function runPerItem<Task extends ItemTask>(
	context: IExecuteFunctions,
	items: INodeExecutionData[],
	settings: Pick<RunSettings, 'concurrency'>,
	work: PerItemWork<Task>,
): Promise<INodeExecutionData[]> {
	return await runItems<Task>(context, items, settings, {
		read: work.read,
		send: async ([task], report) => report(task, { output: await work.send(task) }),
	});
}
