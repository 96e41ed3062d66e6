import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { ConsignmentCall, ConsignmentTask } from '../../helpers/consignmentCall';
import { consignmentReference, outputFileField, referenceField } from '../../helpers/fields';
import { firstText, isRecord } from '../../../shared/lists';
import { sortedProPath } from '../../../shared/transport';
import { readLabelFile, safeFileName } from '../../helpers/labelFile';
import type { OperationOption } from '../types';
import type { Effect } from '../../helpers/toolDescription';

export const option: OperationOption = {
	name: 'Get Documents',
	value: 'getDocuments',
	action: 'Get documents',
	description:
		'Get the customs documents of an allocated consignment (commercial invoice, CN22, CN23) as files',
};

/** What an AI agent is told this operation changes (helpers/toolDescription.ts). */
export const effect: Effect = 'reads';

const documentFile = outputFileField(
	'The name of the output binary field to put each document file in',
);

/**
 * SortedPRO's customs document routes (help/getting_customs_docs_and_invoices.md and
 * includes/_get_customs_docs.md): all of a consignment's documents, its commercial invoice,
 * or one package's CN22 or CN23.
 */
const DOCUMENT_SETS = {
	all: 'All',
	commercialInvoice: 'Commercial Invoice',
	CN22: 'CN22 of a Package',
	CN23: 'CN23 of a Package',
} as const;
type DocumentSet = keyof typeof DOCUMENT_SETS;

/** The lists of Get Customs Documents' answer, and the document type each holds. */
const DOCUMENT_LISTS = [
	['CommercialInvoiceDocuments', 'CommercialInvoice'],
	['CN22Documents', 'CN22'],
	['CN23Documents', 'CN23'],
] as const;

const packageReference = referenceField(
	{
		displayName: 'Package Reference',
		name: 'packageReference',
		example: 'EP-000-05F-1E8',
		description: 'The SortedPRO reference of the package whose customs document is wanted',
	},
	{ displayOptions: { show: { documents: ['CN22', 'CN23'] } } },
);

export const description: INodeProperties[] = [
	consignmentReference.property,
	{
		displayName: 'Documents',
		name: 'documents',
		type: 'options',
		default: 'all',
		options: Object.entries(DOCUMENT_SETS).map(([value, name]) => ({ name, value })),
		description:
			'All: one output item per document SortedPRO holds for the consignment. The others ask for one document.',
	},
	packageReference.property,
	documentFile.property,
];

interface Task extends ConsignmentTask {
	documents: DocumentSet;
	packageReference?: string;
	binaryPropertyName: string;
}

/** A document of SortedPRO's: its type, its name (the Key, a file name) and its base64 data. */
interface SortedProDocument {
	type: string;
	name?: string;
	data: unknown;
}

/** The documents of an answer: Get Customs Documents' lists, or one document's base64 text. */
function documentsOf(task: Task, answer: unknown): SortedProDocument[] | undefined {
	if (task.documents !== 'all') {
		const type = task.documents === 'commercialInvoice' ? 'CommercialInvoice' : task.documents;
		// Documented as "a base-64 encoded byte array": a JSON string.
		return typeof answer === 'string' ? [{ type, data: answer }] : undefined;
	}
	if (!isRecord(answer)) return undefined;
	const present = DOCUMENT_LISTS.filter(([list]) => answer[list] !== undefined);
	if (present.length === 0) return undefined;
	const documents: SortedProDocument[] = [];
	for (const [list, type] of present) {
		const entries = answer[list];
		if (entries === null) continue;
		if (!Array.isArray(entries)) return undefined;
		for (const entry of entries) {
			if (!isRecord(entry)) return undefined;
			documents.push({ type, name: firstText(entry, ['Key']) || undefined, data: entry.Value });
		}
	}
	return documents;
}

