/**
 * What the package does, in one sentence. n8n's nodes panel shows one entry for the package's
 * two nodes and describes it with the trigger's description, so both nodes say the same: the
 * panel entry, a search result and each node's details all describe the whole package, and the
 * trigger's events keep their own texts under Triggers.
 */
export const PACKAGE_DESCRIPTION =
	'Allocate, label, manifest and track SortedPRO consignments, and start workflows when they change (Sorted / Electio)';
