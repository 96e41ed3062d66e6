import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { runPerItem } from '../../helpers/items';
import type { ItemTask } from '../../helpers/items';
import { isRecord, listOf, referenceFromLink } from '../../helpers/lists';
import { assertWellFormed, readReference } from '../../helpers/parameters';
import { operationOptions, readRunSettings } from '../../helpers/settings';
import { sortedProApiRequest } from '../../transport';
import { showFor } from '../common';
import type { OperationOption } from '../types';

export const option: OperationOption = {
	name: 'Create',
	value: 'create',
	action: 'Create a consignment',
	description: 'Create a consignment from an order: where it ships from, where it goes, and its packages',
};

const displayOptions = showFor('consignment', option.value);
const fieldsOnly = { show: { ...displayOptions.show, inputMode: ['fields'] } };

const text = (displayName: string, name: string, extra: Partial<INodeProperties> = {}): INodeProperties => ({
	displayName,
	name,
	type: 'string',
	default: '',
	...extra,
});

export const description: INodeProperties[] = [
	{
		displayName: 'Define Consignment',
		name: 'inputMode',
		type: 'options',
		noDataExpression: true,
		default: 'fields',
		displayOptions,
		options: [
			{ name: 'Using Fields Below', value: 'fields', description: 'The common case: one destination, packages' },
			{ name: 'Using JSON', value: 'json', description: "SortedPRO's full consignment body, for everything else" },
		],
	},
	{
		displayName: 'JSON Body',
		name: 'jsonBody',
		type: 'json',
		required: true,
		default: '{\n  "ShippingLocationReference": "",\n  "Packages": [],\n  "Addresses": []\n}',
		description: 'The body of SortedPRO\'s POST /consignments, as SortedPRO documents it',
		displayOptions: { show: { ...displayOptions.show, inputMode: ['json'] } },
	},
	text('Origin Shipping Location Reference', 'shippingLocationReference', {
		required: true,
		placeholder: 'e.g. EST-00001-0001',
		description: 'The shipping location the consignment leaves from (SortedPRO: Settings > Shipping Locations)',
		displayOptions: fieldsOnly,
	}),
	{
		displayName: 'Destination',
		name: 'destination',
		type: 'collection',
		placeholder: 'Add Destination Field',
		default: {},
		required: true,
		description: 'Who and where the consignment goes to. Address Line 1, Town and Country Code are required.',
		displayOptions: fieldsOnly,
		options: [
			text('Address Line 1', 'addressLine1'),
			text('Address Line 2', 'addressLine2'),
			text('Address Line 3', 'addressLine3'),
			text('Company', 'companyName'),
			text('Country Code', 'countryCode', { placeholder: 'e.g. GB', description: 'Two-letter ISO country code' }),
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
				values: [
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
						default: 0
					},
					{
						displayName: 'Length (Cm)',
						name: 'length',
						type: 'number',
						default: 0
					},
					{
						displayName: 'Value',
						name: 'value',
						type: 'number',
						default: 0
					},
					{
						displayName: 'Weight (Kg)',
						name: 'weight',
						type: 'number',
						default: 0
					},
					{
						displayName: 'Width (Cm)',
						name: 'width',
						type: 'number',
						default: 0
					},
				],
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
		options: [
			{
				displayName: 'Metadata',
				name: 'metadata',
				type: 'fixedCollection',
				typeOptions: { multipleValues: true },
				default: {},
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
				description: 'When the consignment is due to ship; SortedPRO uses today when empty',
			},
			text('Tags', 'tags', { description: 'Comma-separated tags', placeholder: 'e.g. web-order, priority' }),
			text('Your Reference', 'customerReference', {
				description: 'Your own reference for the consignment, e.g. the order number (ConsignmentReferenceProvidedByCustomer)',
			}),
		],
	},
	operationOptions(displayOptions, 'perItem'),
];

interface Task extends ItemTask {
	body: IDataObject;
	label: string;
	yourReference: string;
}

function fail(context: IExecuteFunctions, itemIndex: number, message: string, description: string): never {
	throw new NodeOperationError(context.getNode(), message, { itemIndex, description });
}

