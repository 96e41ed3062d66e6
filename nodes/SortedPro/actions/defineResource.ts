import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';

import { labelProperties } from '../helpers/allocationLabels';
import { callShape } from '../helpers/consignmentCall';
import { operationOptions } from '../helpers/settings';
import { simplifyProperties } from '../helpers/simplify';
import { toolDescriptionProperty } from '../helpers/toolDescription';
import type { OperationModule, ResourceModule } from './types';

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

/** How an operation calls SortedPRO: from its call's requests, or as its module says. */
export function shapeOf(operation: OperationModule) {
	return operation.call ? callShape(operation.call) : operation.shape;
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
		const options = operationOptions(shapeOf(operation), operation.call?.allocates);
		const show = { resource: [option.value], operation: [operation.option.value] };
		// An allocation SortedPRO also offers as allocate-and-get-labels has Get Label.
		const labels = operation.call?.labelsRoute ? labelProperties : [];
		const simplify = operation.simplified ? simplifyProperties : [];
		const tool = toolDescriptionProperty(operation);
		return [tool, ...operation.description, ...labels, ...simplify, options].map((property) =>
			shownFor(property, show),
		);
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
