import type {
	IDisplayOptions,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';

import { callShape, runConsignmentCall } from '../helpers/consignmentCall';
import type { ConsignmentCall, ConsignmentTask } from '../helpers/consignmentCall';
import { operationOptions } from '../helpers/settings';
import type { CallShape } from '../helpers/settings';

/** How an operation appears in the Operation drop-down. */
export type OperationOption = Required<
	Pick<INodePropertyOptions, 'name' | 'value' | 'action' | 'description'>
> & {
	value: string;
};

/**
 * One operation module: actions/<resource>/<operation>.operation.ts. Its `description`
 * holds its own fields only; the resource shows them for this operation alone and adds
 * the Options collection. An operation on consignments exports its `call` and the runner
 * does the work; any other operation exports `execute` and says whether it makes one
 * request per item (`perItem`) or lists (`list`).
 */
export type OperationModule = {
	option: OperationOption;
	description: INodeProperties[];
} & (
	| { call: ConsignmentCall<ConsignmentTask>; execute?: undefined }
	| {
			execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]>;
			shape: CallShape;
	  }
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

/** Adds `show` conditions to a field, keeping the field's own (as n8n's updateDisplayOptions does). */
function shownFor(
	property: INodeProperties,
	show: NonNullable<IDisplayOptions['show']>,
): INodeProperties {
	return {
		...property,
		displayOptions: {
			...property.displayOptions,
			show: { ...show, ...property.displayOptions?.show },
		},
	};
}

/** Runs one operation on the node's input items. */
export async function executeOperation(
	context: IExecuteFunctions,
	operation: OperationModule,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	if (operation.execute) return await operation.execute.call(context, items);
	return await runConsignmentCall(context, items, operation.call);
}

/**
 * A resource from its drop-down entry and its operation modules. The Operation
 * drop-down lists the operations in the given order; the first is the default.
 */
export function defineResource(
	option: ResourceModule['option'],
	operations: [OperationModule, ...OperationModule[]],
): ResourceModule {
	const firstOperation = operations[0].option.value;
	const properties = operations.flatMap((operation) => {
		const options = operation.execute
			? operationOptions(operation.shape)
			: operationOptions(callShape(operation.call), operation.call.allocates);
		const show = { resource: [option.value], operation: [operation.option.value] };
		return [...operation.description, options].map((property) => shownFor(property, show));
	});
	return {
		option,
		operations,
		properties,
		operationProperty: {
			displayName: 'Operation',
			name: 'operation',
			type: 'options',
			noDataExpression: true,
			displayOptions: { show: { resource: [option.value] } },
			options: operations.map((operation) => operation.option),
			default: firstOperation,
		},
	};
}
