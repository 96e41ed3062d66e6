/**
 * Runs the built SortedPRO node the way n8n runs it: the package is loaded from its
 * package.json "n8n" block by n8n-core's PackageDirectoryLoader (loader.ts), the workflow
 * is a JSON fixture executed by n8n-core's WorkflowExecute, and credentials reach the
 * request through the credential type's own `authenticate`. Only SortedPRO is simulated
 * (nock, or a loopback server from local.js).
 */
import {
	ExecuteContext,
	ExecutionLifecycleHooks,
	LoadOptionsContext,
	PollContext,
	RoutingNode,
	WorkflowExecute,
} from 'n8n-core';
import { Workflow, createRunExecutionData } from 'n8n-workflow';
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	INode,
	INodeCredentialTestResult,
	INodeExecutionData,
	INodeType,
	INodeTypes,
	IRun,
	IWorkflowBase,
	NodeExecutionHint,
} from 'n8n-workflow';

import { loadPackage, makeAdditionalData } from './loader';
import { readJson } from './local';
import { RecordingLogger, visibleText } from './logger';

export { loadPackage, visibleText };

export const NODE_TYPE = 'n8n-nodes-sortedpro.sortedPro';
export const NODE_NAME = 'SortedPRO';

/** A key that must never show up in outputs, errors or logs. */
export const TEST_API_KEY = 'dummy-test-key-5f0c1e9a-never-print-me';
export const PRODUCTION = 'https://api.electioapp.com';

export const productionCredentials = {
	sortedProApi: { apiKey: TEST_API_KEY, environment: 'production' },
};

export interface WorkflowFixture extends Pick<IWorkflowBase, 'nodes' | 'connections' | 'settings'> {
	name: string;
}

export function readWorkflow(fileName: string): WorkflowFixture {
	return readJson('test', 'fixtures', 'workflows', fileName) as WorkflowFixture;
}

/** The fixture with the SortedPRO node's parameters or settings changed. */
export function withNode(fixture: WorkflowFixture, change: Partial<INode>): WorkflowFixture {
	const copy = JSON.parse(JSON.stringify(fixture)) as WorkflowFixture;
	copy.nodes = copy.nodes.map((node) =>
		node.name === NODE_NAME
			? { ...node, ...change, parameters: { ...node.parameters, ...(change.parameters ?? {}) } }
			: node,
	);
	return copy;
}

export interface WorkflowRun {
	run: IRun;
	/** The SortedPRO node's first output, or undefined when it failed. */
	output: INodeExecutionData[] | undefined;
	/** The node's error, when the run stopped on it. */
	error:
		| (Error & { description?: string; httpCode?: string | null; context?: IDataObject })
		| undefined;
	logs: string[];
	/** The node's execution hints (the run summary n8n shows above the output). */
	hints: NodeExecutionHint[];
}

/**
 * Executes the fixture with `items` as the input of its first node and returns what
 * the SortedPRO node produced.
 */
export async function runWorkflow(
	fixture: WorkflowFixture,
	items: IDataObject[],
	credentials: Record<string, ICredentialDataDecryptedObject> = productionCredentials,
	startNodeName?: string,
): Promise<WorkflowRun> {
	const { nodeTypes, loader } = await loadPackage();
	const logger = new RecordingLogger().install();

	const workflow = new Workflow({
		id: 'test',
		name: fixture.name,
		nodes: fixture.nodes,
		connections: fixture.connections,
		settings: fixture.settings,
		active: false,
		nodeTypes,
	});

	const hooks = new ExecutionLifecycleHooks('manual', 'test-execution', {
		id: 'test',
		name: fixture.name,
		nodes: fixture.nodes,
		connections: fixture.connections,
		active: false,
		activeVersionId: null,
		isArchived: false,
		createdAt: new Date(),
		updatedAt: new Date(),
	} as IWorkflowBase);
	let resolveFinished: (run: IRun) => void = () => {};
	const finished = new Promise<IRun>((resolve) => (resolveFinished = resolve));
	hooks.addHandler('workflowExecuteAfter', (fullRunData) => resolveFinished(fullRunData));

	const additionalData = makeAdditionalData(loader, credentials, hooks);

	const startNode = startNodeName ? workflow.getNode(startNodeName) : workflow.getStartNode();
	if (!startNode) throw new Error('The fixture has no start node');
	const runExecutionData = createRunExecutionData({
		executionData: {
			nodeExecutionStack: [
				{ node: startNode, data: { main: [items.map((json) => ({ json }))] }, source: null },
			],
		},
	});

	const execution = new WorkflowExecute(additionalData, 'manual', runExecutionData);
	await execution.processRunExecutionData(workflow);
	const run = await finished;

	const taskData = run.data.resultData.runData[NODE_NAME]?.[0];
	return {
		run,
		output: taskData?.data?.main?.[0] ?? undefined,
		error: (taskData?.error ?? run.data.resultData.error) as WorkflowRun['error'],
		logs: logger.lines,
		hints: taskData?.hints ?? [],
	};
}