/** One output item per document, each with its file; none gives one item with `DocumentCount: 0`. */
async function documentItems(
	context: IExecuteFunctions,
	task: Task,
	answer: unknown,
): Promise<INodeExecutionData[]> {
	const what =
		task.documents === 'all'
			? `the customs documents of consignment ${task.consignmentReference}`
			: task.documents === 'commercialInvoice'
				? `the commercial invoice of consignment ${task.consignmentReference}`
				: `the ${task.documents} of package ${task.packageReference} of consignment ${task.consignmentReference}`;
	const documents = documentsOf(task, answer);
	if (!documents) {
		throw new NodeOperationError(
			context.getNode(),
			`Could not get ${what}: SortedPRO's answer is not ${task.documents === 'all' ? 'its customs documents answer' : "the document's base64 data"}`,
			{
				itemIndex: task.itemIndex,
				description:
					task.documents === 'all'
						? 'SortedPRO documents { "CommercialInvoiceDocuments": [...], "CN22Documents": [...], "CN23Documents": [...] }. Nothing from this answer was used.'
						: "SortedPRO documents the document's base64 data. Nothing from this answer was used.",
			},
		);
	}
	if (documents.length === 0)
		return [{ json: { ConsignmentReference: task.consignmentReference, DocumentCount: 0 } }];
	const items: INodeExecutionData[] = [];
	for (const [index, document] of documents.entries()) {
		// SortedPRO generates customs documents as PDFs; the data is read like a label file.
		const file = readLabelFile(document.data, 'application/pdf', 'default');
		if (!file.ok) {
			throw new NodeOperationError(
				context.getNode(),
				`Could not get ${what}: document ${index + 1} (${document.type}) of SortedPRO's answer ${file.problem.replace('label file', 'file').replace('label', 'document')}`,
				{
					itemIndex: task.itemIndex,
					description: 'Check the consignment in SortedPRO and try again.',
				},
			);
		}
		const baseName = document.name
			? document.name.replace(/\.[a-z0-9]{2,4}$/i, '')
			: `${task.consignmentReference}-${task.packageReference ? `${task.packageReference}-` : ''}${document.type}-${index + 1}`;
		const fileName = safeFileName(baseName, file.extension);
		const binary = await context.helpers.prepareBinaryData(file.bytes, fileName, file.mimeType);
		const json: IDataObject = {
			ConsignmentReference: task.consignmentReference,
			...(task.packageReference ? { PackageReference: task.packageReference } : {}),
			DocumentType: document.type,
			...(document.name ? { Key: document.name } : {}),
			DocumentCount: documents.length,
			ContentType: file.mimeType,
			fileName,
		};
		items.push({ json, binary: { [task.binaryPropertyName]: binary } });
	}
	return items;
}

function readDocumentSet(context: IExecuteFunctions, itemIndex: number): DocumentSet {
	const value = String(context.getNodeParameter('documents', itemIndex, 'all'));
	if (Object.prototype.hasOwnProperty.call(DOCUMENT_SETS, value)) return value as DocumentSet;
	throw new NodeOperationError(
		context.getNode(),
		`"Documents" in item ${itemIndex} is "${value.slice(0, 40)}", which is not one of ${Object.keys(DOCUMENT_SETS).join(', ')}`,
		{ itemIndex, description: 'Pick one from the list. Nothing was sent to SortedPRO.' },
	);
}

export const call: ConsignmentCall<Task> = {
	read: (context, itemIndex) => {
		const documents = readDocumentSet(context, itemIndex);
		const binaryPropertyName = documentFile.read(context, itemIndex);
		return {
			itemIndex,
			consignmentReference: consignmentReference.read(context, itemIndex),
			documents,
			packageReference:
				documents === 'CN22' || documents === 'CN23'
					? packageReference.read(context, itemIndex)
					: undefined,
			binaryPropertyName,
		};
	},
	action: (subject, task) =>
		task.packageReference
			? `get the ${task.documents} of package ${task.packageReference} of ${subject}`
			: `get the ${task.documents === 'all' ? 'customs documents' : 'commercial invoice'} of ${subject}`,
	notFound: (subject, task) =>
		task.packageReference ? `${subject} or package ${task.packageReference}` : subject,
	stateRule: 'Customs documents exist only once a consignment is allocated: allocate it first.',
	single: ({ consignmentReference, documents, packageReference }) => ({
		method: 'GET',
		path:
			documents === 'all'
				? sortedProPath`/consignments/docs/${consignmentReference}`
				: documents === 'commercialInvoice'
					? sortedProPath`/consignments/docs/commercialinvoice/${consignmentReference}`
					: sortedProPath`/consignments/docs/${documents}/${consignmentReference}/${packageReference ?? ''}`,
		answer: documents === 'all' ? 'json' : 'jsonOrText',
	}),
	output: async (context, task, answer) => await documentItems(context, task, answer),
};
