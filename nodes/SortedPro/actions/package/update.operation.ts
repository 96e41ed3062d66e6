import { NodeOperationError } from 'n8n-workflow';
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { consignmentReference, inputError } from '../../helpers/fields';
import { runPerItem } from '../../helpers/items';
import type { ItemTask } from '../../helpers/items';
import type { RunSettings } from '../../helpers/settings';
import { notAbout, stateOf } from '../../../shared/consignments';
import { isRecord } from '../../../shared/lists';
import { sortedProApiRequest, sortedProPath } from '../../../shared/transport';
import type { SortedProCallContext } from '../../../shared/transport';
import type { OperationOption } from '../types';
import { packageNumber } from '../consignment/consignmentBody';
import { packageFields } from '../consignment/createFields';
import { forItem } from '../consignment/itemInput';
import { packageReference } from './packageReference';
import { PACKAGE_STATES_RULE } from './rules';
import type { Effect } from '../../helpers/toolDescription';

export const option: OperationOption = {
	name: 'Update',
	value: 'update',
	action: 'Update a package',
	description:
		"Change a package's weight, dimensions, value, description or size; everything else stays as it is",
};

/** What an AI agent is told this operation changes (helpers/toolDescription.ts). */
export const effect: Effect = {
	changes: 'changes the details given and keeps the rest of the package as it was',
};

export const description: INodeProperties[] = [
	consignmentReference.property,
	packageReference.property,
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		description:
			'The package details to change; the node reads the package first and keeps the rest',
		options: packageFields,
	},
];

/** Items one after another: two changes to one package never write over each other. */
export const shape = 'list';

/** SortedPRO's UpdatePackageRequest fields (SDK BasePackage plus Items), kept as read. */
const REQUEST_FIELDS = [
	'Reference',
	'PackageReferenceProvidedByCustomer',
	'Weight',
	'Dimensions',
	'Description',
	'Value',
	'PackageSizeReference',
	'Barcode',
	'MetaData',
	'Items',
];

interface Task extends ItemTask {
	consignmentReference: string;
	packageReference: string;
	changes: IDataObject;
}

function readChanges(context: IExecuteFunctions, itemIndex: number): IDataObject {
	const fields = context.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
	if (Object.keys(fields).length === 0)
		throw inputError(
			context,
			itemIndex,
			`Nothing to update in item ${itemIndex}`,
			'Add a field under Update Fields.',
		);
	return forItem(context, itemIndex, () => {
		for (const [name, label, required] of [
			['weight', 'Weight', true],
			['length', 'Length', false],
			['width', 'Width', false],
			['height', 'Height', false],
			['value', 'Value', false],
		] as const)
			if (name in fields)
				fields[name] = packageNumber(
					fields[name],
					`"Update Fields > ${label}"`,
					itemIndex,
					required,
				);
		return fields;
	});
}

/**
 * The package to send: as SortedPRO has it, with the changes. Units other than the node's (Kg,
 * Cm) are not converted: a change to such a field is refused rather than sent in the wrong unit.
 */
function updatedPackage(
	current: Record<string, unknown>,
	changes: IDataObject,
): IDataObject | string {
	const body: IDataObject = Object.fromEntries(
		REQUEST_FIELDS.filter((field) => current[field] !== undefined).map((field) => [
			field,
			current[field] as IDataObject[string],
		]),
	);
	const unitOf = (value: unknown) =>
		isRecord(value) && typeof value.Unit === 'string' ? value.Unit.toLowerCase() : undefined;
	if ('weight' in changes) {
		const unit = unitOf(current.Weight);
		if (unit && unit !== 'kg')
			return `its weight is in ${String((current.Weight as IDataObject).Unit)}, not Kg`;
		body.Weight = { Value: changes.weight, Unit: 'Kg' };
	}
	const sides = (['length', 'width', 'height'] as const).filter((side) => side in changes);
	if (sides.length > 0) {
		const unit = unitOf(current.Dimensions);
		if (unit && unit !== 'cm')
			return `its dimensions are in ${String((current.Dimensions as IDataObject).Unit)}, not Cm`;
		const dimensions: IDataObject = {
			...(isRecord(current.Dimensions) ? current.Dimensions : {}),
			Unit: 'Cm',
		};
		for (const side of sides) dimensions[side[0].toUpperCase() + side.slice(1)] = changes[side];
		body.Dimensions = dimensions;
	}
	if ('value' in changes || 'currency' in changes) {
		const value: IDataObject = isRecord(current.Value) ? { ...(current.Value as IDataObject) } : {};
		if ('value' in changes) value.Amount = changes.value;
		if ('currency' in changes)
			value.Currency = {
				...(isRecord(value.Currency) ? value.Currency : {}),
				IsoCode: String(changes.currency || 'GBP')
					.trim()
					.toUpperCase(),
			};
		body.Value = value;
	}
	if (typeof changes.description === 'string') body.Description = changes.description.trim();
	if (typeof changes.packageSizeReference === 'string')
		body.PackageSizeReference = changes.packageSizeReference.trim() || null;
	return body;
}

