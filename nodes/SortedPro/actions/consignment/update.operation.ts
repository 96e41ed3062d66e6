import { NodeOperationError } from 'n8n-workflow';
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { succeeded } from '../../helpers/batch';
import { notAbout } from '../../../shared/consignments';
import { consignmentReference } from '../../helpers/fields';
import { runPerItem } from '../../helpers/items';
import type { ItemTask } from '../../helpers/items';
import { isRecord, listOf, referenceFromLink } from '../../../shared/lists';
import { assertWellFormed } from '../../../shared/inputText';
import type { RunSettings } from '../../helpers/settings';
import { sortedProApiRequest, sortedProPath } from '../../../shared/transport';
import type { SortedProCallContext } from '../../../shared/transport';
import type { OperationOption } from '../types';
import { InputError, brokenTextPath, consignmentFromJson } from './consignmentBody';
import { metadataEntries, tagList, yourReferenceText } from './consignmentDetails';
import { forItem } from './itemInput';
import { changesProblem, updateRequest } from './consignmentUpdate';
import { consignmentDetailFields } from './createFields';
import type { ConsignmentChanges } from './consignmentUpdate';
import type { Effect } from '../../helpers/toolDescription';

export const option: OperationOption = {
	name: 'Update',
	value: 'update',
	action: 'Update a consignment',
	description:
		'Change some details of a consignment that is not allocated yet; everything else stays as it is',
};

/** What an AI agent is told this operation changes (helpers/toolDescription.ts). */
export const effect: Effect = {
	changes: 'changes the details given and keeps the rest of the consignment as it was',
};

const STATE_RULE =
	'SortedPRO only updates consignments that are not allocated yet (Unallocated or Allocation Failed): deallocate it first (Allocation > Deallocate), update it, then allocate it again.';

export const description: INodeProperties[] = [
	consignmentReference.property,
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		description: 'The details to change; the node reads the consignment first and keeps the rest',
		options: consignmentDetailFields({
			metadata: 'Entries to set, by key; other entries stay',
			shippingDate: 'The new shipping date',
			tags: "Comma-separated tags that replace the consignment's tags",
		}),
	},
	{
		displayName: 'Other Changes (JSON)',
		name: 'consignmentJson',
		type: 'json',
		default: '{}',
		description:
			'Any other fields of SortedPRO\'s Update Consignment, e.g. { "RequestedDeliveryDate": { "Date": "2026-12-24" } }. Each field replaces the consignment\'s; an address in Addresses changes the address of the same AddressType. Fields not named here stay as they are.',
	},
];

export const shape = 'perItem';

interface Task extends ItemTask {
	consignmentReference: string;
	changes: ConsignmentChanges;
}

function readChanges(context: IExecuteFunctions, itemIndex: number): ConsignmentChanges {
	const fields = context.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
	let json: IDataObject;
	try {
		const raw = context.getNodeParameter('consignmentJson', itemIndex, '{}');
		json = typeof raw === 'string' && raw.trim() === '' ? {} : consignmentFromJson(raw, itemIndex);
	} catch (error) {
		const description = error instanceof InputError ? error.description : undefined;
		const message = (error as Error).message.replace('"JSON Body"', '"Other Changes (JSON)"');
		throw new NodeOperationError(context.getNode(), message, { itemIndex, description });
	}
	const problem = changesProblem(json);
	if (problem) {
		throw new NodeOperationError(
			context.getNode(),
			`"Other Changes (JSON)" in item ${itemIndex} ${problem}`,
			{
				itemIndex,
				description:
					'e.g. { "Addresses": [{ "AddressType": "Destination", "Postcode": "LS1 1AA" }] }. Nothing was sent to SortedPRO.',
			},
		);
	}
	const broken = brokenTextPath(json, 'Other Changes (JSON)');
	if (broken) assertWellFormed(context, broken.text, broken.path, itemIndex);
	const changes: ConsignmentChanges = { json };
	if (typeof fields.shippingDate === 'string' && fields.shippingDate)
		changes.shippingDate = fields.shippingDate;
	const yourReference = forItem(context, itemIndex, () =>
		yourReferenceText(fields.customerReference, 'Update Fields > Your Reference', itemIndex),
	);
	if (yourReference) changes.yourReference = yourReference;
	// An empty Tags field is no change: clearing all tags takes { "Tags": [] } in Other Changes.
	if (typeof fields.tags === 'string' && tagList(fields.tags).length)
		changes.tags = tagList(fields.tags);
	const metadata = metadataEntries(fields.metadata);
	if (metadata.length) changes.metadata = metadata;
	const nothing =
		Object.keys(json).length === 0 &&
		changes.shippingDate === undefined &&
		changes.yourReference === undefined &&
		changes.tags === undefined &&
		!changes.metadata;
	if (nothing) {
		throw new NodeOperationError(context.getNode(), `Nothing to update in item ${itemIndex}`, {
			itemIndex,
			description:
				'Add a field under Update Fields, or a field in Other Changes (JSON). Nothing was sent to SortedPRO.',
		});
	}
	return changes;
}

