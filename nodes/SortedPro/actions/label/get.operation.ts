import { BINARY_ENCODING } from 'n8n-workflow';
import type {
	IBinaryData,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
	INodePropertyOptions,
	IPairedItemData,
} from 'n8n-workflow';

import type { ConsignmentCall, ConsignmentTask } from '../../helpers/consignmentCall';
import {
	consignmentReference,
	inputError,
	outputFileField,
	referenceField,
} from '../../helpers/fields';
import { isRecord } from '../../../shared/lists';
import { sortedProPath } from '../../../shared/transport';
import type { OperationOption } from '../types';
import { ACCOUNT_DEFAULT_FORMAT, LABEL_FORMATS } from '../../helpers/labelFile';
import { labelBinary, readLabelFormat } from '../../helpers/labelOutput';
import type { Effect } from '../../helpers/toolDescription';

export const option: OperationOption = {
	name: 'Get',
	value: 'get',
	action: 'Get a label',
	description: 'Get the shipping label of a consignment or of one of its packages, as a file',
};

/** What an AI agent is told this operation changes (helpers/toolDescription.ts). */
export const effect: Effect = 'reads';

const outputFile = outputFileField('The name of the output binary field to put the label file in');

const packageReference = referenceField(
	{
		displayName: 'Package Reference',
		name: 'packageReference',
		example: 'EP-000-05F-1E8',
		description: 'The SortedPRO reference of the package whose label is wanted',
	},
	{ displayOptions: { show: { labelFor: ['package'] } } },
);

/** The Format drop-down: the account's default, then every format the node can read (LABEL_FORMATS). */
const FORMATS: INodePropertyOptions[] = [
	{
		name: 'Account Default',
		value: ACCOUNT_DEFAULT_FORMAT,
		description: 'The label format set in SortedPRO for the carrier',
	},
	...Object.keys(LABEL_FORMATS).map((format) => ({ name: format, value: format })),
];

export const description: INodeProperties[] = [
	consignmentReference.property,
	{
		displayName: 'Label For',
		name: 'labelFor',
		type: 'options',
		default: 'consignment',
		options: [
			{
				name: 'Whole Consignment',
				value: 'consignment',
				description: 'All packages of the consignment',
			},
			{ name: 'One Package', value: 'package', description: 'The label of one package' },
		],
	},
	packageReference.property,
	{
		displayName: 'Format',
		name: 'format',
		type: 'options',
		default: 'PDF',
		options: FORMATS,
	},
	outputFile.property,
	{
		displayName: 'Resolution (DPI)',
		name: 'resolution',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 0,
		description:
			"The label's resolution in dots per inch, e.g. 203 for most thermal printers; 0 for SortedPRO's default. Needs a Format other than Account Default.",
	},
	{
		displayName: 'Output',
		name: 'output',
		type: 'options',
		noDataExpression: true,
		default: 'perConsignment',
		options: [
			{
				name: 'One Item per Consignment',
				value: 'perConsignment',
				description: 'Each item gets its own label file',
			},
			{
				name: 'One ZPL Print File for the Run',
				value: 'printFile',
				description:
					'One item holding every label of the run, in input order, as one ZPL file for a thermal printer (ZPL and ZPLII only)',
			},
		],
	},
];

/** The print file: ZPL labels are text, one after another; PDF and PNG cannot be joined without a library. */
const PRINT_FILE_FORMATS = ['ZPL', 'ZPLII'];

const FORMAT_PARAMETER = { name: 'format', displayName: 'Format', accountDefault: true };

interface Task extends ConsignmentTask {
	packageReference?: string;
	format: string;
	resolution?: number;
	binaryPropertyName: string;
}

const printFileWanted = (context: IExecuteFunctions) =>
	context.getNodeParameter('output', 0, 'perConsignment') === 'printFile';

function readResolution(context: IExecuteFunctions, itemIndex: number, format: string) {
	const raw: unknown = context.getNodeParameter('resolution', itemIndex, 0);
	const resolution = Number(raw ?? 0);
	if (!Number.isInteger(resolution) || resolution < 0 || resolution > 1200)
		throw inputError(
			context,
			itemIndex,
			`"Resolution (DPI)" in item ${itemIndex} is "${String(raw).slice(0, 20)}", which is not a whole number of dots per inch up to 1200`,
			"Enter e.g. 203, or 0 for SortedPRO's default.",
		);
	if (resolution > 0 && format === 'default')
		throw inputError(
			context,
			itemIndex,
			`"Resolution (DPI)" in item ${itemIndex} needs a Format: SortedPRO takes a resolution only with one`,
			'Pick a Format (e.g. ZPL), or set Resolution to 0.',
		);
	return resolution > 0 ? resolution : undefined;
}

