/**
 * SortedPRO's reference data lists, which fill the drop-downs (methods/) and which the
 * Get Many operations of Carrier Service and Service Group return (actions/).
 */

import { isRecord } from '../../shared/lists';

/** A list of SortedPRO reference data: where it is, what it is called, which fields name an entry. */
export interface ReferenceList {
	path: string;
	what: string;
	codeKeys: string[];
	nameKeys: string[];
}

// SortedPRO documents `GET /carrierservices` as answering an object (the SDK's
// SubscriptionMpdCarrierServiceResponse) but not its fields, and documents neither the service
// groups' nor the shipping locations' answers: the keys are tried in order.
export const SERVICE_GROUPS: ReferenceList = {
	path: '/servicegroups',
	what: 'carrier service groups',
	codeKeys: [
		'ServiceGroupCode',
		'Code',
		'MpdCarrierServiceGroupReference',
		'CarrierServiceGroupReference',
		'Reference',
	],
	nameKeys: ['Name', 'ServiceGroupName', 'DisplayName', 'Description'],
};

export const CARRIER_SERVICES: ReferenceList = {
	path: '/carrierservices',
	what: 'carrier services',
	codeKeys: ['Reference', 'MpdCarrierServiceReference', 'CarrierServiceReference', 'Code'],
	nameKeys: ['Name', 'CarrierServiceName', 'DisplayName', 'Description'],
};

export const SHIPPING_LOCATIONS: ReferenceList = {
	path: '/shippinglocations',
	what: 'shipping locations',
	codeKeys: ['Reference', 'ShippingLocationReference', 'Code'],
	nameKeys: ['Name', 'ShippingLocationName', 'DisplayName', 'Description'],
};

/**
 * SDK PackageSizeService: `GET /packagesizes` (List<PackageSize>) and `GET /packagesizes/default`
 * (one PackageSize). PackageSize's fields are not documented: the keys are tried in order.
 */
export const PACKAGE_SIZES: ReferenceList = {
	path: '/packagesizes',
	what: 'package sizes',
	codeKeys: ['Reference', 'PackageSizeReference', 'Code'],
	nameKeys: ['Name', 'Description', 'DisplayName'],
};
export const DEFAULT_PACKAGE_SIZE_PATH = '/packagesizes/default';

/**
 * The entries of a reference list answer: a list, or an object holding one list (as
 * `GET /carrierservices` does). Undefined when the answer is neither: the caller says it could
 * not read the list, never "the list is empty".
 */
export function referenceEntriesOf(body: unknown): Array<Record<string, unknown>> | undefined {
	if (Array.isArray(body)) return body.filter(isRecord);
	if (!isRecord(body)) return undefined;
	const lists = Object.values(body).filter(Array.isArray);
	return lists.length === 1 ? lists[0].filter(isRecord) : undefined;
}

/** Why a reference list could not be read, for the error. */
export function unreadableList(list: ReferenceList): string {
	return `SortedPRO's answer for the ${list.what} is not a list the node can read (SortedPRO does not document its fields)`;
}
