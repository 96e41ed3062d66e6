/**
 * Runs the built SortedPRO node the way n8n runs it: the package is loaded from its
 * package.json "n8n" block by n8n-core's PackageDirectoryLoader, the workflow is a JSON
 * fixture executed by n8n-core's WorkflowExecute, and credentials reach the request
 * through the credential type's own `authenticate`. Only SortedPRO is simulated (nock).
 */
import { Container } from '@n8n/di';
import {
	ErrorReporter,
	ExecuteContext,
	ExecutionLifecycleHooks,
	LoadOptionsContext,
	PackageDirectoryLoader,
	RoutingNode,
	WorkflowExecute,
} from 'n8n-core';
import {
	ICredentialsHelper,
	LoggerProxy,
	NodeHelpers,
	Workflow,
	createRunExecutionData,
} from 'n8n-workflow';
import type {
	ICredentialDataDecryptedObject,
	ICredentials,
	IDataObject,
	IHttpRequestOptions,
	INode,
	INodeCredentialTestResult,
	INodeExecutionData,
	INodeType,
	INodeTypes,
	IRun,
	IVersionedNodeType,
	IWorkflowBase,
	IWorkflowExecuteAdditionalData,
	Logger,
} from 'n8n-workflow';

import { PACKAGE_DIR, readJson } from './local';

export const NODE_TYPE = 'n8n-nodes-sortedpro.sortedPro';
export const NODE_NAME = 'SortedPRO';

/** A key that must never show up in outputs, errors or logs. */
export const TEST_API_KEY = 'dummy-test-key-5f0c1e9a-never-print-me';
export const PRODUCTION = 'https://api.electioapp.com';

export const productionCredentials = {
	sortedProApi: { apiKey: TEST_API_KEY, environment: 'production' },
};

type LoadedPackage = { nodeTypes: INodeTypes; loader: PackageDirectoryLoader };

let loaded: Promise<LoadedPackage> | undefined;

/** Loads dist/ through package.json, as n8n does for an installed community package. */
export async function loadPackage(): Promise<LoadedPackage> {
	loaded ??= (async () => {
		const loader = new PackageDirectoryLoader(PACKAGE_DIR);
		await loader.loadAll();
		const byName = (type: string) => {
			const short = type.startsWith(`${loader.packageName}.`) ? type.slice(loader.packageName.length + 1) : type;
			const data = loader.nodeTypes[short] ?? loader.nodeTypes[type];
			if (!data) throw new Error(`Node type ${type} is not in the package`);
			return data.type;
		};
		const nodeTypes: INodeTypes = {
			getByName: (type: string): INodeType | IVersionedNodeType => byName(type),
			getByNameAndVersion: (type: string, version?: number): INodeType =>
				NodeHelpers.getVersionedNodeType(byName(type), version),
			getKnownTypes: () => ({}),
		};
		return { nodeTypes, loader };
	})();
	return await loaded;
}

/** Applies credentials exactly as n8n's CredentialsHelper does for a function-style `authenticate`. */
class PackageCredentialsHelper extends ICredentialsHelper {
	constructor(
		private readonly loader: PackageDirectoryLoader,
		private readonly credentials: Record<string, ICredentialDataDecryptedObject>,
	) {
		super();
	}

	getParentTypes(): string[] {
		return [];
	}

	isCredentialUsableByNode(): boolean {
		return true;
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const credentialType = this.loader.credentialTypes[typeName]?.type;
		if (!credentialType) throw new Error(`Credential type ${typeName} is not in the package`);
		if (typeof credentialType.authenticate === 'function') {
			return await credentialType.authenticate(credentials, requestOptions);
		}
		throw new Error(`Credential type ${typeName} has no authenticate function`);
	}

	async preAuthentication(): Promise<undefined> {
		return undefined;
	}

	async runPreAuthentication(): Promise<undefined> {
		return undefined;
	}

	async getCredentials(): Promise<ICredentials> {
		throw new Error('not used by this package');
	}

