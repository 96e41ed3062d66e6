import { NodeOperationError } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { customerManifestRequests } from '../../helpers/customerManifests';
import { firstAnsweringRoute } from '../../helpers/documentedRoutes';
import { outputFileField, referenceField } from '../../helpers/fields';
import { runPerItem } from '../../helpers/items';
import type { ItemTask } from '../../helpers/items';
import { readLabelFile, safeFileName } from '../../helpers/labelFile';
import type { RunSettings } from '../../helpers/settings';
import type { OperationOption } from '../types';
import type { Effect } from '../../helpers/toolDescription';

export const option: OperationOption = {
	name: 'Get Customer Manifest',
	value: 'getCustomerManifest',
	action: 'Get customer manifest',
	description: 'Download one manifest (the collection sheet for the carrier) as a PDF file',
};

/** What an AI agent is told this operation changes (helpers/toolDescription.ts). */
export const effect: Effect = 'reads';

const manifestReference = referenceField({
	displayName: 'Manifest Reference',
	name: 'manifestReference',
	example: '3837b862e2ab47de95f11c016f36f072',
	description:
		'The ManifestReference of a manifest, usually mapped from Get Customer Manifests: {{ $json.ManifestReference }}',
});

const manifestFile = outputFileField(
	'The name of the output binary field to put the manifest PDF in',
);

export const description: INodeProperties[] = [manifestReference.property, manifestFile.property];

/** One file per item; items one after another. */
export const shape = 'list';

interface Task extends ItemTask {
	manifestReference: string;
	binaryPropertyName: string;
}

async function manifestItem(
	context: IExecuteFunctions,
	task: Task,
	answer: unknown,
): Promise<INodeExecutionData[]> {
	// help/manifesting_consignments.md: "the specified manifest file as a base-64 encoded byte
	// array" (a JSON string) in PDF format; no field or content type is documented.
	const file = readLabelFile(answer, 'application/pdf', 'PDF');
	if (!file.ok) {
		throw new NodeOperationError(
			context.getNode(),
			`Could not get customer manifest ${task.manifestReference}: SortedPRO's answer ${file.problem.replace('label file', 'file').replace('label', 'manifest')}`,
			{
				itemIndex: task.itemIndex,
				description:
					'SortedPRO documents the manifest as a PDF in base64. Nothing from this answer was used: check the manifest in SortedPRO.',
			},
		);
	}
	const fileName = safeFileName(task.manifestReference, file.extension);
	const binary = await context.helpers.prepareBinaryData(file.bytes, fileName, file.mimeType);
	return [
		{
			json: { ManifestReference: task.manifestReference, ContentType: file.mimeType, fileName },
			binary: { [task.binaryPropertyName]: binary },
		},
	];
}

export async function execute(
	context: IExecuteFunctions,
	items: INodeExecutionData[],
	settings: RunSettings,
): Promise<INodeExecutionData[]> {
	return await runPerItem<Task>(context, items, settings, {
		read: (itemIndex) => ({
			itemIndex,
			manifestReference: manifestReference.read(context, itemIndex),
			binaryPropertyName: manifestFile.read(context, itemIndex),
		}),
		send: async (task) => {
			const answer = await firstAnsweringRoute(
				context,
				customerManifestRequests(task.manifestReference),
				{
					action: `get customer manifest ${task.manifestReference}`,
					itemIndex: task.itemIndex,
					notFound: `manifest ${task.manifestReference} (get its ManifestReference with Manifest > Get Customer Manifests)`,
				},
				settings.request,
			);
			return await manifestItem(context, task, answer);
		},
	});
}
