import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { readReference } from '../../helpers/parameters';

export const ALLOCATABLE_STATES_RULE =
	'Only consignments in state Unallocated or Allocation Failed can be allocated; an allocated consignment must be deallocated first.';

export const consignmentReferenceField: INodeProperties = {
	displayName: 'Consignment Reference',
	name: 'consignmentReference',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. EC-000-05B-MMA',
	description:
		'The SortedPRO consignment reference. Usually dragged in from the incoming item as an expression.',
};

export function readConsignmentReference(context: IExecuteFunctions, itemIndex: number): string {
	return readReference(context, 'consignmentReference', 'Consignment Reference', itemIndex, 'EC-000-05B-MMA');
}

/**
 * The Allocation Summary as the node outputs it: one object (SortedPRO sometimes wraps
 * it in a one-element array) plus the consignment reference that was allocated. An
 * answer of another shape is kept under `response` rather than dropped: the call
 * succeeded, so the consignment was allocated.
 */
export function allocationSummaryOutput(body: unknown, consignmentReference: string): IDataObject {
	const summary = Array.isArray(body) && body.length === 1 ? (body[0] as unknown) : body;
	if (summary === undefined || summary === null) {
		return { ConsignmentReference: consignmentReference };
	}
	if (typeof summary !== 'object' || Array.isArray(summary)) {
		return { ConsignmentReference: consignmentReference, response: summary as IDataObject };
	}
	return { ...(summary as IDataObject), ConsignmentReference: consignmentReference };
}
