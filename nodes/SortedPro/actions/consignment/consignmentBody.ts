/**
 * How the Create operation's fields become the consignment SortedPRO expects: the most
 * SortedPRO-specific knowledge in the node, kept pure so it can be tested on its own.
 * A problem with the input is an InputError naming the field and the item; the operation
 * turns it into n8n's error for that item.
 */
import type { IDataObject } from 'n8n-workflow';

import { isRecord } from '../../../shared/lists';
import { InputError, metadataEntries, tagList, yourReferenceText } from './consignmentDetails';

export { InputError };

/** The Create fields of one item, as n8n hands them over. */
export interface ConsignmentFields {
	shippingLocationReference: string;
	destination: Record<string, unknown>;
	packages: IDataObject[];
	additionalFields: IDataObject;
}

const JSON_BODY_ADVICE =
	'Enter the consignment as a JSON object, e.g. { "Packages": [...], "Addresses": [{ "AddressType": "Origin", "ShippingLocationReference": "..." }, ...] }. Nothing was sent to SortedPRO.';

/** The JSON Body parameter (text, or already parsed by n8n) as a consignment object. */
export function consignmentFromJson(raw: unknown, itemIndex: number): IDataObject {
	if (typeof raw === 'string' && raw.trim() === '') {
		throw new InputError(`"JSON Body" is empty in item ${itemIndex}`, JSON_BODY_ADVICE);
	}
	let parsed: unknown = raw;
	if (typeof raw === 'string') {
		try {
			parsed = JSON.parse(raw) as unknown;
		} catch (error) {
			throw invalidJson(error, itemIndex);
		}
	}
	if (!isRecord(parsed))
		throw new InputError(`"JSON Body" in item ${itemIndex} is not a JSON object`, JSON_BODY_ADVICE);
	return parsed as IDataObject;
}

/** The error for a JSON Body no parser accepts (n8n's own parser included). */
export function invalidJson(error: unknown, itemIndex: number): InputError {
	const reason = error instanceof Error ? error.message : String(error);
	return new InputError(
		`"JSON Body" in item ${itemIndex} is not valid JSON (${reason.slice(0, 100)})`,
		JSON_BODY_ADVICE,
	);
}

/** The first text inside a JSON value that holds a broken character, with where it is. */
export function brokenTextPath(
	value: unknown,
	path: string,
): { path: string; text: string } | undefined {
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
export function packageNumber(
	value: unknown,
	field: string,
	itemIndex: number,
	required = false,
): number {
	if (!required && (value === undefined || value === null || value === '')) return 0;
	const number = Number(value);
	if (!Number.isFinite(number) || (required ? number <= 0 : number < 0)) {
		throw new InputError(
			`${field} in item ${itemIndex} must be ${required ? 'more than 0' : 'a number of 0 or more'}`,
			required
				? 'Enter the weight in kilograms, or pick a Package Size.'
				: 'Enter a plain number, or leave it empty. Nothing was sent to SortedPRO.',
		);
	}
	return number;
}

function packagesOf(packages: IDataObject[], itemIndex: number): IDataObject[] {
	if (packages.length === 0) {
		throw new InputError(
			`"Packages" is empty in item ${itemIndex}`,
			'Add at least one package with its weight.',
		);
	}
	return packages.map((pkg, index) => packageOf(pkg, index, itemIndex));
}

/**
 * One package's fields (weight, length, width, height, value, currency, description, package
 * size) as SortedPRO's package (Create's Packages entry, Add Package's UpdatePackageRequest). The
 * weight is required unless a package size is given: SortedPRO's PackageSizeReference stands for
 * the weight and dimensions (SDK BasePackage).
 */
export function packageOf(
	pkg: IDataObject,
	index: number,
	itemIndex: number,
	fieldName: (label: string) => string = (label) => `"Packages > ${label}" of package ${index + 1}`,
): IDataObject {
	const number = (label: string, value: unknown, required = false) =>
		packageNumber(value, fieldName(label), itemIndex, required);
	const size = typeof pkg.packageSizeReference === 'string' ? pkg.packageSizeReference.trim() : '';
	const weight = number('Weight', pkg.weight, !size);
	const entry: IDataObject = {};
	if (weight > 0) entry.Weight = { Value: weight, Unit: 'Kg' };
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
		entry.Value = {
			Amount: value,
			Currency: {
				IsoCode: String(pkg.currency || 'GBP')
					.trim()
					.toUpperCase(),
			},
		};
	}
	if (typeof pkg.description === 'string' && pkg.description.trim())
		entry.Description = pkg.description.trim();
	if (size) entry.PackageSizeReference = size;
	return entry;
}

