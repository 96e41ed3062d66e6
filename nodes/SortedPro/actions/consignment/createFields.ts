/**
 * The Create operation's fields: Define Consignment (fields or JSON), then origin,
 * destination, packages and additional fields. consignmentBody.ts turns them into
 * SortedPRO's consignment.
 */
import type { INodeProperties } from 'n8n-workflow';

import { shippingLocationField } from '../../helpers/fields';

const fieldsOnly = { show: { inputMode: ['fields'] } };

const text = (
	displayName: string,
	name: string,
	extra: Partial<INodeProperties> = {},
): INodeProperties => ({
	displayName,
	name,
	type: 'string',
	default: '',
	...extra,
});

export const originShippingLocation = shippingLocationField(
	{
		displayName: 'Origin Shipping Location',
		description:
			'The shipping location the consignment leaves from: its reference in SortedPRO (Settings > Shipping Locations)',
	},
	{ displayOptions: fieldsOnly },
);

/**
 * Package Size: one of the account's package sizes (SortedPRO's PackageSizeReference), which
 * stands for the weight and dimensions; Create's packages and Package > Add share it.
 */
export const packageSizeField: INodeProperties = {
	displayName: 'Package Size Name or ID',
	name: 'packageSizeReference',
	type: 'options',
	typeOptions: { loadOptionsMethod: 'getPackageSizes' },
	default: '',
	description:
		'One of the account\'s package sizes, which stands for the weight and dimensions (the account default is marked). Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
};

/** A package's fields, in Create's Packages and as Package > Add's fields (consignmentBody.ts packageOf reads them). */
export const packageFields: INodeProperties[] = [
	{
		displayName: 'Currency',
		name: 'currency',
		type: 'string',
		default: 'GBP',
		placeholder: 'e.g. GBP',
	},
	{
		displayName: 'Description',
		name: 'description',
		type: 'string',
		default: '',
	},
	{
		displayName: 'Height (Cm)',
		name: 'height',
		type: 'number',
		default: 0,
	},
	{
		displayName: 'Length (Cm)',
		name: 'length',
		type: 'number',
		default: 0,
	},
	packageSizeField,
	{
		displayName: 'Value',
		name: 'value',
		type: 'number',
		default: 0,
	},
	{
		displayName: 'Weight (Kg)',
		name: 'weight',
		type: 'number',
		default: 0,
	},
	{
		displayName: 'Width (Cm)',
		name: 'width',
		type: 'number',
		default: 0,
	},
];

/** Return Existing, Create Another or Error, when a consignment already has the item's Your Reference. */
export const ifYourReferenceExists: INodeProperties = {
	displayName: 'If Your Reference Already Exists',
	name: 'ifYourReferenceExists',
	type: 'options',
	default: 'returnExisting',
	description:
		'What to do when SortedPRO already has a consignment with the same Your Reference (e.g. an order imported twice). Checked only for items that have a Your Reference.',
	options: [
		{
			name: 'Return Existing',
			value: 'returnExisting',
			description: 'Output the existing consignment, marked existing: true, and create nothing',
		},
		{
			name: 'Create Another',
			value: 'createAnother',
			description: 'Create a second consignment with the same reference (no look-up)',
		},
		{
			name: 'Error',
			value: 'error',
			description: 'The item fails, naming the existing consignment',
		},
	],
};

/**
 * The consignment details Create's Additional Fields and Update's Update Fields share (read by
 * consignmentBody.ts's tagList and metadataEntries); `describe` words a field for its operation.
 */
export function consignmentDetailFields(
	describe: Partial<Record<'metadata' | 'shippingDate' | 'tags', string>> = {},
): INodeProperties[] {
	return [
		{
			displayName: 'Metadata',
			name: 'metadata',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true },
			default: {},
			...(describe.metadata ? { description: describe.metadata } : {}),
			options: [
				{
					displayName: 'Entry',
					name: 'entry',
					values: [
						{ displayName: 'Key', name: 'key', type: 'string', default: '' },
						{ displayName: 'Value', name: 'value', type: 'string', default: '' },
					],
				},
			],
		},
		{
			displayName: 'Shipping Date',
			name: 'shippingDate',
			type: 'dateTime',
			default: '',
			description:
				describe.shippingDate ??
				'When the consignment is due to ship; SortedPRO uses today when empty',
		},
		text('Tags', 'tags', {
			description: describe.tags ?? 'Comma-separated tags',
			placeholder: 'e.g. web-order, priority',
		}),
		text('Your Reference', 'customerReference', {
			description:
				'Your own reference for the consignment, e.g. the order number (ConsignmentReferenceProvidedByCustomer)',
		}),
	];
}

/** The Create operation's fields, in the order the editor shows them. */
export const createFields: INodeProperties[] = [
	{
		displayName: 'Define Consignment',
		name: 'inputMode',
		type: 'options',
		noDataExpression: true,
		default: 'fields',
		options: [
			{
				name: 'Using Fields Below',
				value: 'fields',
				description: 'The common case: one destination, packages',
			},
			{
				name: 'Using JSON',
				value: 'json',
				description: "SortedPRO's full consignment body, for everything else",
			},
		],
	},
	{
		displayName: 'JSON Body',
		name: 'jsonBody',
		type: 'json',
		required: true,
		default:
			'{\n  "Packages": [],\n  "Addresses": [\n    { "AddressType": "Origin", "ShippingLocationReference": "" }\n  ]\n}',
		description: "The body of SortedPRO's POST /consignments, as SortedPRO documents it",
		displayOptions: { show: { inputMode: ['json'] } },
	},
	originShippingLocation.property,
	{
		displayName: 'Destination',
		name: 'destination',
		type: 'collection',
		placeholder: 'Add Destination Field',
		default: {},
		required: true,
		description:
			'Who and where the consignment goes to. Address Line 1 and Country Code are required.',
		displayOptions: fieldsOnly,
		options: [
			text('Address Line 1', 'addressLine1'),
			text('Address Line 2', 'addressLine2'),
			text('Address Line 3', 'addressLine3'),
			text('Company', 'companyName'),
			text('Country Code', 'countryCode', {
				placeholder: 'e.g. GB',
				description: 'Two-letter ISO country code',
			}),
			text('Email', 'email', { placeholder: 'name@email.com' }),
			text('First Name', 'firstName'),
			text('Last Name', 'lastName'),
			text('Phone', 'telephone'),
			text('Postcode', 'postcode'),
			text('Region', 'region', { description: 'County or state' }),
			text('Town', 'town'),
		],
	},
	{
		displayName: 'Packages',
		name: 'packages',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Package',
		default: {},
		required: true,
		description: 'At least one package, with its weight',
		displayOptions: fieldsOnly,
		options: [
			{
				displayName: 'Package',
				name: 'package',
				values: packageFields,
			},
		],
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: fieldsOnly,
		options: consignmentDetailFields(),
	},
	ifYourReferenceExists,
];
