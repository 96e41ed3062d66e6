import type { INodeProperties } from 'n8n-workflow';

import type { ConsignmentCall, ConsignmentTask } from '../../helpers/consignmentCall';
import { codeLocatorField, consignmentReference } from '../../helpers/fields';
import { sortedProPath } from '../../../shared/transport';
import type { SimplifiedKind } from '../../helpers/simplify';
import type { OperationOption } from '../types';
import { ALLOCATION_RULES } from './rules';
import type { Effect } from '../../helpers/toolDescription';

export const option: OperationOption = {
	name: 'Allocate With Quote',
	value: 'allocateWithQuote',
	action: 'Allocate with quote',
	description: 'Allocate each consignment with a quote it was given earlier',
};

/** What an AI agent is told this operation changes (helpers/toolDescription.ts). */
export const effect: Effect = {
	changes:
		'allocates the consignment to a carrier service, which books it with that carrier (Deallocate undoes it until the consignment is manifested)',
};

const quoteReference = codeLocatorField({
	displayName: 'Quote Reference',
	name: 'quoteReference',
	example: '5f0c1e9a-3b7d-4c1e-9a0b-2c6f0a8d9e11',
	description:
		'The quote to allocate with: From List shows the quotes of the consignment typed above, cheapest first; By ID takes a QuoteReference (a GUID), e.g. mapped from Quote > Get Many',
	searchListMethod: 'searchQuotes',
	listPlaceholder: 'Select a quote...',
	hint: 'The QuoteReference from Quote > Get Many',
});

/** Simplify keeps the fields users map first of SortedPRO's consignment answer. */
export const simplified: SimplifiedKind = 'consignment';

export const description: INodeProperties[] = [
	consignmentReference.property,
	quoteReference.property,
];

interface Task extends ConsignmentTask {
	quoteReference: string;
}

export const call: ConsignmentCall<Task> = {
	read: (context, itemIndex) => ({
		itemIndex,
		consignmentReference: consignmentReference.read(context, itemIndex),
		quoteReference: quoteReference.read(context, itemIndex),
	}),
	action: (subject, task) => `allocate ${subject} with quote ${task.quoteReference}`,
	notFound: (subject, task) => `${subject} or quote ${task.quoteReference}`,
	...ALLOCATION_RULES,
	doneStates: ['Allocated'],
	allocates: true,
	// help/allocating_consignments.md: 200 with the Allocation Summary, or 202 Accepted.
	acceptedLater: true,
	// SDK AllocationService.AllocateWithQuoteAndGetLabels.
	labelsRoute: ({ quoteReference }) => sortedProPath`/quote/${quoteReference}`,
	single: ({ consignmentReference, quoteReference }) => ({
		method: 'PUT',
		path: sortedProPath`/allocation/${consignmentReference}/allocatewithquote/${quoteReference}`,
	}),
};