/**
 * Calls one of the node's list-search methods (a resource locator's "From List"
 * drop-down) the way the n8n editor backend does: in a LoadOptionsContext.
 */
export async function searchList(
	method: string,
	filter?: string,
	credentials: Record<string, ICredentialDataDecryptedObject> = productionCredentials,
	parameters: INode['parameters'] = {},
) {
	const { context, nodeType, logger } = await editorContext(credentials, parameters);
	const search = nodeType.methods?.listSearch?.[method];
	if (!search) throw new Error(`The node has no list search method ${method}`);
	const result = await search.call(context, filter);
	return { result, logs: logger.lines };
}

/** Calls one of the node's load-options methods (an options drop-down), as the editor does. */
export async function loadOptions(
	method: string,
	credentials: Record<string, ICredentialDataDecryptedObject> = productionCredentials,
) {
	const { context, nodeType, logger } = await editorContext(credentials, {});
	const load = nodeType.methods?.loadOptions?.[method];
	if (!load) throw new Error(`The node has no load options method ${method}`);
	const result = await load.call(context);
	return { result, logs: logger.lines };
}

/** The LoadOptionsContext the n8n editor backend gives a drop-down request. */
async function editorContext(
	credentials: Record<string, ICredentialDataDecryptedObject>,
	parameters: INode['parameters'],
) {
	const { nodeTypes, loader } = await loadPackage();
	const logger = new RecordingLogger().install();
	const fixture = withNode(readWorkflow('allocate-with-service-group.json'), { parameters });
	const workflow = new Workflow({
		id: 'test',
		nodes: fixture.nodes,
		connections: fixture.connections,
		active: false,
		nodeTypes,
	});
	const node = workflow.getNode(NODE_NAME)!;
	// The editor sends the node's current parameters along with a drop-down request.
	const additionalData = {
		...makeAdditionalData(loader, credentials),
		currentNodeParameters: node.parameters,
	};
	const context = new LoadOptionsContext(workflow, node, additionalData, 'parameters.serviceGroup');
	const nodeType = nodeTypes.getByNameAndVersion(node.type, node.typeVersion);
	return { context, nodeType, logger };
}

/** The one-node fixture set to a resource and operation, with extra parameters and node settings. */
export function operationWorkflow(
	resource: string,
	operation: string,
	parameters: INode['parameters'] = {},
	settings: Partial<INode> = {},
): WorkflowFixture {
	return withNode(readWorkflow('operation.json'), {
		...settings,
		parameters: { resource, operation, ...parameters },
	});
}

/** Input items with a `reference` field each. */
export const references = (...refs: string[]) => refs.map((reference) => ({ reference }));

/**
 * The credential's Test button, run the way n8n's CredentialsTester runs it: the credential's
 * `test.request` becomes the routing request of a one-property declarative node, which
 * n8n-core's RoutingNode runs in an ExecuteContext (and so through the credential's own
 * `authenticate`). The outcome is then read as the tester reads it: a failed answer whose
 * status has a rule gets that rule's message, another failed answer its status text, a
 * network failure its error code.
 */
