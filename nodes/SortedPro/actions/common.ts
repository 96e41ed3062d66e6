import type { IDisplayOptions, IExecuteFunctions, INodeProperties } from 'n8n-workflow';


/** Shows a field only for one resource's operation(s). */
export function showFor(resource: string, ...operations: string[]): IDisplayOptions {
	return { show: { resource: [resource], operation: operations } };
}

export function consignmentReferenceField(displayOptions: IDisplayOptions): INodeProperties {
	return {
		displayName: 'Consignment Reference',
		name: 'consignmentReference',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. EC-000-05B-MMA',
		description:
			'The SortedPRO consignment reference. Usually dragged in from the incoming item as an expression.',
		displayOptions,
	};
}


/** The usual n8n "Return All" / "Limit" pair for list operations. */
export function returnAllOrLimitFields(displayOptions: IDisplayOptions): INodeProperties[] {
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			description: 'Whether to return all results or only up to a given limit',
			displayOptions,
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 50,
			description: 'Max number of results to return',
			displayOptions: { show: { ...displayOptions.show, returnAll: [false] } },
		},
	];
}

/** How many results a list operation should return for an item: Infinity for Return All. */
export function readResultLimit(context: IExecuteFunctions, itemIndex: number): number {
	if (context.getNodeParameter('returnAll', itemIndex, false) as boolean) return Infinity;
	const limit = Number(context.getNodeParameter('limit', itemIndex, 50));
	return Number.isFinite(limit) && limit >= 1 ? Math.floor(limit) : 50;
}

/** A SortedPRO code picked From List (a searchable drop-down) or typed By Code. */
export function codeLocatorField(field: {
	displayName: string;
	name: string;
	description: string;
	searchListMethod: string;
	listPlaceholder: string;
	example: string;
	hint: string;
	displayOptions: IDisplayOptions;
}): INodeProperties {
	return {
		displayName: field.displayName,
		name: field.name,
		type: 'resourceLocator',
		required: true,
		default: { mode: 'list', value: '' },
		description: field.description,
		displayOptions: field.displayOptions,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: field.listPlaceholder,
				typeOptions: { searchListMethod: field.searchListMethod, searchable: true },
			},
			{
				displayName: 'By Code',
				name: 'id',
				type: 'string',
				placeholder: `e.g. ${field.example}`,
				hint: field.hint,
			},
		],
	};
}
