/**
 * Update Consignment as read-modify-write. SortedPRO's `PUT /consignments` takes the whole
 * consignment with its reference in `Reference`, and for ShippingDate, RequestedDeliveryDate,
 * ConsignmentReferenceProvidedByCustomer, CustomsDocumentation, MetaData and Addresses "if no
 * value is provided, any existing value is deleted" (help/updating_existing_consignments.md;
 * SDK UpdateConsignmentRequest, which also says an omitted Packages removes them). So the
 * request is built from the consignment as Get Consignment returned it, with only the user's
 * changes applied: nothing is deleted that the user did not ask to change. Pure: no n8n.
 */
import type { IDataObject } from 'n8n-workflow';

import { isRecord } from '../../../shared/lists';

/** The fields of SortedPRO's UpdateConsignmentRequest besides `Reference`. */
const UPDATE_FIELDS = [
	'ShippingDate',
	'RequestedDeliveryDate',
	'ConsignmentReferenceProvidedByCustomer',
	'CustomsDocumentation',
	'Addresses',
	'MetaData',
	'Packages',
	'Tags',
] as const;

/** The fields of SortedPRO's UpdatePackageRequest: what a package read back may be sent as. */
const PACKAGE_FIELDS = [
	'Reference',
	'PackageReferenceProvidedByCustomer',
	'Weight',
	'Dimensions',
	'Description',
	'Value',
	'PackageSizeReference',
	'Barcode',
	'MetaData',
	'Items',
];

/** What the user asked to change. */
export interface ConsignmentChanges {
	shippingDate?: string;
	yourReference?: string;
	/** Replaces the consignment's tags. */
	tags?: string[];
	/** Set or replace these metadata entries by key; other entries stay. */
	metadata?: Array<{ KeyValue: string; StringValue: string }>;
	/**
	 * Other Changes (JSON): each top-level field replaces the consignment's; an address in
	 * `Addresses` changes the consignment's address of the same AddressType (its other
	 * fields stay), or is added.
	 */
	json?: IDataObject;
}

function pick(record: Record<string, unknown>, keys: readonly string[]): IDataObject {
	const picked: IDataObject = {};
	for (const key of keys) if (record[key] !== undefined) picked[key] = record[key] as IDataObject;
	return picked;
}

function mergeAddresses(current: unknown, changes: unknown): unknown {
	if (!Array.isArray(changes)) return changes;
	const merged = Array.isArray(current)
		? current.filter(isRecord).map((address) => ({ ...address }))
		: [];
	for (const change of changes.filter(isRecord)) {
		const same = merged.find(
			(address) => change.AddressType !== undefined && address.AddressType === change.AddressType,
		);
		if (same) Object.assign(same, change);
		else merged.push({ ...change });
	}
	return merged;
}

function mergeMetadata(
	current: unknown,
	entries: Array<{ KeyValue: string; StringValue: string }>,
) {
	const merged = Array.isArray(current)
		? current.filter(isRecord).map((entry) => ({ ...entry }))
		: [];
	for (const entry of entries) {
		const same = merged.find((existing) => existing.KeyValue === entry.KeyValue);
		if (same) Object.assign(same, entry);
		else merged.push({ ...entry });
	}
	return merged;
}

/**
 * Why Other Changes (JSON) cannot be applied, or undefined: Addresses must be a list of
 * addresses that each name their AddressType (that is how they are matched).
 */
export function changesProblem(json: IDataObject): string | undefined {
	const field = Object.keys(json).find((key) => canonical(key) === 'Addresses');
	if (field === undefined) return undefined;
	const given = json[field];
	if (!Array.isArray(given)) return 'has "Addresses" that is not a list';
	const unnamed = given.findIndex(
		(address) => !isRecord(address) || typeof address.AddressType !== 'string',
	);
	return unnamed === -1
		? undefined
		: `has an address (number ${unnamed + 1} in "Addresses") with no "AddressType" (Origin, Destination…)`;
}

/** A field name as SortedPRO spells it, whatever its case ("tags" → "Tags"); others as given. */
function canonical(field: string): string {
	return UPDATE_FIELDS.find((known) => known.toLowerCase() === field.toLowerCase()) ?? field;
}

/**
 * The Update Consignment request for `consignment` (as Get Consignment returned it) with
 * `changes` applied, and the names of the fields that were changed.
 */
export function updateRequest(
	reference: string,
	consignment: Record<string, unknown>,
	changes: ConsignmentChanges,
): { body: IDataObject; changed: string[] } {
	const body: IDataObject = { Reference: reference, ...pick(consignment, UPDATE_FIELDS) };
	if (Array.isArray(body.Packages)) {
		body.Packages = (body.Packages as unknown[])
			.filter(isRecord)
			.map((pkg) => pick(pkg, PACKAGE_FIELDS));
	}
	const changed = new Set<string>();
	const set = (field: string, value: unknown) => {
		body[field] = value as IDataObject;
		changed.add(field);
	};
	if (changes.shippingDate !== undefined) set('ShippingDate', changes.shippingDate);
	if (changes.yourReference !== undefined)
		set('ConsignmentReferenceProvidedByCustomer', changes.yourReference);
	if (changes.tags !== undefined) set('Tags', changes.tags);
	if (changes.metadata?.length) set('MetaData', mergeMetadata(body.MetaData, changes.metadata));
	for (const [given, value] of Object.entries(changes.json ?? {})) {
		const field = canonical(given);
		if (field.toLowerCase() === 'reference' || field.toLowerCase() === 'consignmentreference')
			continue;
		set(field, field === 'Addresses' ? mergeAddresses(body.Addresses, value) : value);
	}
	return { body, changed: [...changed] };
}
