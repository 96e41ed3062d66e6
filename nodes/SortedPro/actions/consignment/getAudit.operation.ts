import { NodeOperationError } from 'n8n-workflow';
import type { INodeProperties } from 'n8n-workflow';

import type { ConsignmentCall } from '../../helpers/consignmentCall';
import { consignmentReference } from '../../helpers/fields';
import { isRecord } from '../../../shared/lists';
import { sortedProPath } from '../../../shared/transport';
import type { OperationOption } from '../types';
import type { Effect } from '../../helpers/toolDescription';

export const option: OperationOption = {
	name: 'Get Audit Messages',
	value: 'getAudit',
	action: 'Get audit messages',
	description:
		"Get a consignment's audit trail: what happened to it and who did it (lifecycle, labels, tracking)",
};

/** What an AI agent is told this operation changes (helpers/toolDescription.ts). */
export const effect: Effect = 'reads';

export const description: INodeProperties[] = [consignmentReference.property];

/**
 * SDK ConsignmentService GetAuditMessages: `GET /consignments/{ref}/audit`, a list of
 * ConsignmentAuditMessage { Id, Timestamp, ConsignmentReference, Message, Severity, Category,
 * Username, AdditionalData, Details }. One output item per consignment, the messages in
 * `AuditMessages` (use Split Out for one item each), so that every input item keeps its one output.
 */
export const call: ConsignmentCall = {
	action: (subject) => `get the audit messages of ${subject}`,
	single: ({ consignmentReference }) => ({
		method: 'GET',
		path: sortedProPath`/consignments/${consignmentReference}/audit`,
	}),
	output: (context, task, answer) => {
		const fail = (problem: string) =>
			new NodeOperationError(
				context.getNode(),
				`Could not get the audit messages of consignment ${task.consignmentReference}: ${problem}`,
				{
					itemIndex: task.itemIndex,
					description: 'Nothing from this answer was used. Check the consignment in SortedPRO.',
				},
			);
		if (!Array.isArray(answer) || !answer.every(isRecord))
			throw fail("SortedPRO's answer is not a list of audit messages");
		// A message names its consignment: one about another consignment is not this one's.
		const foreign = answer.find(
			(message) =>
				typeof message.ConsignmentReference === 'string' &&
				message.ConsignmentReference !== '' &&
				message.ConsignmentReference.toUpperCase() !== task.consignmentReference.toUpperCase(),
		);
		if (foreign)
			throw fail(
				`SortedPRO's answer includes a message about consignment ${String(foreign.ConsignmentReference)}`,
			);
		return {
			ConsignmentReference: task.consignmentReference,
			AuditMessageCount: answer.length,
			AuditMessages: answer,
		};
	},
};
