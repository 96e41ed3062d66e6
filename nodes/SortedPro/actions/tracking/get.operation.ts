import type { INodeProperties } from 'n8n-workflow';

import type { ConsignmentCall } from '../../helpers/consignmentCall';
import { consignmentReference } from '../../helpers/fields';
import { withConsignmentReference } from '../../helpers/lists';
import { sortedProPath } from '../../transport';
import type { OperationOption } from '../types';

export const option: OperationOption = {
	name: 'Get',
	value: 'get',
	action: 'Get tracking events',
	description: 'Get the tracking events of a consignment',
};

export const description: INodeProperties[] = [consignmentReference.property];

export const call: ConsignmentCall = {
	action: (subject) => `get the tracking events of ${subject}`,
	single: ({ consignmentReference }) => ({
		method: 'GET',
		path: sortedProPath`/tracking/${consignmentReference}`,
	}),
	// One output item per consignment: a bare list of events is kept under Events.
	output: (_context, task, answer) =>
		Array.isArray(answer) && answer.length !== 1
			? { ConsignmentReference: task.consignmentReference, Events: answer }
			: withConsignmentReference(answer, task.consignmentReference),
};
