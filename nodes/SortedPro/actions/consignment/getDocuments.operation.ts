import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { ConsignmentCall, ConsignmentTask } from '../../helpers/consignmentCall';
import { consignmentReference, outputFileField } from '../../helpers/fields';
import { firstText, isRecord, listOf } from '../../helpers/lists';
import { sortedProPath } from '../../transport';
import { readLabelFile, safeFileName } from '../label/labelFile';
import type { OperationOption } from '../types';

export const option: OperationOption = {
	name: 'Get Documents',
	value: 'getDocuments',
	action: 'Get the customs documents of a consignment',
	description:
		'Get the customs documents of an allocated consignment (e.g. commercial invoices) as files',
};

const documentFile = outputFileField(
	'The name of the output binary field to put each document file in',
);

export const description: INodeProperties[] = [
	consignmentReference.property,
	documentFile.property,
];

interface Task extends ConsignmentTask {
	binaryPropertyName: string;
}

/**
 * One output item per document, each with its file; a consignment that needs none (a
 * domestic one) gives one item with `DocumentCount: 0`, so every input item still has output.
 */
async function documentItems(
	context: IExecuteFunctions,
	task: Task,
	answer: unknown,
): Promise<INodeExecutionData[]> {
	const documents = (
		isRecord(answer) && Array.isArray(answer.Documents)
			? answer.Documents
			: isRecord(answer) && answer.File
				? [answer]
				: listOf(answer)
	).filter(isRecord);
	if (documents.length === 0)
		return [{ json: { ConsignmentReference: task.consignmentReference, DocumentCount: 0 } }];
	const items: INodeExecutionData[] = [];
	for (const [index, document] of documents.entries()) {
		const file = readLabelFile(document.File, document.ContentType, 'default');
		if (!file.ok) {
			throw new NodeOperationError(
				context.getNode(),
				`Could not get the customs documents of consignment ${task.consignmentReference}: document ${index + 1} of SortedPRO's answer ${file.problem.replace('label file', 'file').replace('label', 'document')}`,
				{
					itemIndex: task.itemIndex,
					description: 'Check the consignment in SortedPRO and try again.',
				},
			);
		}
		const kind = firstText(document, ['DocumentType', 'Type', 'Name']) || 'document';
		const fileName = safeFileName(
			`${task.consignmentReference}-${kind}-${index + 1}`,
			file.extension,
		);
		const binary = await context.helpers.prepareBinaryData(file.bytes, fileName, file.mimeType);
		const json: IDataObject = {
			ConsignmentReference: task.consignmentReference,
			DocumentType: kind,
			DocumentCount: documents.length,
			ContentType: file.mimeType,
			fileName,
		};
		items.push({ json, binary: { [task.binaryPropertyName]: binary } });
	}
	return items;
}

export const call: ConsignmentCall<Task> = {
	read: (context, itemIndex) => {
		const binaryPropertyName = documentFile.read(context, itemIndex);
		return {
			itemIndex,
			consignmentReference: consignmentReference.read(context, itemIndex),
			binaryPropertyName,
		};
	},
	action: (subject) => `get the customs documents of ${subject}`,
	stateRule: 'Customs documents exist only once a consignment is allocated: allocate it first.',
	single: ({ consignmentReference }) => ({
		method: 'GET',
		path: sortedProPath`/consignments/docs/${consignmentReference}`,
	}),
	output: async (context, task, answer) => await documentItems(context, task, answer),
};
