import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

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

export interface PerItemOperation<Task extends ItemTask> {
	/** Reads and validates one item's parameters. Throws a NodeOperationError naming the field and item. */
	read(itemIndex: number): Task;
	/** Sends one item's request and returns its output. */
	send(task: Task): Promise<ItemOutput>;
}

function asError(error: unknown): Error {
	return error instanceof Error ? error : new Error(String(error));
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
		const details = {
			...(nodeError.description ? { errorDescription: nodeError.description } : {}),
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
 * Runs an operation that makes one SortedPRO call per input item, up to `concurrency`
 * at a time. Every item's parameters are read first, so bad input stops the run before
 * any request is sent (or, with "On Error: Continue", becomes that item's error item).
 * Each input item yields its output, paired to it, in input order, whatever the
 * order in which the answers arrive.
 */
export async function runPerItem<Task extends ItemTask>(
	context: IExecuteFunctions,
	items: INodeExecutionData[],
	operation: PerItemOperation<Task>,
	concurrency = 1,
): Promise<INodeExecutionData[]> {
	const results = new ItemResults(context, items.length);
	const tasks = results.readAll(operation.read);
	// Without "On Error: Continue", results.fail throws, which stops the run.
	await forEachConcurrently(tasks, concurrency, async (task) => {
		try {
			results.succeed(task.itemIndex, await operation.send(task));
		} catch (error) {
			results.fail(task.itemIndex, error, task.consignmentReference);
		}
	});
	return results.toArray();
}
