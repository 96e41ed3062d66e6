import { NodeOperationError } from 'n8n-workflow';
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { runPerItem } from '../../helpers/items';
import type { ItemTask } from '../../helpers/items';
import { referenceOf } from '../../../shared/consignments';
import {
	isRecord,
	listOf,
	referenceFromLink,
	withConsignmentReference,
} from '../../../shared/lists';
import { assertWellFormed } from '../../../shared/inputText';
import type { RunSettings } from '../../helpers/settings';
import { sortedProApiRequest } from '../../../shared/transport';
import type { OperationOption } from '../types';
import { createFields, originShippingLocation } from './createFields';
import { findByYourReference } from '../../helpers/yourReference';
import {
	brokenTextPath,
	consignmentFromFields,
	consignmentFromJson,
	invalidJson,
} from './consignmentBody';
import { forItem } from './itemInput';
import { yourReferenceText } from './consignmentDetails';
import type { Effect } from '../../helpers/toolDescription';

export const option: OperationOption = {
	name: 'Create',
	value: 'create',
	action: 'Create a consignment',
	description:
		'Create a consignment from an order: where it ships from, where it goes, and its packages',
};

/** What an AI agent is told this operation changes (helpers/toolDescription.ts). */
export const effect: Effect = {
	changes:
		'creates a new consignment (run again with the same Your Reference, it finds that one instead of creating another)',
	askFirst: true,
};

export const description: INodeProperties[] = createFields;

interface Task extends ItemTask {
	body: IDataObject;
	label: string;
	yourReference: string;
}

/** One item's consignment, from the fields or the JSON Body; bad input names the field and the item. */
function readConsignment(context: IExecuteFunctions, itemIndex: number): IDataObject {
	const fromJson = context.getNodeParameter('inputMode', itemIndex, 'fields') === 'json';
	let body: IDataObject;
	if (fromJson) {
		let raw: unknown;
		try {
			raw = context.getNodeParameter('jsonBody', itemIndex, '');
		} catch (error) {
			// n8n parses a JSON parameter itself and throws its parser's bare message.
			const invalid = invalidJson(error, itemIndex);
			throw new NodeOperationError(context.getNode(), invalid.message, {
				itemIndex,
				description: invalid.description,
			});
		}
		body = forItem(context, itemIndex, () => consignmentFromJson(raw, itemIndex));
	} else {
		const fields = {
			shippingLocationReference: originShippingLocation.read(context, itemIndex),
			destination: context.getNodeParameter('destination', itemIndex, {}) as Record<
				string,
				unknown
			>,
			packages: ((context.getNodeParameter('packages', itemIndex, {}) as IDataObject).package ??
				[]) as IDataObject[],
			additionalFields: context.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject,
		};
		body = forItem(context, itemIndex, () => consignmentFromFields(fields, itemIndex));
	}
	const broken = brokenTextPath(body, fromJson ? 'JSON Body' : 'Consignment');
	if (broken) assertWellFormed(context, broken.text, broken.path, itemIndex);
	return body;
}

export const shape = 'perItem';

