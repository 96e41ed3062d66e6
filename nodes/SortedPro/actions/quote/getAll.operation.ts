import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, INodeProperties } from 'n8n-workflow';

import type { ConsignmentCall, ConsignmentTask } from '../../helpers/consignmentCall';
import { consignmentReference } from '../../helpers/fields';
import { firstText } from '../../../shared/lists';
import { cheapestFirst, quoteFields, quotesAnswerOf } from '../../helpers/quotes';
import { sortedProPath } from '../../../shared/transport';
import type { SimplifiedKind } from '../../helpers/simplify';
import type { OperationOption } from '../types';
import type { Effect } from '../../helpers/toolDescription';

export const option: OperationOption = {
	name: 'Get Many',
	value: 'getAll',
	action: 'Get many quotes',
	description: "Get the carrier services' quotes for a consignment, cheapest first",
};

/** What an AI agent is told this operation changes (helpers/toolDescription.ts). */
export const effect: Effect = 'reads';

/** Simplify keeps each quote's carrier service, price and dates. */
export const simplified: SimplifiedKind = 'quote';

export const description: INodeProperties[] = [
	consignmentReference.property,
	{
		displayName: 'Include Unqualified Services',
		name: 'includeUnqualified',
		type: 'boolean',
		default: false,
		description:
			"Whether to add one item per carrier service that did not qualify, with SortedPRO's ExclusionReason, after the quotes (Qualified: false)",
	},
];

interface Task extends ConsignmentTask {
	includeUnqualified: boolean;
}

export const call: ConsignmentCall<Task> = {
	read: (context, itemIndex) => ({
		itemIndex,
		consignmentReference: consignmentReference.read(context, itemIndex),
		includeUnqualified: context.getNodeParameter('includeUnqualified', itemIndex, false) === true,
	}),
	action: (subject) => `get the quotes for ${subject}`,
	stateRule: 'SortedPRO quotes consignments that are not allocated yet.',
	single: ({ consignmentReference }) => ({
		method: 'GET',
		path: sortedProPath`/quotes/consignment/${consignmentReference}`,
	}),
	/**
	 * One item per quote, cheapest first: SortedPRO's fields plus the ones a user maps. With no
	 * quote, one item that says so and carries the unqualified services with their reasons, so a
	 * user can see why nothing qualified.
	 */
	output: (context, task, answer) => {
		const found = quotesAnswerOf(answer);
		const fail = (problem: string) =>
			new NodeOperationError(
				context.getNode(),
				`Could not get the quotes for consignment ${task.consignmentReference}: ${problem}`,
				{
					itemIndex: task.itemIndex,
					description:
						'SortedPRO documents { "QuoteRequestReference", "Quotes": [...], "UnqualifiedServices": [...] }. Nothing from this answer was used.',
				},
			);
		if (!found) throw fail("SortedPRO's answer is not a quotes answer");
		// A quote that names its consignment must name this one.
		const foreign = found.quotes
			.map((quote) => firstText(quote, ['ConsignmentReference']))
			.find((named) => named && named !== task.consignmentReference);
		if (foreign) throw fail(`SortedPRO's answer holds a quote for consignment ${foreign}`);
		const request =
			answer && typeof answer === 'object' && !Array.isArray(answer)
				? { QuoteRequestReference: (answer as IDataObject).QuoteRequestReference ?? null }
				: {};
		const unqualified = found.unqualified.map((service) => ({
			json: {
				...(service as IDataObject),
				ConsignmentReference: task.consignmentReference,
				Qualified: false,
			},
		}));
		if (found.quotes.length === 0) {
			return [
				{
					json: {
						ConsignmentReference: task.consignmentReference,
						...request,
						QuoteCount: 0,
						UnqualifiedServices: found.unqualified as IDataObject[],
					},
				},
			];
		}
		const quotes = cheapestFirst(found.quotes).map((quote) => ({
			json: {
				...(quote as IDataObject),
				...(quoteFields(quote) as IDataObject),
				ConsignmentReference: task.consignmentReference,
				...request,
				Qualified: true,
			},
		}));
		return task.includeUnqualified ? [...quotes, ...unqualified] : quotes;
	},
};
