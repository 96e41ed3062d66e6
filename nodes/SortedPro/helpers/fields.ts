/**
 * Parameters that many operations share, each declared once with its reader: the label
 * and example a message names come from the same declaration the editor shows.
 */
import { NodeOperationError } from 'n8n-workflow';
import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { assertWellFormed, readReference } from '../../shared/inputText';

/** A parameter and how to read it for one item. */
export interface Field<Value> {
	property: INodeProperties;
	read(context: IExecuteFunctions, itemIndex: number): Value;
}

interface ReferenceSpec {
	displayName: string;
	name: string;
	description: string;
	/** a typical value, shown as the placeholder and in messages */
	example: string;
}

/** Reads a reference parameter trimmed and checked, naming the field and its example in errors. */
function referenceReader(spec: ReferenceSpec): Field<string>['read'] {
	return (context, itemIndex) =>
		readReference(context, spec.name, spec.displayName, itemIndex, spec.example);
}

/** A required reference typed or mapped by the user: read trimmed, checked, named in errors. */
export function referenceField(
	spec: ReferenceSpec,
	property: Partial<INodeProperties> = {},
): Field<string> {
	return {
		property: {
			displayName: spec.displayName,
			name: spec.name,
			type: 'string',
			required: true,
			default: '',
			placeholder: `e.g. ${spec.example}`,
			description: spec.description,
			...property,
		},
		read: referenceReader(spec),
	};
}

/** A SortedPRO code picked From List (a searchable drop-down) or typed By Code. */
export function codeLocatorField(
	spec: ReferenceSpec & { searchListMethod: string; listPlaceholder: string; hint: string },
	property: Partial<INodeProperties> = {},
): Field<string> {
	return {
		property: {
			displayName: spec.displayName,
			name: spec.name,
			type: 'resourceLocator',
			required: true,
			default: { mode: 'list', value: '' },
			description: spec.description,
			modes: [
				{
					displayName: 'From List',
					name: 'list',
					type: 'list',
					placeholder: spec.listPlaceholder,
					typeOptions: { searchListMethod: spec.searchListMethod, searchable: true },
				},
				{
					displayName: 'By Code',
					name: 'id',
					type: 'string',
					placeholder: `e.g. ${spec.example}`,
					hint: spec.hint,
				},
			],
			...property,
		},
		read: referenceReader(spec),
	};
}

/** A shipping location, From List (SortedPRO's shipping locations) or By Code. */
export function shippingLocationField(
	spec: { displayName: string; description: string },
	property: Partial<INodeProperties> = {},
): Field<string> {
	return codeLocatorField(
		{
			...spec,
			name: 'shippingLocationReference',
			example: 'EST-00001-0001',
			searchListMethod: 'searchShippingLocations',
			listPlaceholder: 'Select a shipping location...',
			hint: 'The shipping location reference from SortedPRO: Settings > Shipping Locations',
		},
		property,
	);
}

/** The Consignment Reference most operations take. */
export const consignmentReference = referenceField({
	displayName: 'Consignment Reference',
	name: 'consignmentReference',
	example: 'EC-000-05B-MMA',
	description:
		'The SortedPRO consignment reference. Usually dragged in from the incoming item as an expression.',
});

/** The consignment reference as typed, for an error item whose other input was bad. */
export function typedConsignmentReference(
	context: IExecuteFunctions,
	itemIndex: number,
): string | undefined {
	try {
		const raw: unknown = context.getNodeParameter(
			consignmentReference.property.name,
			itemIndex,
			'',
		);
		return typeof raw === 'string' && raw.trim() ? raw.trim() : undefined;
	} catch {
		// An expression that failed: nothing to name.
		return undefined;
	}
}

/** The usual n8n "Return All" / "Limit" pair for list operations. */
export const returnAllOrLimitFields: INodeProperties[] = [
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 50,
		description: 'Max number of results to return',
		displayOptions: { show: { returnAll: [false] } },
	},
];

/** How many results a list operation should return for an item: Infinity for Return All. */
export function readResultLimit(context: IExecuteFunctions, itemIndex: number): number {
	if (context.getNodeParameter('returnAll', itemIndex, false) as boolean) return Infinity;
	const limit = Number(context.getNodeParameter('limit', itemIndex, 50));
	return Number.isFinite(limit) && limit >= 1 ? Math.floor(limit) : 50;
}

/** "Put Output File in Field": the binary field a file (a label, a document) goes into. */
export function outputFileField(hint: string): Field<string> {
	return {
		property: {
			displayName: 'Put Output File in Field',
			name: 'binaryPropertyName',
			type: 'string',
			default: 'data',
			required: true,
			hint,
		},
		read: (context, itemIndex) => {
			const name = String(context.getNodeParameter('binaryPropertyName', itemIndex, 'data')).trim();
			if (!name) {
				throw new NodeOperationError(
					context.getNode(),
					`"Put Output File in Field" is empty in item ${itemIndex}`,
					{
						itemIndex,
						description: 'Enter a field name such as data.',
					},
				);
			}
			return name;
		},
	};
}

/** A bad parameter of one item, found before anything was sent: what is wrong, and the fix. */
export function inputError(
	context: IExecuteFunctions,
	itemIndex: number,
	message: string,
	fix: string,
): NodeOperationError {
	return new NodeOperationError(context.getNode(), message, {
		itemIndex,
		description: `${fix} Nothing was sent to SortedPRO.`,
	});
}

/**
 * A date parameter's value (n8n's ISO text, or a Date from an expression) as ISO 8601 in UTC;
 * undefined when empty, an error naming the field and the item when it is not a date.
 */
export function readDateValue(
	context: IExecuteFunctions,
	itemIndex: number,
	value: unknown,
	field: string,
): string | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	const time = value instanceof Date ? value.getTime() : Date.parse(String(value));
	if (Number.isNaN(time))
		throw inputError(
			context,
			itemIndex,
			`"${field}" in item ${itemIndex} is "${String(value).slice(0, 40)}", which is not a date`,
			'Pick a date, or map one such as 2026-12-01T17:00:00Z.',
		);
	return new Date(time).toISOString();
}

/** The check for readOtherQueryParameters in an execution: names the field and the item. */
export const wellFormedIn =
	(context: IExecuteFunctions, itemIndex: number) =>
	(text: string, field: string): void =>
		assertWellFormed(context, text, field, itemIndex);
