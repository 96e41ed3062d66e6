import { NodeOperationError } from 'n8n-workflow';
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { runPerItem } from '../../helpers/items';
import type { ItemTask } from '../../helpers/items';
import { referenceOf } from '../../helpers/consignments';
import { isRecord, listOf, referenceFromLink, withConsignmentReference } from '../../helpers/lists';
import { assertWellFormed } from '../../helpers/parameters';
import { readRunSettings } from '../../helpers/settings';
import { sortedProApiRequest } from '../../transport';
import type { OperationOption } from '../types';
import { createFields, originShippingLocation } from './createFields';
import { findByYourReference } from '../../helpers/yourReference';
import {
	InputError,
	brokenTextPath,
	consignmentFromFields,
	consignmentFromJson,
	invalidJson,
} from './consignmentBody';

export const option: OperationOption = {
	name: 'Create',
	value: 'create',
	action: 'Create a consignment',
	description:
		'Create a consignment from an order: where it ships from, where it goes, and its packages',
};

export const description: INodeProperties[] = createFields;

interface Task extends ItemTask {
	body: IDataObject;
	label: string;
	yourReference: string;
}

/** Runs one of consignmentBody's pure functions: its InputError becomes this item's error. */
function forItem<T>(context: IExecuteFunctions, itemIndex: number, work: () => T): T {
	try {
		return work();
	} catch (error) {
		const description = error instanceof InputError ? error.description : undefined;
		throw new NodeOperationError(context.getNode(), error as Error, { itemIndex, description });
	}
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
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	const settings = await readRunSettings(this);
	return await runPerItem<Task>(
		this,
		items,
		{
			read: (itemIndex) => {
				const body = readConsignment(this, itemIndex);
				const yours =
					typeof body.ConsignmentReferenceProvidedByCustomer === 'string'
						? body.ConsignmentReferenceProvidedByCustomer
						: '';
				return {
					itemIndex,
					body,
					yourReference: yours,
					label: yours
						? `a consignment for your reference ${yours}`
						: `a consignment for item ${itemIndex}`,
				};
			},
			send: async ({ itemIndex, body, label, yourReference }) => {
				// A scheduled re-import must not create a second consignment for the same order.
				const ifExists = String(
					this.getNodeParameter('ifYourReferenceExists', itemIndex, 'returnExisting'),
				);
				if (yourReference && ifExists !== 'createAnother') {
					const existing = await findByYourReference(
						this,
						yourReference,
						itemIndex,
						settings.request,
						'Nothing was created.',
					);
					if (existing !== undefined) {
						const reference = referenceOf(existing);
						if (ifExists === 'error') {
							throw new NodeOperationError(
								this.getNode(),
								`A consignment with your reference ${yourReference} already exists: ${reference}`,
								{
									itemIndex,
									description:
										'Nothing was created. Set "If Your Reference Already Exists" to Return Existing to use that consignment, or to Create Another to create a second one.',
								},
							);
						}
						return { ...withConsignmentReference(existing, reference), existing: true };
					}
				}
				const links = await sortedProApiRequest.call(
					this,
					// Not repeatable: a create whose answer was lost may have created the consignment.
					{ method: 'POST', path: '/consignments', body, repeatable: false },
					{
						action: `create ${label}`,
						notFound: 'the shipping location or another referenced record',
						itemIndex,
						ifAnswerLost: `SortedPRO may have created the consignment before the answer was lost. Do not simply run the workflow again: first look for it in SortedPRO by ${yourReference ? `your reference ${yourReference}` : 'your own reference or the order details'} (SortedPRO: Consignments, search; or this node's Consignment > Get Many). Run again only for orders that have no consignment. Setting "Your Reference" on every consignment makes this check easy.`,
					},
					settings.request,
				);
				// SortedPRO answers 201 with links, the first of which ends in the new consignment's
				// reference (help/creating_new_consignments.md).
				const ApiLinks = listOf(links).filter(isRecord) as IDataObject[];
				const ConsignmentReference = ApiLinks.map((link) => referenceFromLink(link.Href)).find(
					Boolean,
				);
				if (!ConsignmentReference) {
					throw new NodeOperationError(
						this.getNode(),
						`SortedPRO accepted ${label} but its answer named no consignment reference`,
						{
							itemIndex,
							description: `The consignment was probably created. Do not simply run the workflow again: look for it in SortedPRO by ${yourReference ? `your reference ${yourReference}` : 'the order details'} first.`,
						},
					);
				}
				return { ConsignmentReference, ApiLinks };
			},
		},
		settings.concurrency,
	);
}