function readJsonBody(context: IExecuteFunctions, itemIndex: number): IDataObject {
	const fixIt =
		'Enter the consignment as a JSON object, e.g. { "ShippingLocationReference": "...", "Packages": [...], "Addresses": [...] }. Nothing was sent to SortedPRO.';
	let raw: unknown;
	try {
		raw = context.getNodeParameter('jsonBody', itemIndex, '');
	} catch (error) {
		// n8n parses a JSON parameter itself and throws its parser's bare message.
		const reason = error instanceof Error ? error.message : String(error);
		fail(context, itemIndex, `"JSON Body" in item ${itemIndex} is not valid JSON (${reason.slice(0, 100)})`, fixIt);
	}
	if (typeof raw === 'string' && raw.trim() === '') {
		fail(context, itemIndex, `"JSON Body" is empty in item ${itemIndex}`, fixIt);
	}
	let parsed: unknown = raw;
	if (typeof raw === 'string') {
		try {
			parsed = JSON.parse(raw) as unknown;
		} catch (error) {
			const reason = error instanceof Error ? error.message : String(error);
			fail(context, itemIndex, `"JSON Body" in item ${itemIndex} is not valid JSON (${reason.slice(0, 100)})`, fixIt);
		}
	}
	if (!isRecord(parsed)) {
		fail(context, itemIndex, `"JSON Body" in item ${itemIndex} is not a JSON object`, fixIt);
	}
	const broken = brokenTextPath(parsed, 'JSON Body');
	if (broken) assertWellFormed(context, broken.text, broken.path, itemIndex);
	return parsed as IDataObject;
}

/** The first text inside a JSON value that holds a broken character, with where it is. */
function brokenTextPath(value: unknown, path: string): { path: string; text: string } | undefined {
	if (typeof value === 'string') {
		try {
			encodeURIComponent(value);
			return undefined;
		} catch {
			return { path, text: value };
		}
	}
	if (typeof value !== 'object' || value === null) return undefined;
	for (const [key, inner] of Object.entries(value)) {
		const found = brokenTextPath(inner, `${path} > ${key}`);
		if (found) return found;
	}
	return undefined;
}

/** A number field of a package: finite, and more than 0 (`required`) or at least 0. */
function packageNumber(
	context: IExecuteFunctions,
	itemIndex: number,
	packageIndex: number,
	label: string,
	value: unknown,
	required: boolean,
): number {
	if (!required && (value === undefined || value === null || value === '')) return 0;
	const number = Number(value);
	const wrong = !Number.isFinite(number) || (required ? number <= 0 : number < 0);
	if (wrong) {
		fail(
			context,
			itemIndex,
			`"Packages > ${label}" of package ${packageIndex + 1} in item ${itemIndex} must be ${required ? 'more than 0' : 'a number of 0 or more'}`,
			required ? 'Enter the weight in kilograms.' : 'Enter a plain number, or leave it empty. Nothing was sent to SortedPRO.',
		);
	}
	return number;
}