/** Why SortedPRO's answer to the update is not "done", or undefined when it is. */
function updateProblem(answer: unknown, reference: string): string | undefined {
	// Documented: [{ "Rel": "Link", "Href": ".../consignments/EC-…" }]; nothing at all is tolerated.
	if (answer === undefined) return undefined;
	const entries = (isRecord(answer) ? [answer] : listOf(answer)).filter(isRecord);
	const refused = entries.find((entry) => !succeeded(entry));
	if (refused) {
		return typeof refused.Message === 'string' && refused.Message.trim()
			? refused.Message.trim()
			: 'SortedPRO reported the update as failed and gave no reason';
	}
	const named = entries.map((entry) => referenceFromLink(entry.Href)).filter(Boolean);
	const other = named.find((linked) => linked !== reference);
	if (other) return `SortedPRO's answer links to consignment ${other}, not ${reference}`;
	return undefined;
}

export async function execute(
	context: IExecuteFunctions,
	items: INodeExecutionData[],
	settings: RunSettings,
): Promise<INodeExecutionData[]> {
	/** The latest update of each consignment in this run: the next one waits for it. */
	const sameConsignment = new Map<string, Promise<unknown>>();

	/** Reads the consignment, applies the changes and sends it whole. */
	const readModifyWrite = async ({
		itemIndex,
		consignmentReference: reference,
		changes,
	}: Task): Promise<IDataObject> => {
		const about: SortedProCallContext = {
			action: `update consignment ${reference}`,
			notFound: `consignment ${reference}`,
			stateRule: STATE_RULE,
			consignmentReference: reference,
			itemIndex,
		};
		const fail = (problem: string, description: string) =>
			new NodeOperationError(context.getNode(), `Could not ${about.action}: ${problem}`, {
				itemIndex,
				description,
			});
		// 1. Read: the update is built from the consignment as SortedPRO has it now.
		const current = await sortedProApiRequest.call(
			context,
			{ method: 'GET', path: sortedProPath`/consignments/${reference}` },
			{ ...about, action: `read consignment ${reference} before updating it` },
			settings.request,
		);
		const foreign = notAbout(current, reference);
		if (foreign) {
			throw fail(
				foreign,
				'Nothing was changed: the update is only sent once the consignment has been read back.',
			);
		}
		// 2. Modify and write the whole consignment.
		const { body, changed } = updateRequest(reference, current as Record<string, unknown>, changes);
		const answer = await sortedProApiRequest.call(
			context,
			{ method: 'PUT', path: '/consignments/', body, answer: 'jsonOrEmpty' },
			about,
			settings.request,
		);
		const problem = updateProblem(answer, reference);
		if (problem) throw fail(problem, `${STATE_RULE} Check the consignment in SortedPRO.`);
		return {
			ConsignmentReference: reference,
			Updated: true,
			Changed: changed,
			...(Array.isArray(answer) ? { ApiLinks: answer as IDataObject[] } : {}),
		};
	};

	return await runPerItem<Task>(context, items, settings, {
		read: (itemIndex) => ({
			itemIndex,
			consignmentReference: consignmentReference.read(context, itemIndex),
			changes: readChanges(context, itemIndex),
		}),
		// Items of this run that update the same consignment go one after the other: each
		// reads what the one before wrote, so no change is written back over.
		send: async (task) => {
			const before = sameConsignment.get(task.consignmentReference) ?? Promise.resolve();
			const mine = before.catch(() => undefined).then(async () => await readModifyWrite(task));
			sameConsignment.set(task.consignmentReference, mine);
			return await mine;
		},
	});
}
