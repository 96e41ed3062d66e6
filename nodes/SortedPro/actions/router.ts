import { NodeOperationError } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { resources } from './resources';
import { executeOperation } from './types';

/** Dispatches the node's execution to the selected resource's operation module. */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	// Resource and operation are not expressions, so item 0 stands for all items.
	const resourceName = this.getNodeParameter('resource', 0) as string;
	const operationName = this.getNodeParameter('operation', 0) as string;

	const operation = resources
		.find((resource) => resource.option.value === resourceName)
		?.operations.find((candidate) => candidate.option.value === operationName);
	if (!operation) {
		throw new NodeOperationError(
			this.getNode(),
			`The operation "${operationName}" of resource "${resourceName}" is not supported by this version of the SortedPRO node`,
			{ description: 'Open the node and choose a resource and operation from the lists.' },
		);
	}
	return [await executeOperation(this, operation, items)];
}
