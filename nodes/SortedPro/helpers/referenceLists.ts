/**
 * SortedPRO's reference data lists, which fill the drop-downs (methods/) and which the
 * Get Many operations of Carrier Service and Service Group return (actions/).
 */

/** A list of SortedPRO reference data: where it is, what it is called, which fields name an entry. */
export interface ReferenceList {
	path: string;
	what: string;
	codeKeys: string[];
	nameKeys: string[];
}

// SortedPRO does not document these lists' fields; the keys are tried in order.
export const SERVICE_GROUPS: ReferenceList = {
	path: '/servicegroups/',
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
	path: '/carrierservices/',
	what: 'carrier services',
	codeKeys: ['Reference', 'MpdCarrierServiceReference', 'CarrierServiceReference', 'Code'],
	nameKeys: ['Name', 'CarrierServiceName', 'DisplayName', 'Description'],
};

export const SHIPPING_LOCATIONS: ReferenceList = {
	path: '/shippingLocations/',
	what: 'shipping locations',
	codeKeys: ['Reference', 'ShippingLocationReference', 'Code'],
	nameKeys: ['Name', 'ShippingLocationName', 'DisplayName', 'Description'],
};