/** Destination fields and the SortedPRO names they are sent under. */
const CONTACT_FIELDS = [
	['firstName', 'FirstName'],
	['lastName', 'LastName'],
	['email', 'Email'],
	['telephone', 'Telephone'],
] as const;
const ADDRESS_FIELDS = [
	['companyName', 'CompanyName'],
	['addressLine1', 'AddressLine1'],
	['addressLine2', 'AddressLine2'],
	['addressLine3', 'AddressLine3'],
	['town', 'Town'],
	['region', 'Region'],
	['postcode', 'Postcode'],
] as const;
// SortedPRO's own example destination has no Town (help/creating_new_consignments.md).
const REQUIRED_DESTINATION_FIELDS = [
	['addressLine1', 'Address Line 1'],
	['countryCode', 'Country Code'],
] as const;

function destinationAddress(destination: Record<string, unknown>, itemIndex: number): IDataObject {
	const field = (name: string) => String(destination[name] ?? '').trim();
	for (const [name, label] of REQUIRED_DESTINATION_FIELDS) {
		if (!field(name)) {
			throw new InputError(
				`"Destination > ${label}" is empty in item ${itemIndex}`,
				'Add it under Destination. Nothing was sent to SortedPRO.',
			);
		}
	}
	const countryCode = field('countryCode').toUpperCase();
	if (!/^[A-Z]{2}$/.test(countryCode)) {
		throw new InputError(
			`"Destination > Country Code" in item ${itemIndex} is "${field('countryCode')}", not a two-letter code`,
			'Use the ISO code, e.g. GB, DE or US.',
		);
	}
	const contact: IDataObject = {};
	for (const [name, key] of CONTACT_FIELDS) if (field(name)) contact[key] = field(name);
	const address: IDataObject = {
		AddressType: 'Destination',
		Country: { IsoCode: { TwoLetterCode: countryCode } },
	};
	if (Object.keys(contact).length) address.Contact = contact;
	for (const [name, key] of ADDRESS_FIELDS) if (field(name)) address[key] = field(name);
	return address;
}

/** The consignment SortedPRO's POST /consignments expects, from the Create fields of one item. */
export function consignmentFromFields(fields: ConsignmentFields, itemIndex: number): IDataObject {
	const { shippingLocationReference, additionalFields: additional } = fields;
	const address = destinationAddress(fields.destination, itemIndex);
	// help/creating_new_consignments.md: the origin's shipping location is part of the origin
	// address; the Create Consignment contract has no top-level ShippingLocationReference.
	const body: IDataObject = {
		Direction: 'Outbound',
		Packages: packagesOf(fields.packages, itemIndex),
		Addresses: [
			{ AddressType: 'Origin', ShippingLocationReference: shippingLocationReference },
			address,
		],
	};
	const yours = yourReferenceText(
		additional.customerReference,
		'Additional Fields > Your Reference',
		itemIndex,
	);
	if (yours) {
		body.ConsignmentReferenceProvidedByCustomer = yours;
	}
	if (typeof additional.shippingDate === 'string' && additional.shippingDate)
		body.ShippingDate = additional.shippingDate;
	if (typeof additional.tags === 'string') {
		const tags = tagList(additional.tags);
		if (tags.length) body.Tags = tags;
	}
	const metadata = metadataEntries(additional.metadata);
	if (metadata.length) body.MetaData = metadata;
	return body;
}