const UPDATABLE_STATES = ['Unallocated', 'AllocationFailed'];

export async function execute(
	context: IExecuteFunctions,
	items: INodeExecutionData[],
	settings: RunSettings,
): Promise<INodeExecutionData[]> {
	return await runPerItem<Task>(context, items, settings, {
		read: (itemIndex) => ({
			itemIndex,
			consignmentReference: consignmentReference.read(context, itemIndex),
			packageReference: packageReference.read(context, itemIndex),
			changes: readChanges(context, itemIndex),
		}),
		send: async ({
			itemIndex,
			consignmentReference: reference,
			packageReference: pkg,
			changes,
		}) => {
			const about: SortedProCallContext = {
				action: `update package ${pkg} of consignment ${reference}`,
				notFound: `package ${pkg}`,
				stateRule: PACKAGE_STATES_RULE,
				consignmentReference: reference,
				itemIndex,
			};
			const fail = (problem: string, description: string) =>
				new NodeOperationError(context.getNode(), `Could not ${about.action}: ${problem}`, {
					itemIndex,
					description,
				});
			// 1. Read: SortedPRO's Update Package takes the whole package, so it is built from the
			// package as SortedPRO has it now, and nothing the item does not change is lost.
			const current = await sortedProApiRequest.call(
				context,
				{ method: 'GET', path: sortedProPath`/consignments/${reference}` },
				{ ...about, action: `read consignment ${reference}`, notFound: `consignment ${reference}` },
				settings.request,
			);
			const nothingSent = 'Nothing was changed.';
			const foreign = notAbout(current, reference);
			if (foreign) throw fail(foreign, `${nothingSent} Check the consignment in SortedPRO.`);
			const state = stateOf(current);
			if (!state || !UPDATABLE_STATES.includes(state))
				throw fail(
					`the consignment is ${state ?? 'in a state SortedPRO did not name'}`,
					`${PACKAGE_STATES_RULE} ${nothingSent}`,
				);
			const packages = (current as Record<string, unknown>).Packages;
			const found = (Array.isArray(packages) ? packages : []).filter(
				(entry): entry is Record<string, unknown> =>
					isRecord(entry) &&
					typeof entry.Reference === 'string' &&
					entry.Reference.toUpperCase() === pkg.toUpperCase(),
			);
			if (found.length !== 1)
				throw fail(
					found.length === 0
						? `consignment ${reference} has no package ${pkg}`
						: `consignment ${reference} lists package ${pkg} ${found.length} times`,
					`${nothingSent} Check the package reference in the consignment's Packages (Consignment > Get).`,
				);
			const body = updatedPackage(found[0], changes);
			if (typeof body === 'string')
				throw fail(body, `${nothingSent} Change this package in SortedPRO instead.`);
			// 2. Write the whole package (SDK PackagesService UpdatePackage, no answer body).
			await sortedProApiRequest.call(
				context,
				{ method: 'PUT', path: sortedProPath`/packages/${pkg}`, body, answer: 'jsonOrEmpty' },
				about,
				settings.request,
			);
			return {
				ConsignmentReference: reference,
				PackageReference: pkg,
				Updated: true,
				Package: body,
			};
		},
	});
}