export async function execute(
	context: IExecuteFunctions,
	items: INodeExecutionData[],
	settings: RunSettings,
): Promise<INodeExecutionData[]> {
	/** This run's items with a Your Reference, by reference: the first such item and its outcome. */
	const sameReference = new Map<string, { itemIndex: number; outcome: Promise<IDataObject> }>();

	/** POST /consignments, and the new consignment's reference from SortedPRO's answer. */
	const create = async ({ itemIndex, body, label, yourReference }: Task): Promise<IDataObject> => {
		const links = await sortedProApiRequest.call(
			context,
			// Not repeatable: a create whose answer was lost may have created the consignment.
			{ method: 'POST', path: '/consignments', body, repeatable: false },
			{
				action: `create ${label}`,
				notFound: 'the shipping location or another referenced record',
				itemIndex,
				ifAnswerLost: `SortedPRO may have created the consignment: its answer was lost or could not be read. Do not simply run the workflow again: first look for it in SortedPRO by ${yourReference ? `your reference ${yourReference}` : 'your own reference or the order details'} (SortedPRO: Consignments, search; or this node's Consignment > Get Many). Run again only for orders that have no consignment. Setting "Your Reference" on every consignment makes this check easy.`,
			},
			settings.request,
		);
		// SortedPRO answers 201 with links, the first of which ends in the new consignment's
		// reference (help/creating_new_consignments.md).
		const ApiLinks = listOf(links).filter(isRecord) as IDataObject[];
		const ConsignmentReference = ApiLinks.map((link) => referenceFromLink(link.Href)).find(Boolean);
		if (!ConsignmentReference) {
			throw new NodeOperationError(
				context.getNode(),
				`SortedPRO accepted ${label} but its answer named no consignment reference`,
				{
					itemIndex,
					description: `The consignment was probably created. Do not simply run the workflow again: look for it in SortedPRO by ${yourReference ? `your reference ${yourReference}` : 'the order details'} first.`,
				},
			);
		}
		return { ConsignmentReference, ApiLinks };
	};

	/** The error for a consignment that exists already, with If Your Reference Already Exists: Error. */
	const exists = (itemIndex: number, yourReference: string, reference: unknown) =>
		Object.assign(
			new NodeOperationError(
				context.getNode(),
				`A consignment with your reference ${yourReference} already exists: ${String(reference)}`,
				{
					itemIndex,
					description:
						'Nothing was created. Set "If Your Reference Already Exists" to Return Existing to use that consignment, or to Create Another to create a second one.',
				},
			),
			{ existingConsignment: String(reference) },
		);

	/** An item with a Your Reference: look it up, and create only when SortedPRO has none. */
	const lookUpThenCreate = async (task: Task, ifExists: string): Promise<IDataObject> => {
		const existing = await findByYourReference(
			context,
			task.yourReference,
			task.itemIndex,
			settings.request,
			'Nothing was created.',
		);
		if (existing === undefined) return await create(task);
		const reference = referenceOf(existing);
		if (ifExists === 'error') throw exists(task.itemIndex, task.yourReference, reference);
		return { ...withConsignmentReference(existing, reference), existing: true };
	};

	/**
	 * A later item of this run with the same Your Reference (an order delivered twice): it waits
	 * for the earlier item and never looks up or creates at the same time, so one order is one
	 * consignment. If the earlier item failed, this one fails too: its create may have gone
	 * through with the answer lost.
	 */
	const afterEarlier = async (
		task: Task,
		earlier: { itemIndex: number; outcome: Promise<IDataObject> },
		ifExists: string,
	): Promise<IDataObject> => {
		let first: IDataObject;
		try {
			first = await earlier.outcome;
		} catch (error) {
			// The earlier item found the consignment (If Your Reference Already Exists: Error).
			const existing = (error as { existingConsignment?: string }).existingConsignment;
			if (existing) {
				if (ifExists === 'error') throw exists(task.itemIndex, task.yourReference, existing);
				return { ConsignmentReference: existing, existing: true };
			}
			throw new NodeOperationError(
				context.getNode(),
				`Nothing was created for your reference ${task.yourReference}: item ${earlier.itemIndex} of this run has the same reference and failed (${(error as Error).message})`,
				{
					itemIndex: task.itemIndex,
					description:
						'Fix what made that item fail, then run again; the duplicate check will find the consignment if it was created.',
				},
			);
		}
		if (ifExists === 'error')
			throw exists(task.itemIndex, task.yourReference, first.ConsignmentReference);
		return { ...first, existing: true };
	};

	return await runPerItem<Task>(context, items, settings, {
		read: (itemIndex) => {
			const body = readConsignment(context, itemIndex);
			// The reference the duplicate check looks for is exactly the one sent.
			const yours = forItem(context, itemIndex, () =>
				yourReferenceText(
					body.ConsignmentReferenceProvidedByCustomer,
					'JSON Body > ConsignmentReferenceProvidedByCustomer',
					itemIndex,
				),
			);
			if (yours) body.ConsignmentReferenceProvidedByCustomer = yours;
			else delete body.ConsignmentReferenceProvidedByCustomer;
			return {
				itemIndex,
				body,
				yourReference: yours,
				label: yours
					? `a consignment for your reference ${yours}`
					: `a consignment for item ${itemIndex}`,
			};
		},
		send: async (task) => {
			// A scheduled re-import must not create a second consignment for the same order.
			const ifExists = String(
				context.getNodeParameter('ifYourReferenceExists', task.itemIndex, 'returnExisting'),
			);
			if (!task.yourReference || ifExists === 'createAnother') return await create(task);
			const earlier = sameReference.get(task.yourReference);
			if (earlier) return await afterEarlier(task, earlier, ifExists);
			const outcome = lookUpThenCreate(task, ifExists);
			sameReference.set(task.yourReference, { itemIndex: task.itemIndex, outcome });
			return await outcome;
		},
	});
}
