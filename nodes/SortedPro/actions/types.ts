import type { IExecuteFunctions, INodeExecutionData, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

/** How an operation appears in the Operation drop-down. */
export type OperationOption = Required<Pick<INodePropertyOptions, 'name' | 'value' | 'action' | 'description'>> & {
	value: string;
};

/** One operation module: actions/<resource>/<operation>.operation.ts */
export interface OperationModule {
	option: OperationOption;
	description: INodeProperties[];
	execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]>;
}

/** One resource: its drop-down entry and its operations, in display order. */
export interface ResourceModule {
	option: { name: string; value: string; description?: string };
	/** The resource's Operation drop-down; its options come from `operations`. */
	operationProperty: INodeProperties;
	operations: OperationModule[];
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
	return {
		option,
		operations,
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
