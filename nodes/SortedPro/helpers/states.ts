/**
 * SortedPRO's consignment states, as its search's State filter names them (value) and as
 * people read them (name), for Get Many's filter and the trigger's states.
 */
export const CONSIGNMENT_STATES = [
	['Unallocated', 'Unallocated'],
	['Allocating', 'Allocating'],
	['Allocation Failed', 'AllocationFailed'],
	['Allocated', 'Allocated'],
	['Manifesting', 'Manifesting'],
	['Manifested', 'Manifested'],
	['Manifest Failed', 'ManifestFailed'],
	['Ready To Ship', 'ReadyToShip'],
	['Cancelling', 'Cancelling'],
	['Cancelled', 'Cancelled'],
	['Dispatched', 'Dispatched'],
	['Collection Failed', 'CollectionFailed'],
	['Carrier Unable To Collect', 'CarrierUnableToCollect'],
	['Exchange Failed', 'ExchangeFailed'],
	['Collected', 'Collected'],
]
	.sort(([a], [b]) => a.localeCompare(b))
	.map(([name, value]) => ({ name, value }));

/** A state's readable name from its filter value. */
export function stateName(value: string): string {
	return CONSIGNMENT_STATES.find((state) => state.value === value)?.name ?? value;
}
