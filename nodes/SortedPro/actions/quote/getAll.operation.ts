import type { IDataObject, INodeProperties } from 'n8n-workflow';

import type { ConsignmentCall } from '../../helpers/consignmentCall';
import { consignmentReference } from '../../helpers/fields';
import { cheapestFirst, quotesOf } from '../../helpers/quotes';
import { sortedProPath } from '../../transport';
import type { OperationOption } from '../types';

export const option: OperationOption = {
	name: 'Get Many',
	value: 'getAll',
	action: 'Get quotes for a consignment',
	description: "Get the carrier services' quotes for a consignment, cheapest first",
};

export const description: INodeProperties[] = [consignmentReference.property];

export const call: ConsignmentCall = {
	action: (subject) => `get the quotes for ${subject}`,
	stateRule: 'SortedPRO quotes consignments that are not allocated yet.',
	single: ({ consignmentReference }) => ({
		method: 'GET',
		path: sortedProPath`/quotes/consignment/${consignmentReference}`,
	}),
	// One item per quote, all of SortedPRO's fields, each naming its consignment.
	output: (_context, task, answer) =>
		cheapestFirst(quotesOf(answer)).map((quote) => ({
			json: { ...(quote as IDataObject), ConsignmentReference: task.consignmentReference },
		})),
};
