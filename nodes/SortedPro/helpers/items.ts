import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

/** What one input item asks SortedPRO to do, once its parameters have been read and checked. */
export interface ConsignmentTask {
	itemIndex: number;
	consignmentReference: string;
}

export interface PerItemOperation<Task extends ConsignmentTask> {
	/** Reads and validates one item's parameters. Throws a NodeOperationError naming the field and item. */
	read(itemIndex: number): Task;
	/** Sends one item's request and returns its output JSON. */
	send(task: Task): Promise<IDataObject>;
}

/** The output item a failure becomes under "On Error: Continue". */
function errorItem(error: NodeApiError | NodeOperationError, itemIndex: number, consignmentReference: string | undefined): INodeExecutionData {
	const httpStatus = error instanceof NodeApiError && error.httpCode ? Number(error.httpCode) : null;
	const description = error.description;
	return {
		json: {
			error: error.message,
			...(description ? { errorDescription: description } : {}),
			consignmentReference: consignmentReference ?? null,
			httpStatus,
		},
		pairedItem: { item: itemIndex },
	};
}

/** The item's consignment reference as typed, for an error item whose other input was bad. */
function rawConsignmentReference(context: IExecuteFunctions, itemIndex: number): string | undefined {
	try {
		const raw: unknown = context.getNodeParameter('consignmentReference', itemIndex, '');
		return typeof raw === 'string' && raw.trim() ? raw.trim() : undefined;
	} catch {
		// Operations without this parameter, or an expression that failed: nothing to name.
		return undefined;
	}
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
 * Runs an operation that makes one SortedPRO call per input item. Every item's
 * parameters are read first, so bad input stops the run before any request is sent
 * (or, with "On Error: Continue", becomes that item's error item). Each input item
 * yields exactly one output item, paired to it, in input order.
 */
export async function runPerItem<Task extends ConsignmentTask>(
	context: IExecuteFunctions,
	items: INodeExecutionData[],
	operation: PerItemOperation<Task>,
): Promise<INodeExecutionData[]> {
	const continueOnFail = context.continueOnFail();
	const results: Array<INodeExecutionData | undefined> = new Array(items.length);
	const tasks: Task[] = [];

	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			tasks.push(operation.read(itemIndex));
		} catch (error) {
			const nodeError = nodeErrorOf(context, error, itemIndex);
			if (!continueOnFail) throw nodeError;
			results[itemIndex] = errorItem(nodeError, itemIndex, rawConsignmentReference(context, itemIndex));
		}
	}

	for (const task of tasks) {
		try {
			const json = await operation.send(task);
			results[task.itemIndex] = { json, pairedItem: { item: task.itemIndex } };
		} catch (error) {
			const nodeError = nodeErrorOf(context, error, task.itemIndex);
			if (!continueOnFail) throw nodeError;
			results[task.itemIndex] = errorItem(nodeError, task.itemIndex, task.consignmentReference);
		}
	}

	return results.map((result, itemIndex) => {
		if (result) return result;
		// Unreachable by construction; kept so a future change cannot drop an item silently.
		throw new NodeOperationError(context.getNode(), `Item ${itemIndex} produced no output`, { itemIndex });
	});
}
