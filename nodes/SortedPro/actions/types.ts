/** The operation contract: what an operation module and a resource are. Types only. */
import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';

import type { ConsignmentCall, ConsignmentTask } from '../helpers/consignmentCall';
import type { CallShape, RunSettings } from '../helpers/settings';
import type { SimplifiedKind } from '../helpers/simplify';
import type { Effect } from '../helpers/toolDescription';

/** How an operation appears in the Operation drop-down. */
export type OperationOption = Required<
	Pick<INodePropertyOptions, 'name' | 'value' | 'action' | 'description'>
> & {
	value: string;
};

/**
 * An operation with a flow of its own (a look-up before a create, a read before an update,
 * pages of a search). It receives the run's settings, read once by the router, and runs its
 * items with helpers/items.ts, which takes the concurrency from those settings.
 */
export type OperationExecute = (
	context: IExecuteFunctions,
	items: INodeExecutionData[],
	settings: RunSettings,
) => Promise<INodeExecutionData[]>;

/**
 * One operation module: actions/<resource>/<operation>.operation.ts. Its `description`
 * holds its own fields only; the resource shows them for this operation alone and adds
 * the Options collection. An operation on consignments exports its `call` and the runner
 * does the work; an operation with its own flow exports `execute` and its `shape` (one
 * request per item, or lists), which decides its options and settings.
 */
export type OperationModule = {
	option: OperationOption;
	description: INodeProperties[];
	/**
	 * Which of SortedPRO's answers the operation outputs, for one with wide answers: it gets
	 * Simplify (Output for an AI agent), and simplified items have that answer's fields.
	 */
	simplified?: SimplifiedKind;
	/** What it changes in SortedPRO, for the description an AI agent reads (helpers/toolDescription.ts). */
	effect: Effect;
} & (
	| { call: ConsignmentCall<ConsignmentTask>; execute?: undefined }
	| { execute: OperationExecute; shape: CallShape; call?: undefined }
);

/** One resource: its drop-down entry and its operations, in display order. */
export interface ResourceModule {
	option: { name: string; value: string; description?: string };
	/** The resource's Operation drop-down; its options come from `operations`. */
	operationProperty: INodeProperties;
	/** Every operation's fields and Options collection, each shown for its operation only. */
	properties: INodeProperties[];
	operations: OperationModule[];
}
