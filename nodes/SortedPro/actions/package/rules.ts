/** help/consignment_states.md: packages are added and edited only before allocation. */
export const PACKAGE_STATES_RULE =
	"SortedPRO changes a consignment's packages only while it is Unallocated or Allocation Failed: deallocate it first (Allocation > Deallocate), change the package, then allocate it again.";