export async function runCredentialTest(
	data: ICredentialDataDecryptedObject,
): Promise<INodeCredentialTestResult> {
	const { loader } = await loadPackage();
	new RecordingLogger().install();
	const testRequest = loader.credentialTypes.sortedProApi.type.test;
	if (!testRequest || !('request' in testRequest))
		throw new Error('the credential has no test request');
	const tester: INodeType = {
		description: {
			displayName: 'Credential test',
			name: 'credentialTest',
			group: ['transform'],
			version: 1,
			description: '',
			defaults: {},
			inputs: ['main'],
			outputs: ['main'],
			credentials: [{ name: 'sortedProApi', required: true }],
			properties: [
				{
					displayName: 'Temp',
					name: 'temp',
					type: 'string',
					default: '',
					routing: { request: testRequest.request },
				},
			],
		},
	};
	const nodeTypes: INodeTypes = {
		getByName: () => tester,
		getByNameAndVersion: () => tester,
		getKnownTypes: () => ({}),
	};
	const node: INode = {
		id: 'credential-test',
		name: 'Credential test',
		type: 'credentialTest',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
		credentials: { sortedProApi: { id: '1', name: 'SortedPRO account' } },
	};
	const workflow = new Workflow({
		id: 'test',
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes,
	});
	const additionalData = makeAdditionalData(loader, { sortedProApi: data });
	const context = new ExecuteContext(
		workflow,
		node,
		additionalData,
		'internal',
		createRunExecutionData({}),
		0,
		[],
		{ main: [[{ json: {} }]] },
		{ node, data: {}, source: null },
		[],
	);
	const routingNode = new RoutingNode(context, tester, {
		id: '1',
		name: 'SortedPRO account',
		type: 'sortedProApi',
		data,
	});
	let error:
		| (Error & { cause?: { code?: string; response?: { status: number; statusText?: string } } })
		| undefined;
	try {
		await routingNode.runNode();
	} catch (caught) {
		error = caught as typeof error;
	}
	if (!error) return { status: 'OK', message: 'Connection successful!' };
	const response = error.cause?.response;
	if (response) {
		const rule = testRequest.rules?.find(
			(candidate) =>
				candidate.type === 'responseCode' && candidate.properties.value === response.status,
		);
		if (rule && rule.type === 'responseCode')
			return { status: 'Error', message: rule.properties.message };
		return {
			status: 'Error',
			message: response.statusText || `Received HTTP status code: ${response.status}`,
		};
	}
	if (error.cause?.code) return { status: 'Error', message: error.cause.code };
	return { status: 'Error', message: error.message };
}

export const TRIGGER_TYPE = 'n8n-nodes-sortedpro.sortedProTrigger';

/**
 * One poll of the SortedPRO Trigger as n8n runs it: in n8n-core's PollContext, with the
 * workflow's static data. Pass the same `staticData` object to successive polls, as n8n
 * keeps it with the workflow between them.
 */
export async function runPoll(
	parameters: INode['parameters'],
	staticData: IDataObject,
	mode: 'trigger' | 'manual' = 'trigger',
	credentials: Record<string, ICredentialDataDecryptedObject> = productionCredentials,
	/** The trigger's version (1 compares snapshots by default, 1.1 reads events) and n8n's poll budget. */
	options: { typeVersion?: number; budgetMs?: number } = {},
) {
	const typeVersion = options.typeVersion ?? 1;
	const { nodeTypes, loader } = await loadPackage();
	const logger = new RecordingLogger().install();
	const node: INode = {
		id: 'trigger',
		name: 'SortedPRO Trigger',
		type: TRIGGER_TYPE,
		typeVersion,
		position: [0, 0],
		parameters,
		credentials: { sortedProApi: { id: '1', name: 'SortedPRO account' } },
	};
	const workflow = new Workflow({
		id: 'trigger-test',
		nodes: [node],
		connections: {},
		active: true,
		nodeTypes,
		staticData,
	});
	const budgetMs = options.budgetMs;
	const context = new PollContext(
		workflow,
		node,
		makeAdditionalData(loader, credentials),
		mode,
		'activate',
		undefined,
		undefined,
		undefined,
		undefined,
		undefined,
		budgetMs === undefined ? undefined : () => budgetMs,
	);
	const nodeType = nodeTypes.getByNameAndVersion(TRIGGER_TYPE, typeVersion);
	if (!nodeType.poll) throw new Error('the trigger has no poll()');
	const result = await nodeType.poll.call(context);
	return { result, items: result?.[0] ?? [], memory: workflow.staticData, logs: logger.lines };
}
