/** SortedPRO's state rules, shown when it refuses an allocation call because of a consignment's state. */
export const ALLOCATABLE_STATES_RULE =
	'Only consignments in state Unallocated or Allocation Failed can be allocated; an allocated consignment must be deallocated first.';

export const DEALLOCATABLE_STATES_RULE =
	'Only consignments in state Allocated, Manifested or Manifest Failed can be deallocated.';
