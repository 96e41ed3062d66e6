/**
 * SortedPRO's consignment states: the values are the SDK's ConsignmentState enum as
 * SortedPRO spells them in answers and in the search's State filter (help/consignment_states.md,
 * pro-sdk/reference/ref-consignments/…Enums.ConsignmentState), the names as people read them.
 */
const STATE_VALUES = [
	'Unallocated',
	'Allocating',
	'AllocationFailed',
	'Allocated',
	'ReadyToShip',
	'Manifesting',
	'Manifested',
	'ManifestFailed',
	'Dispatched',
	'AtDropOffPoint',
	'Collected',
	'CollectionFailed',
	'CarrierUnableToCollect',
	'ExchangeFailed',
	'InTransit',
	'InTransitWaiting',
	'AtCustoms',
	'HeldByCarrier',
	'Delayed',
	'OutForDelivery',
	'AtCollectionPoint',
	'DeliveryFailed',
	'DeliveryFailedCardLeft',
	'Delivered',
	'DeliveredDamaged',
	'PartiallyDelivered',
	'ReturnToSender',
	'ActionRequired',
	'Missing',
	'Lost',
	'Damaged',
	'Cancelling',
	'Cancelled',
] as const;

export type ConsignmentState = (typeof STATE_VALUES)[number];

/**
 * A state's name is its value with a space where a lower-case letter meets a capital:
 * "AllocationFailed" → "Allocation Failed".
 */
const NAME_BREAK = { pattern: '([a-z])([A-Z])', replacement: '$1 $2' } as const;
const readable = (value: string) =>
	value.replace(new RegExp(NAME_BREAK.pattern, 'g'), NAME_BREAK.replacement);

/** The states for Get Many's filter and the trigger, in alphabetical order of their names. */
export const CONSIGNMENT_STATES = STATE_VALUES.map((value) => ({
	name: readable(value),
	value,
})).sort((a, b) => a.name.localeCompare(b.name));

/** A state's readable name from its value. */
export function stateName(value: string): string {
	return readable(value);
}

/**
 * Whether two spellings name the same state: SortedPRO writes "ReadyToShip", people (and
 * workflows saved by earlier versions of this node) "Ready To Ship".
 */
export function sameState(a: string, b: string): boolean {
	const key = (state: string) => state.replace(/[\s_-]+/g, '').toLowerCase();
	return key(a) === key(b);
}
