/**
 * Loads the built package the way n8n loads an installed community package, and gives
 * n8n-core what it needs to run it: credentials applied by the credential type's own
 * `authenticate`, as n8n's CredentialsHelper applies them.
 */
import { PackageDirectoryLoader } from 'n8n-core';
import type { ExecutionLifecycleHooks } from 'n8n-core';
import { ICredentialsHelper, NodeHelpers } from 'n8n-workflow';
import type {
	ICredentialDataDecryptedObject,
	ICredentials,
	IHttpRequestOptions,
	INodeType,
	INodeTypes,
	IVersionedNodeType,
	IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';

import { PACKAGE_DIR } from './local';

export type LoadedPackage = { nodeTypes: INodeTypes; loader: PackageDirectoryLoader };

let loaded: Promise<LoadedPackage> | undefined;

/** Loads dist/ through package.json, as n8n does for an installed community package. */
export async function loadPackage(): Promise<LoadedPackage> {
	loaded ??= (async () => {
		const loader = new PackageDirectoryLoader(PACKAGE_DIR);
		await loader.loadAll();
		const byName = (type: string) => {
			const short = type.startsWith(`${loader.packageName}.`)
				? type.slice(loader.packageName.length + 1)
				: type;
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

export function makeAdditionalData(
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
