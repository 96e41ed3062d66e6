import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';

import type { ConsignmentCall, ConsignmentTask } from '../../helpers/consignmentCall';
import { consignmentReference, outputFileField, referenceField } from '../../helpers/fields';
import { isRecord } from '../../../shared/lists';
import { sortedProPath } from '../../../shared/transport';
import type { OperationOption } from '../types';
import { ACCOUNT_DEFAULT_FORMAT, LABEL_FORMATS } from '../../helpers/labelFile';
import { labelBinary, readLabelFormat } from '../../helpers/labelOutput';

export const option: OperationOption = {
	name: 'Get',
	value: 'get',
	action: 'Get a label',
	description: 'Get the shipping label of a consignment or of one of its packages, as a file',
};

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
];

const FORMAT_PARAMETER = { name: 'format', displayName: 'Format', accountDefault: true };

interface Task extends ConsignmentTask {
	packageReference?: string;
	format: string;
	binaryPropertyName: string;
}

export const call: ConsignmentCall<Task> = {
	read: (context, itemIndex) => {
		const forPackage = context.getNodeParameter('labelFor', itemIndex, 'consignment') === 'package';
		const binaryPropertyName = outputFile.read(context, itemIndex);
		return {
			itemIndex,
			consignmentReference: consignmentReference.read(context, itemIndex),
			packageReference: forPackage ? packageReference.read(context, itemIndex) : undefined,
			format: readLabelFormat(context, itemIndex, FORMAT_PARAMETER),
			binaryPropertyName,
		};
	},
	action: (subject, task) =>
		`get the ${task.format === 'default' ? '' : `${task.format} `}label of ${task.packageReference ? `package ${task.packageReference} of ` : ''}${subject}`,
	notFound: (subject, task) =>
		task.packageReference ? `${subject} or package ${task.packageReference}` : subject,
	stateRule: 'Labels exist only once a consignment is allocated: allocate it first.',
	single: ({ consignmentReference, packageReference, format }) => {
		const base = packageReference
			? sortedProPath`/labels/package/${consignmentReference}/${packageReference}`
			: sortedProPath`/labels/${consignmentReference}`;
		return { method: 'GET', path: format === 'default' ? base : base + sortedProPath`/${format}` };
	},
	output: async (context, task, answer) => await labelFile(context, task, answer),
};

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
