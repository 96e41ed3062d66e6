import { NodeOperationError } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { wantsLabels } from '../helpers/allocationLabels';
import { runConsignmentCall } from '../helpers/runner';
import { runSummary } from '../helpers/runSummary';
import { readOutputMode, shapeOutputs } from '../helpers/simplify';
import { readRunSettings } from '../helpers/settings';
import { shapeOf } from './defineResource';
import { resources } from './resources';
import type { OperationModule } from './types';

/**
 * Runs one operation on the node's input items: the run's settings are read here, once, and
 * handed to the runner (an operation on consignments) or to the operation's own flow.
 */
export async function executeOperation(
	context: IExecuteFunctions,
	operation: OperationModule,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	// Get Label sends one allocate-and-get-labels call per item, whatever the operation's lists.
	const perItemLabels = operation.call?.labelsRoute !== undefined && wantsLabels(context);
	const shape = perItemLabels ? 'perItem' : shapeOf(operation);
	const settings = await readRunSettings(context, shape);
	const outputMode = operation.simplified ? readOutputMode(context) : undefined;
	const startedAt = Date.now();
	const outputs = operation.call
		? await runConsignmentCall(context, items, operation.call, settings)
		: await operation.execute(context, items, settings);
	// A run that stopped on an error has no summary: n8n shows the error instead.
	if (shape !== 'list') {
		const hints = runSummary({
			inputs: items,
			outputs,
			allocates: operation.call?.allocates === true,
			couldSendInBatches: shape === 'perItemOrBatches' && !settings.sendInBatches,
			batchSize: settings.batchSize,
			getsLabels: operation.call?.getsLabels === true,
			pace: settings.request.pace?.state(),
			elapsedMs: Date.now() - startedAt,
		});
		if (hints.length > 0) context.addExecutionHints(...hints);
	}
	return operation.simplified && outputMode
		? shapeOutputs(operation.simplified, outputMode, outputs)
		: outputs;
}

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
