import { NodeOperationError } from 'n8n-workflow';
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { runPerItem } from '../../helpers/items';
import type { ItemTask } from '../../helpers/items';
import {
	inputError,
	readResultLimit,
	returnAllOrLimitFields,
	wellFormedIn,
} from '../../helpers/fields';
import type { RunSettings } from '../../helpers/settings';
import { referenceOf } from '../../../shared/consignments';
import { isRecord } from '../../../shared/lists';
import { otherQueryParameters, readOtherQueryParameters } from '../../../shared/searchFilters';
import { asNodeError, sortedProAnswerError, sortedProApiRequest } from '../../../shared/transport';
import type { SortedProCallContext } from '../../../shared/transport';
import type { OperationOption } from '../types';
import type { Effect } from '../../helpers/toolDescription';

export const option: OperationOption = {
	name: 'Get Late',
	value: 'getLate',
	action: 'Get late consignments',
	description: 'Get the consignments SortedPRO counts as late, with their summaries',
};

/** What an AI agent is told this operation changes (helpers/toolDescription.ts). */
export const effect: Effect = 'reads';

export const description: INodeProperties[] = [
	...returnAllOrLimitFields,
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [otherQueryParameters],
	},
];

/** Get Late makes its own requests (pages), not one per consignment. */
export const shape = 'list';

/** Late consignments asked for per page. */
export const LATE_PAGE_SIZE = 100;
/** The most pages one item reads (50,000 consignments): more is refused with advice. */
export const MAX_LATE_PAGES = 500;

/** The paging terms the node sets itself. */
const PAGING_TERMS = ['pagesize', 'startpage'];

interface Task extends ItemTask {
	limit: number;
	query: IDataObject;
}

function readQuery(context: IExecuteFunctions, itemIndex: number): IDataObject {
	const filters = context.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const query = readOtherQueryParameters(filters, wellFormedIn(context, itemIndex));
	const paging = Object.keys(query).find((name) => PAGING_TERMS.includes(name.toLowerCase()));
	if (paging)
		throw inputError(
			context,
			itemIndex,
			`"Filters > Other Query Parameters" in item ${itemIndex} sets ${paging}, which the node sets itself`,
			'Remove it: use Return All or Limit for how many late consignments to get.',
		);
	return query;
}

/** One page of SortedPRO's LateConsignmentsResponse, or undefined when it is not one. */
function latePageOf(
	answer: unknown,
): { total?: number; summaries: Array<Record<string, unknown>> } | undefined {
	if (!isRecord(answer) || !Array.isArray(answer.ConsignmentSummaries)) return undefined;
	if (!answer.ConsignmentSummaries.every(isRecord)) return undefined;
	const total = answer.TotalNumberOfLateConsignments;
	if (total !== undefined && total !== null && !(Number.isInteger(total) && Number(total) >= 0))
		return undefined;
	return {
		total: typeof total === 'number' ? total : undefined,
		summaries: answer.ConsignmentSummaries,
	};
}

/**
 * Reads the late consignments page by page. SortedPRO's ConsignmentSearchTerms page with
 * `pageSize` and `startPage` but do not say whether pages count from 0 or 1, so the first two
 * pages asked for are 0 and 1: counted from 1, page 1 repeats page 0 (or page 0 is refused with
 * 400, or is empty although TotalNumberOfLateConsignments is not, and page 1 is the first);
 * either way page 2 comes next. A page that brings nothing new after
 * that, or fewer consignments than TotalNumberOfLateConsignments promises, is an error, never a
 * partial list.
 */
async function readLate(
	context: IExecuteFunctions,
	task: Task,
	settings: RunSettings,
): Promise<Array<Record<string, unknown>>> {
	const about: SortedProCallContext = {
		action: 'get the late consignments',
		notFound: 'the late consignments',
		itemIndex: task.itemIndex,
	};
	const summaries: Array<Record<string, unknown>> = [];
	const seen = new Set<string>();
	let total: number | undefined;
	const fail = (problem: string) =>
		new NodeOperationError(context.getNode(), `Could not get the late consignments: ${problem}`, {
			itemIndex: task.itemIndex,
			description:
				'Nothing was output, so that no run works on a partial list. Try again later, or set a Limit.',
		});
	for (let page = 0; page < MAX_LATE_PAGES; page++) {
		let answer: unknown;
		try {
			answer = await sortedProApiRequest.call(
				context,
				{
					method: 'GET',
					path: '/consignments/late',
					qs: { ...task.query, pageSize: LATE_PAGE_SIZE, startPage: page },
				},
				about,
				settings.request,
			);
		} catch (error) {
			// Pages counted from 1: page 0 may be refused. Page 1 is then the first.
			const nodeError = asNodeError(context.getNode(), error);
			if (page === 0 && String((nodeError as { httpCode?: unknown }).httpCode) === '400') continue;
			throw nodeError;
		}
		const found = latePageOf(answer);
		if (!found)
			throw sortedProAnswerError(
				context.getNode(),
				200,
				'JSON that is not a late consignments answer ({ "TotalNumberOfLateConsignments", "ConsignmentSummaries" })',
				about,
			);
		total = found.total ?? total;
		// Counted from 1, page 0 may also come back empty while there are late consignments.
		if (page === 0 && found.summaries.length === 0 && (total ?? 0) > 0) continue;
		let fresh = 0;
		for (const summary of found.summaries) {
			const reference = referenceOf(summary);
			if (reference && seen.has(reference)) continue;
			if (reference) seen.add(reference);
			fresh++;
			summaries.push(summary);
		}
		const wanted = Math.min(task.limit, total ?? Infinity);
		if (summaries.length >= wanted) return summaries.slice(0, task.limit);
		if (found.summaries.length < LATE_PAGE_SIZE) break;
		// Page 1 repeating page 0 is how pages counted from 1 show; any later repeat is not paging.
		if (fresh === 0 && page !== 1) throw fail(`SortedPRO gave page ${page} again`);
	}
	if (total !== undefined && summaries.length < Math.min(task.limit, total))
		throw fail(
			`SortedPRO counts ${total} late consignments, but its pages gave ${summaries.length}`,
		);
	if (summaries.length >= LATE_PAGE_SIZE * MAX_LATE_PAGES && task.limit > summaries.length)
		throw fail(`there are more than ${LATE_PAGE_SIZE * MAX_LATE_PAGES}; set a Limit`);
	return summaries.slice(0, task.limit);
}

export async function execute(
	context: IExecuteFunctions,
	items: INodeExecutionData[],
	settings: RunSettings,
): Promise<INodeExecutionData[]> {
	return await runPerItem<Task>(context, items, settings, {
		read: (itemIndex) => ({
			itemIndex,
			limit: readResultLimit(context, itemIndex),
			query: readQuery(context, itemIndex),
		}),
		send: async (task) =>
			(await readLate(context, task, settings)).map((summary) => {
				const reference = referenceOf(summary);
				return {
					json: (reference
						? { ...summary, ConsignmentReference: reference }
						: summary) as IDataObject,
				};
			}),
	});
}
