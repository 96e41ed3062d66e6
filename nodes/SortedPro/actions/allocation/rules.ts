import type { RefusalAdvice } from '../../../shared/transport';

/** SortedPRO's state rules, shown when it refuses an allocation call because of a consignment's state. */
export const ALLOCATABLE_STATES_RULE =
	'Only consignments in state Unallocated or Allocation Failed can be allocated; to allocate an allocated consignment again, deallocate it first (Allocation > Deallocate).';

export const DEALLOCATABLE_STATES_RULE =
	'Only consignments in state Allocated, Manifested or Manifest Failed can be deallocated.';

/**
 * Refusals of an allocation that are not about the state, with the step that fixes them.
 * SortedPRO's wording is not documented: the simulator says "No carrier service … is eligible".
 */
export const ALLOCATION_REFUSALS: RefusalAdvice[] = [
	{
		when: /no ?eligible|not eligible|is eligible|no carrier service (?:is )?available|no (?:suitable|available) (?:carrier )?service/i,
		say: 'No carrier service this allocation may use accepts the consignment as it is (its weight, size, destination or shipping date). See which services can take it with Quote > Get Many, then allocate with Allocation > Allocate With Quote or Allocate With Carrier Service; or choose another service group, or correct its packages with Package > Update. A failed allocation can be tried again.',
	},
];

/** What every allocation call says about refusals: the state rule, and the other refusals. */
export const ALLOCATION_RULES = {
	stateRule: ALLOCATABLE_STATES_RULE,
	refusals: ALLOCATION_REFUSALS,
};
