import type { INodeProperties } from 'n8n-workflow';

import { requireAbout } from '../../helpers/readBack';
import type { ConsignmentCall } from '../../helpers/consignmentCall';
import { consignmentReference } from '../../helpers/fields';
import { sortedProPath } from '../../../shared/transport';
import type { SimplifiedKind } from '../../helpers/simplify';
import type { OperationOption } from '../types';
import type { Effect } from '../../helpers/toolDescription';

export const option: OperationOption = {
	name: 'Get',
	value: 'get',
	action: 'Get a consignment',
	description: 'Get the full details of a consignment',
};

/** What an AI agent is told this operation changes (helpers/toolDescription.ts). */
export const effect: Effect = 'reads';

/** Simplify keeps the fields users map first of SortedPRO's consignment answer. */
export const simplified: SimplifiedKind = 'consignment';

export const description: INodeProperties[] = [consignmentReference.property];

export const call: ConsignmentCall = {
	action: (subject) => `get ${subject}`,
	single: ({ consignmentReference }) => ({
		method: 'GET',
		path: sortedProPath`/consignments/${consignmentReference}`,
	}),
	// help/getting_consignment_data.md: the consignment, named by its `Reference`.
	output: (context, task, answer) => ({
		...requireAbout(context, task, answer, 'get the details'),
		ConsignmentReference: task.consignmentReference,
	}),
};