	async getDecrypted(
		_additionalData: IWorkflowExecuteAdditionalData,
		_nodeCredentials: unknown,
		type: string,
	): Promise<ICredentialDataDecryptedObject> {
		const data = this.credentials[type];
		if (!data) throw new Error(`No test credentials of type ${type}`);
		return { ...data };
	}

	async updateCredentials(): Promise<void> {}

	async updateCredentialsOauthTokenData(): Promise<void> {}

	getCredentialsProperties() {
		return this.loader.credentialTypes.sortedProApi?.type.properties ?? [];
	}
}

/** Everything logged while a workflow runs, to check that no secret is logged. */
export class RecordingLogger implements Logger {
	readonly lines: string[] = [];

	private record(level: string, message: string, meta?: object) {
		this.lines.push(`${level} ${message} ${meta ? safeJson(meta) : ''}`);
	}

	error = (message: string, meta?: object) => this.record('error', message, meta);
	warn = (message: string, meta?: object) => this.record('warn', message, meta);
	info = (message: string, meta?: object) => this.record('info', message, meta);
	debug = (message: string, meta?: object) => this.record('debug', message, meta);
	scoped = () => this;

	/**
	 * Logs through n8n's own channels for this run: LoggerProxy, and the ErrorReporter,
	 * which in n8n writes every node error and its causes to the server log (and Sentry).
	 * The reporter's copy is the whole error, every property, so a scan sees all of it.
	 */
	install(): this {
		LoggerProxy.init(this);
		// `report` is private in the typings; replacing it is how a test captures reports.
		(Container.get(ErrorReporter) as unknown as { report: (error: unknown) => void }).report = (
			error: unknown,
		) => {
			this.lines.push(`reported ${visibleText(error)}`);
		};
		return this;
	}
}

function safeJson(value: unknown): string {
	const seen = new WeakSet<object>();
	return JSON.stringify(value, (_key, inner: unknown) => {
		if (typeof inner === 'object' && inner !== null) {
			if (seen.has(inner)) return '[circular]';
			seen.add(inner);
		}
		if (inner instanceof Error) return { ...inner, message: inner.message, stack: inner.stack };
		return inner;
	});
}

export interface WorkflowFixture extends Pick<IWorkflowBase, 'nodes' | 'connections' | 'settings'> {
	name: string;
}