function readFieldsBody(context: IExecuteFunctions, itemIndex: number): IDataObject {
	const shippingLocationReference = readReference(
		context,
		'shippingLocationReference',
		'Origin Shipping Location Reference',
		itemIndex,
		'EST-00001-0001',
	);
	const destination = context.getNodeParameter('destination', itemIndex, {}) as Record<string, string>;
	const field = (name: string) => String(destination[name] ?? '').trim();
	for (const [name, label] of [
		['addressLine1', 'Address Line 1'],
		['town', 'Town'],
		['countryCode', 'Country Code'],
	]) {
		if (!field(name)) {
			fail(context, itemIndex, `"Destination > ${label}" is empty in item ${itemIndex}`, 'Add it under Destination. Nothing was sent to SortedPRO.');
		}
	}
	const countryCode = field('countryCode').toUpperCase();
	if (!/^[A-Z]{2}$/.test(countryCode)) {
		fail(context, itemIndex, `"Destination > Country Code" in item ${itemIndex} is "${field('countryCode')}", not a two-letter code`, 'Use the ISO code, e.g. GB, DE or US.');
	}

	const packages = ((context.getNodeParameter('packages', itemIndex, {}) as IDataObject).package ?? []) as IDataObject[];
	if (packages.length === 0) {
		fail(context, itemIndex, `"Packages" is empty in item ${itemIndex}`, 'Add at least one package with its weight.');
	}
	const Packages = packages.map((pkg, index) => {
		const number = (label: string, value: unknown, required = false) =>
			packageNumber(context, itemIndex, index, label, value, required);
		const weight = number('Weight', pkg.weight, true);
		const entry: IDataObject = { Weight: { Value: weight, Unit: 'Kg' } };
		const [length, width, height] = [
			number('Length', pkg.length),
			number('Width', pkg.width),
			number('Height', pkg.height),
		];
		if (length > 0 || width > 0 || height > 0) {
			entry.Dimensions = { Unit: 'Cm', Length: length, Width: width, Height: height };
		}
		const value = number('Value', pkg.value);
		if (value > 0) {
			entry.Value = { Amount: value, Currency: { IsoCode: String(pkg.currency || 'GBP').trim().toUpperCase() } };
		}
		if (typeof pkg.description === 'string' && pkg.description.trim()) entry.Description = pkg.description.trim();
		return entry;
	});

	const contact: IDataObject = {};
	for (const [name, key] of [
		['firstName', 'FirstName'],
		['lastName', 'LastName'],
		['email', 'Email'],
		['telephone', 'Telephone'],
	]) {
		if (field(name)) contact[key] = field(name);
	}
	const address: IDataObject = { AddressType: 'Destination', Country: { IsoCode: { TwoLetterCode: countryCode } } };
	if (Object.keys(contact).length) address.Contact = contact;
	for (const [name, key] of [
		['companyName', 'CompanyName'],
		['addressLine1', 'AddressLine1'],
		['addressLine2', 'AddressLine2'],
		['addressLine3', 'AddressLine3'],
		['town', 'Town'],
		['region', 'Region'],
		['postcode', 'Postcode'],
	]) {
		if (field(name)) address[key] = field(name);
	}

	const body: IDataObject = {
		ShippingLocationReference: shippingLocationReference,
		Direction: 'Outbound',
		Packages,
		Addresses: [{ AddressType: 'Origin', ShippingLocationReference: shippingLocationReference }, address],
	};
	const additional = context.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	if (typeof additional.customerReference === 'string' && additional.customerReference.trim()) {
		body.ConsignmentReferenceProvidedByCustomer = additional.customerReference.trim();
	}
	if (typeof additional.shippingDate === 'string' && additional.shippingDate) body.ShippingDate = additional.shippingDate;
	if (typeof additional.tags === 'string') {
		const tags = additional.tags.split(',').map((tag) => tag.trim()).filter(Boolean);
		if (tags.length) body.Tags = tags;
	}
	const entries = ((additional.metadata as IDataObject | undefined)?.entry ?? []) as Array<{ key?: string; value?: string }>;
	const metadata = entries.filter((entry) => entry.key?.trim()).map((entry) => ({ KeyValue: entry.key!.trim(), StringValue: entry.value ?? '' }));
	if (metadata.length) body.MetaData = metadata;
	return body;
}

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	const settings = await readRunSettings(this);
	return await runPerItem<Task>(this, items, {
		read: (itemIndex) => {
			const mode = this.getNodeParameter('inputMode', itemIndex, 'fields') as string;
			const body = mode === 'json' ? readJsonBody(this, itemIndex) : readFieldsBody(this, itemIndex);
			if (mode !== 'json') {
				const broken = brokenTextPath(body, 'Consignment');
				if (broken) assertWellFormed(this, broken.text, broken.path, itemIndex);
			}
			const yours = typeof body.ConsignmentReferenceProvidedByCustomer === 'string' ? body.ConsignmentReferenceProvidedByCustomer : '';
			return {
				itemIndex,
				body,
				yourReference: yours,
				label: yours ? `a consignment for your reference ${yours}` : `a consignment for item ${itemIndex}`,
			};
		},
		send: async ({ itemIndex, body, label, yourReference }) => {
			const links = await sortedProApiRequest.call(
				this,
				// Not repeatable: a create whose answer was lost may have created the consignment.
				{ method: 'POST', path: '/consignments', body, repeatable: false },
				{
					action: `create ${label}`,
					notFound: 'the shipping location or another referenced record',
					itemIndex,
					ifAnswerLost: `SortedPRO may have created the consignment before the answer was lost. Do not simply run the workflow again: first look for it in SortedPRO by ${yourReference ? `your reference ${yourReference}` : 'your own reference or the order details'} (SortedPRO: Consignments, search; or this node's Consignment > Get Many). Run again only for orders that have no consignment. Setting "Your Reference" on every consignment makes this check easy.`,
				},
				settings.request,
			);
			// SortedPRO answers with links, the first of which ends in the new consignment's reference.
			const ApiLinks = listOf(links).filter(isRecord) as IDataObject[];
			const ConsignmentReference = ApiLinks.map((link) => referenceFromLink(link.Href)).find(Boolean) ?? null;
			return { ConsignmentReference, ApiLinks, ...(isRecord(links) ? { response: links as IDataObject } : {}) };
		},
	}, settings.concurrency);
}
