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

import { isRecord } from '../../helpers/lists';

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
	for (const [field, value] of Object.entries(changes.json ?? {})) {
		if (field === 'Reference' || field === 'ConsignmentReference') continue;
		set(field, field === 'Addresses' ? mergeAddresses(body.Addresses, value) : value);
	}
	return { body, changed: [...changed] };
}