export function readWorkflow(fileName: string): WorkflowFixture {
	return readJson('test', 'workflows', fileName) as WorkflowFixture;
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

function makeAdditionalData(
	loader: PackageDirectoryLoader,
	credentials: Record<string, ICredentialDataDecryptedObject>,
	hooks?: ExecutionLifecycleHooks,
): IWorkflowExecuteAdditionalData {
	return {
		credentialsHelper: new PackageCredentialsHelper(loader, credentials),
		hooks,
		currentNodeExecutionIndex: 0,
		restApiUrl: 'http://localhost/rest',
		instanceBaseUrl: 'http://localhost/',
		formBaseUrl: 'http://localhost/form',
		formWaitingBaseUrl: 'http://localhost/form-waiting',
		formTestBaseUrl: 'http://localhost/form-test',
		webhookBaseUrl: 'http://localhost/webhook',
		webhookWaitingBaseUrl: 'http://localhost/webhook-waiting',
		webhookTestBaseUrl: 'http://localhost/webhook-test',
		mcpBaseUrl: 'http://localhost/mcp',
		mcpTestBaseUrl: 'http://localhost/mcp-test',
		variables: {},
		executeWorkflow: async () => {
			throw new Error('sub-workflows are not used');
		},
		getRunExecutionData: async () => undefined,
		getRuntimeCredential: async () => undefined,
		logAiEvent: () => {},
		startRunnerTask: async () => {
			throw new Error('code tasks are not used');
		},
	} as unknown as IWorkflowExecuteAdditionalData;
}

export interface WorkflowRun {
	run: IRun;
	/** The SortedPRO node's first output, or undefined when it failed. */
	output: INodeExecutionData[] | undefined;
	/** The node's error, when the run stopped on it. */
	error: (Error & { description?: string; httpCode?: string | null; context?: IDataObject }) | undefined;
	logs: string[];
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
) {
	const { nodeTypes, loader } = await loadPackage();
	const logger = new RecordingLogger().install();
	const fixture = readWorkflow('allocate-with-service-group.json');
	const workflow = new Workflow({
		id: 'test',
		nodes: fixture.nodes,
		connections: fixture.connections,
		active: false,
		nodeTypes,
	});
	const node = workflow.getNode(NODE_NAME)!;
	const context = new LoadOptionsContext(workflow, node, makeAdditionalData(loader, credentials), 'parameters.serviceGroup');
	const nodeType = nodeTypes.getByNameAndVersion(node.type, node.typeVersion);
	const search = nodeType.methods?.listSearch?.[method];
	if (!search) throw new Error(`The node has no list search method ${method}`);
	const result = await search.call(context, filter);
	return { result, logs: logger.lines };
}

/**
 * Everything a user or an operator could see of a run: the stored run data, and every
 * error with all its own properties (message, description, cause, context...), even
 * the non-enumerable ones that JSON.stringify would skip.
 */
export function visibleText(value: unknown): string {
	const seen = new WeakSet<object>();
	const walk = (inner: unknown): unknown => {
		if (typeof inner !== 'object' || inner === null) return inner;
		if (seen.has(inner)) return '[circular]';
		seen.add(inner);
		if (Array.isArray(inner)) return inner.map(walk);
		// Errors: every own property, even non-enumerable ones. A getter that throws (a
		// socket inside a request error) is shown as such rather than ending the scan.
		const keys = inner instanceof Error ? Object.getOwnPropertyNames(inner) : Object.keys(inner);
		const out: Record<string, unknown> = {};
		for (const key of keys) {
			try {
				out[key] = walk((inner as Record<string, unknown>)[key]);
			} catch {
				out[key] = '[unreadable]';
			}
		}
		return out;
	};
	return JSON.stringify(walk(value));
}

/** The one-node fixture set to a resource and operation, with extra parameters and node settings. */
export function operationWorkflow(
	resource: string,
	operation: string,
	parameters: INode['parameters'] = {},
	settings: Partial<INode> = {},
): WorkflowFixture {
	return withNode(readWorkflow('operation.json'), { ...settings, parameters: { resource, operation, ...parameters } });
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
export async function runCredentialTest(data: ICredentialDataDecryptedObject): Promise<INodeCredentialTestResult> {
	const { loader } = await loadPackage();
	new RecordingLogger().install();
	const testRequest = loader.credentialTypes.sortedProApi.type.test;
	if (!testRequest || !('request' in testRequest)) throw new Error('the credential has no test request');
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
			properties: [{ displayName: 'Temp', name: 'temp', type: 'string', default: '', routing: { request: testRequest.request } }],
		},
	};
	const nodeTypes: INodeTypes = { getByName: () => tester, getByNameAndVersion: () => tester, getKnownTypes: () => ({}) };
	const node: INode = {
		id: 'credential-test',
		name: 'Credential test',
		type: 'credentialTest',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
		credentials: { sortedProApi: { id: '1', name: 'SortedPRO account' } },
	};
	const workflow = new Workflow({ id: 'test', nodes: [node], connections: {}, active: false, nodeTypes });
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
	const routingNode = new RoutingNode(context, tester, { id: '1', name: 'SortedPRO account', type: 'sortedProApi', data });
	let error: (Error & { cause?: { code?: string; response?: { status: number; statusText?: string } } }) | undefined;
	try {
		await routingNode.runNode();
	} catch (caught) {
		error = caught as typeof error;
	}
	if (!error) return { status: 'OK', message: 'Connection successful!' };
	const response = error.cause?.response;
	if (response) {
		const rule = testRequest.rules?.find(
			(candidate) => candidate.type === 'responseCode' && candidate.properties.value === response.status,
		);
		if (rule && rule.type === 'responseCode') return { status: 'Error', message: rule.properties.message };
		return { status: 'Error', message: response.statusText || `Received HTTP status code: ${response.status}` };
	}
	if (error.cause?.code) return { status: 'Error', message: error.cause.code };
	return { status: 'Error', message: error.message };
}
