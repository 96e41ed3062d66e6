import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, INodeProperties } from 'n8n-workflow';

import type { ConsignmentCall, ConsignmentTask } from '../../helpers/consignmentCall';
import { consignmentReference } from '../../helpers/fields';
import { isRecord } from '../../../shared/lists';
import { sortedProPath } from '../../../shared/transport';
import type { OperationOption } from '../types';
import { packageOf } from '../consignment/consignmentBody';
import { packageFields } from '../consignment/createFields';
import { forItem } from '../consignment/itemInput';
import { PACKAGE_STATES_RULE } from './rules';
import type { Effect } from '../../helpers/toolDescription';

export const option: OperationOption = {
	name: 'Add',
	value: 'add',
	action: 'Add a package',
	description: 'Add a forgotten parcel to a consignment that is not allocated yet',
};

/** What an AI agent is told this operation changes (helpers/toolDescription.ts). */
export const effect: Effect = { changes: 'adds a package to the consignment' };

export const description: INodeProperties[] = [consignmentReference.property, ...packageFields];

interface Task extends ConsignmentTask {
	package: IDataObject;
}

/**
 * SDK ConsignmentService AddPackageToConsignment, help/updating_existing_consignments.md:
 * `POST /consignments/{ref}/addpackage` with an UpdatePackageRequest (Weight, Dimensions,
 * Description, Value, or a PackageSizeReference instead of weight and dimensions), answered 201
 * with the new Package and its Reference.
 */
export const call: ConsignmentCall<Task> = {
	read: (context, itemIndex) => {
		const fields = Object.fromEntries(
			packageFields.map((field) => [
				field.name,
				context.getNodeParameter(field.name, itemIndex, field.default) as IDataObject[string],
			]),
		);
		return {
			itemIndex,
			consignmentReference: consignmentReference.read(context, itemIndex),
			package: forItem(context, itemIndex, () =>
				packageOf(fields, 0, itemIndex, (label) => `"${label}"`),
			),
		};
	},
	action: (subject) => `add a package to ${subject}`,
	stateRule: PACKAGE_STATES_RULE,
	// Adding twice would give the consignment two packages: never sent again after a lost answer.
	ifAnswerLost:
		"SortedPRO may have added the package before the answer was lost. Check the consignment's packages (Consignment > Get) before adding it again.",
	single: (task) => ({
		method: 'POST',
		path: sortedProPath`/consignments/${task.consignmentReference}/addpackage`,
		body: task.package,
		repeatable: false,
	}),
	output: (context, task, answer) => {
		const reference = isRecord(answer) ? answer.Reference : undefined;
		if (typeof reference !== 'string' || !reference.trim())
			throw new NodeOperationError(
				context.getNode(),
				`Could not add a package to consignment ${task.consignmentReference}: SortedPRO's answer is not the new package with its Reference`,
				{
					itemIndex: task.itemIndex,
					description:
						"SortedPRO may have added it: check the consignment's packages (Consignment > Get) before adding it again.",
				},
			);
		return {
			...(answer as IDataObject),
			ConsignmentReference: task.consignmentReference,
			PackageReference: reference,
		};
	},
};
