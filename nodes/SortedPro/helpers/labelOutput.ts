/**
 * A label as an n8n item: the Format option read and checked, and SortedPRO's base64 file
 * turned into checked binary data with a safe name. Label > Get and the allocations' Get Label
 * both use it, so a label is named and checked the same way however it was fetched.
 */
import { NodeOperationError } from 'n8n-workflow';
import type { IBinaryData, IDataObject, IExecuteFunctions } from 'n8n-workflow';

import {
	ACCOUNT_DEFAULT_FORMAT,
	LABEL_FORMATS,
	isFormatOption,
	readLabelFile,
	safeFileName,
} from './labelFile';

/** Which label is wanted, for messages and the file's name. */
export interface WantedLabel {
	itemIndex: number;
	consignmentReference: string;
	packageReference?: string;
	format: string;
}

/**
 * A Format parameter, which an expression could set to anything: one of LABEL_FORMATS, or the
 * account default where the call can leave the format to SortedPRO.
 */
export function readLabelFormat(
	context: IExecuteFunctions,
	itemIndex: number,
	parameter: { name: string; displayName: string; accountDefault: boolean },
): string {
	const format = String(context.getNodeParameter(parameter.name, itemIndex, 'PDF') ?? '').trim();
	const allowed = parameter.accountDefault
		? isFormatOption(format)
		: Object.prototype.hasOwnProperty.call(LABEL_FORMATS, format);
	if (!allowed) {
		const formats = Object.keys(LABEL_FORMATS).join(', ');
		throw new NodeOperationError(
			context.getNode(),
			`"${parameter.displayName}" in item ${itemIndex} is "${format.slice(0, 40)}", which is not a label format`,
			{
				itemIndex,
				description: parameter.accountDefault
					? `Use one of ${formats} or ${ACCOUNT_DEFAULT_FORMAT} (the format set in SortedPRO for the carrier). Nothing was sent to SortedPRO.`
					: `Use one of ${formats}. Nothing was sent to SortedPRO.`,
			},
		);
	}
	return format;
}

/**
 * SortedPRO's label file (base64 `file`, its `contentType`) as binary data and the fields that
 * describe it; an error naming the consignment when it is not a label of the wanted format.
 */
export async function labelBinary(
	context: IExecuteFunctions,
	wanted: WantedLabel,
	file: unknown,
	contentType: unknown,
): Promise<{ json: IDataObject; binary: IBinaryData }> {
	const label = readLabelFile(file, contentType, wanted.format);
	if (!label.ok) {
		throw new NodeOperationError(
			context.getNode(),
			`Could not get the label of consignment ${wanted.consignmentReference}: SortedPRO's answer ${label.problem}`,
			{
				itemIndex: wanted.itemIndex,
				description: 'Check in SortedPRO that the consignment is allocated and has a label.',
			},
		);
	}
	const fileName = safeFileName(
		wanted.packageReference ?? wanted.consignmentReference,
		label.extension,
	);
	const binary = await context.helpers.prepareBinaryData(label.bytes, fileName, label.mimeType);
	return { json: { ContentType: label.mimeType, fileName }, binary };
}
