import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, INodeProperties } from 'n8n-workflow';

import type { ConsignmentCall, ConsignmentTask } from '../../helpers/consignmentCall';
import { consignmentReference } from '../../helpers/fields';
import { withConsignmentReference } from '../../helpers/lists';
import { assertWellFormed } from '../../helpers/parameters';
import type { OperationOption } from '../types';
import { InputError, brokenTextPath, consignmentFromJson } from './consignmentBody';

export const option: OperationOption = {
	name: 'Update',
	value: 'update',
	action: 'Update a consignment',
	description: 'Replace the details of a consignment that is not allocated yet',
};

export const description: INodeProperties[] = [
	consignmentReference.property,
	{
		displayName: 'Consignment (JSON)',
		name: 'consignmentJson',
		type: 'json',
		required: true,
		default: '{\n  "Packages": [],\n  "Addresses": []\n}',
		description:
			"The whole consignment as SortedPRO's PUT /consignments takes it (as Get returns it); its ConsignmentReference is set from the field above",
	},
];

interface Task extends ConsignmentTask {
	body: IDataObject;
}

export const call: ConsignmentCall<Task> = {
	read: (context, itemIndex) => {
		const reference = consignmentReference.read(context, itemIndex);
		let body: IDataObject;
		try {
			body = consignmentFromJson(
				context.getNodeParameter('consignmentJson', itemIndex, ''),
				itemIndex,
			);
		} catch (error) {
			const description = error instanceof InputError ? error.description : undefined;
			const message = (error as Error).message.replace('"JSON Body"', '"Consignment (JSON)"');
			throw new NodeOperationError(context.getNode(), message, { itemIndex, description });
		}
		const broken = brokenTextPath(body, 'Consignment (JSON)');
		if (broken) assertWellFormed(context, broken.text, broken.path, itemIndex);
		return {
			itemIndex,
			consignmentReference: reference,
			body: { ...body, ConsignmentReference: reference },
		};
	},
	action: (subject) => `update ${subject}`,
	stateRule:
		'SortedPRO only updates consignments that are not allocated yet (Unallocated or Allocation Failed): deallocate it first (Allocation > Deallocate), update it, then allocate it again.',
	single: ({ body }) => ({ method: 'PUT', path: '/consignments', body, answer: 'jsonOrEmpty' }),
	output: (_context, task, answer) => ({
		...withConsignmentReference(answer, task.consignmentReference),
		Updated: true,
	}),
};