export const call: ConsignmentCall<Task> = {
	getsLabels: true,
	read: (context, itemIndex) => {
		const forPackage = context.getNodeParameter('labelFor', itemIndex, 'consignment') === 'package';
		const binaryPropertyName = outputFile.read(context, itemIndex);
		const format = readLabelFormat(context, itemIndex, FORMAT_PARAMETER);
		if (printFileWanted(context) && !PRINT_FILE_FORMATS.includes(format))
			throw inputError(
				context,
				itemIndex,
				`"Format" in item ${itemIndex} is ${format === 'default' ? 'Account Default' : format}, but a print file is ZPL`,
				'Pick Format ZPL or ZPLII for One ZPL Print File for the Run, or Output One Item per Consignment (PDF and PNG labels are one file each).',
			);
		return {
			itemIndex,
			consignmentReference: consignmentReference.read(context, itemIndex),
			packageReference: forPackage ? packageReference.read(context, itemIndex) : undefined,
			format,
			resolution: readResolution(context, itemIndex, format),
			binaryPropertyName,
		};
	},
	action: (subject, task) =>
		`get the ${task.format === 'default' ? '' : `${task.format} `}label of ${task.packageReference ? `package ${task.packageReference} of ` : ''}${subject}`,
	notFound: (subject, task) =>
		task.packageReference ? `${subject} or package ${task.packageReference}` : subject,
	stateRule: 'Labels exist only once a consignment is allocated: allocate it first.',
	// SDK LabelService: `/labels/{ref}/{format}/{resolution}` and
	// `/labels/package/{ref}/{package}/{format}/{resolution}` (resolution in dpi); the legacy
	// routes without them.
	single: ({ consignmentReference, packageReference, format, resolution }) => {
		const base = packageReference
			? sortedProPath`/labels/package/${consignmentReference}/${packageReference}`
			: sortedProPath`/labels/${consignmentReference}`;
		const withFormat = format === 'default' ? base : base + sortedProPath`/${format}`;
		return {
			method: 'GET',
			path: resolution ? withFormat + sortedProPath`/${String(resolution)}` : withFormat,
		};
	},
	output: async (context, task, answer) => await labelFile(context, task, answer),
	combine: async (context, outputs) =>
		printFileWanted(context) ? await printFile(context, outputs) : outputs,
};

/** A label item's file as bytes, wherever n8n keeps binary data. */
async function labelBytes(context: IExecuteFunctions, binary: IBinaryData): Promise<Buffer> {
	if (binary.id)
		return await context.helpers.binaryToBuffer(await context.helpers.getBinaryStream(binary.id));
	return Buffer.from(binary.data, BINARY_ENCODING);
}

/**
 * Every label of the run as one ZPL file, in input order, in one item paired to all the items
 * whose labels it holds; an item that failed (On Error: Continue) stays its own error item after it.
 */
async function printFile(
	context: IExecuteFunctions,
	outputs: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	const labelled = outputs.filter((item) => item.binary !== undefined);
	const failed = outputs.filter((item) => item.binary === undefined);
	if (labelled.length === 0) return failed;
	const parts: Buffer[] = [];
	for (const item of labelled) {
		const [binary] = Object.values(item.binary ?? {});
		parts.push(await labelBytes(context, binary));
	}
	// ZPL labels follow one another (each ^XA … ^XZ); a line break keeps them readable.
	const file = Buffer.concat(
		parts.flatMap((part, index) => (index ? [Buffer.from('\n'), part] : [part])),
	);
	const field = outputFile.read(context, 0);
	const fileName = `labels-${labelled.length}.zpl`;
	const binary = await context.helpers.prepareBinaryData(
		file,
		fileName,
		LABEL_FORMATS.ZPL.mimeType,
	);
	const pairedItem: IPairedItemData[] = labelled.flatMap((item) => {
		const paired = item.pairedItem;
		if (paired === undefined) return [];
		return (Array.isArray(paired) ? paired : [paired]).map((entry) =>
			typeof entry === 'number' ? { item: entry } : entry,
		);
	});
	return [
		{
			json: {
				LabelCount: labelled.length,
				ConsignmentReferences: labelled.map((item) => item.json.ConsignmentReference as string),
				ContentType: LABEL_FORMATS.ZPL.mimeType,
				fileName,
			},
			binary: { [field]: binary },
			pairedItem,
		},
		...failed,
	];
}

async function labelFile(
	context: IExecuteFunctions,
	task: Task,
	answer: unknown,
): Promise<INodeExecutionData[]> {
	const label = Array.isArray(answer) && answer.length === 1 ? (answer[0] as unknown) : answer;
	const { json, binary } = await labelBinary(
		context,
		task,
		isRecord(label) ? label.File : undefined,
		isRecord(label) ? label.ContentType : undefined,
	);
	return [
		{
			json: {
				ConsignmentReference: task.consignmentReference,
				...(task.packageReference ? { PackageReference: task.packageReference } : {}),
				...json,
			},
			binary: { [task.binaryPropertyName]: binary },
		},
	];
}
