import { NodeOperationError } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { notAbout, referenceOf, yourReferenceOf } from '../../../shared/consignments';
import { referenceField } from '../../helpers/fields';
import { runPerItem } from '../../helpers/items';
import type { ItemTask } from '../../helpers/items';
import { withConsignmentReference } from '../../../shared/lists';
import type { RunSettings } from '../../helpers/settings';
import { findByYourReference } from '../../helpers/yourReference';
import { sortedProApiRequest, sortedProPath } from '../../../shared/transport';
import type { SimplifiedKind } from '../../helpers/simplify';
import type { OperationOption } from '../types';
import type { Effect } from '../../helpers/toolDescription';

export const option: OperationOption = {
	name: 'Get By Your Reference',
	value: 'getByClientReference',
	action: 'Get by your reference',
	description: 'Find the consignment created with your own reference, such as an order number',
};

/** What an AI agent is told this operation changes (helpers/toolDescription.ts). */
export const effect: Effect = 'reads';

export const yourReference = referenceField({
	displayName: 'Your Reference',
	name: 'clientReference',
	example: 'ORDER-1001',
	description:
		"The reference you gave the consignment when it was created (Create's Your Reference, SortedPRO's ConsignmentReferenceProvidedByCustomer)",
});

/** Simplify keeps the fields users map first of SortedPRO's consignment answer. */
export const simplified: SimplifiedKind = 'consignment';

export const description: INodeProperties[] = [yourReference.property];

export const shape = 'perItem';

/**
 * SortedPRO's search finds the consignment (identity-checked in findByYourReference); then the
 * whole consignment is read, and counts only when it is that consignment with that reference.
 */
export async function execute(
	context: IExecuteFunctions,
	items: INodeExecutionData[],
	settings: RunSettings,
): Promise<INodeExecutionData[]> {
	return await runPerItem<ItemTask & { clientReference: string }>(context, items, settings, {
		read: (itemIndex) => ({ itemIndex, clientReference: yourReference.read(context, itemIndex) }),
		send: async ({ itemIndex, clientReference }) => {
			const found = await findByYourReference(
				context,
				clientReference,
				itemIndex,
				settings.request,
				'Nothing is output for this item.',
			);
			if (!found) {
				throw new NodeOperationError(
					context.getNode(),
					`SortedPRO has no consignment with your reference ${clientReference}`,
					{
						itemIndex,
						description:
							'Check the reference (it must match exactly, as it was set on Create), and that the credential points at the SortedPRO environment the consignment was created in.',
					},
				);
			}
			const reference = referenceOf(found);
			const consignment = await sortedProApiRequest.call(
				context,
				{ method: 'GET', path: sortedProPath`/consignments/${reference}` },
				{
					action: `get consignment ${reference} (your reference ${clientReference})`,
					notFound: `consignment ${reference}`,
					itemIndex,
					consignmentReference: reference,
				},
				settings.request,
			);
			const problem =
				notAbout(consignment, reference) ??
				(yourReferenceOf(consignment) === clientReference
					? undefined
					: `its reference of yours is "${yourReferenceOf(consignment)}", not ${clientReference}`);
			if (problem) {
				throw new NodeOperationError(
					context.getNode(),
					`Could not get the consignment with your reference ${clientReference}: ${problem}`,
					{
						itemIndex,
						description: `The search named consignment ${reference}, but reading it back did not confirm it, so nothing is output for this item. Check ${reference} in SortedPRO.`,
					},
				);
			}
			return withConsignmentReference(consignment, reference);
		},
	});
}
