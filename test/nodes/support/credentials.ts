// Credentials for node tests: each credential type resolves to plain test data, with no
// encryption and no database. Requests are authenticated with the type's own `authenticate`
// so a node sees the same headers it would in n8n.
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	ICredentials,
	ICredentialsHelper,
	IHttpRequestOptions,
	INodeCredentialsDetails,
	INodeProperties,
	IRequestOptionsSimplified,
} from 'n8n-workflow';

import type { TestNodeTypes } from './node-types';

export type TestCredentials = Record<string, ICredentialDataDecryptedObject>;

export class TestCredentialsHelper implements ICredentialsHelper {
	constructor(
		private readonly nodeTypes: TestNodeTypes,
		private readonly credentialsByType: TestCredentials = {},
	) {}

	getParentTypes(typeName: string): string[] {
		const parents = this.nodeTypes.credentialType(typeName)?.extends ?? [];
		return parents.flatMap((parent) => [parent, ...this.getParentTypes(parent)]);
	}

	// Same policy n8n applies: a type restricted to supported nodes is usable only by them.
	isCredentialUsableByNode(credentialType: string, nodeType: string): boolean {
		const type = this.nodeTypes.credentialType(credentialType);
		if (!type?.restrictToSupportedNodes) return true;
		return this.nodeTypes.supportedNodesOf(credentialType).includes(nodeType);
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions | IRequestOptionsSimplified,
	): Promise<IHttpRequestOptions> {
		const options = requestOptions as IHttpRequestOptions;
		const authenticate = this.nodeTypes.credentialType(typeName)?.authenticate;
		if (typeof authenticate === 'function') return await authenticate(credentials, options);
		if (authenticate?.type !== 'generic') return options;
		const rendered: IHttpRequestOptions = { ...options };
		const { auth, ...objectParts } = authenticate.properties;
		for (const part of ['headers', 'qs', 'body'] as const) {
			const values = objectParts[part];
			if (!values) continue;
			const target: IDataObject = { ...(isDataObject(rendered[part]) ? rendered[part] : {}) };
			for (const [key, value] of Object.entries(values)) {
				const renderedKey = renderCredentialValue(key, credentials);
				target[renderedKey] =
					typeof value === 'string' ? renderCredentialValue(value, credentials) : value;
			}
			rendered[part] = target;
		}
		if (auth) {
			rendered.auth = {
				username: renderCredentialValue(auth.username, credentials),
				password: renderCredentialValue(auth.password, credentials),
			};
		}
		return rendered;
	}

	async preAuthentication(): Promise<ICredentialDataDecryptedObject | undefined> {
		return undefined;
	}

	async runPreAuthentication(): Promise<ICredentialDataDecryptedObject | undefined> {
		return undefined;
	}

	async getCredentials(
		nodeCredentials: INodeCredentialsDetails,
		type: string,
	): Promise<ICredentials> {
		throw new Error(
			`encrypted credentials (${type}, ${nodeCredentials.name}) are not available in node tests`,
		);
	}

	async getDecrypted(
		_additionalData: unknown,
		nodeCredentials: INodeCredentialsDetails,
		type: string,
	): Promise<ICredentialDataDecryptedObject> {
		const data = this.credentialsByType[type];
		if (!data) {
			throw new Error(
				`no test credentials of type "${type}" (node credential "${nodeCredentials.name}"): pass them in runWorkflow options`,
			);
		}
		return { ...data };
	}

	async updateCredentials(): Promise<void> {}

	async updateCredentialsOauthTokenData(): Promise<void> {}

	getCredentialsProperties(type: string): INodeProperties[] {
		return this.nodeTypes.credentialType(type)?.properties ?? [];
	}
}

function isDataObject(value: unknown): value is IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// Generic authentication keys and values are expressions over `$credentials`. Tests only need the
// field references credential types actually use (`{{ $credentials.apiKey }}` and
// `{{ $credentials["api key"] }}`); anything richer is refused rather than guessed.
const CREDENTIAL_REFERENCE = /\{\{\s*\$credentials(?:\.(\w+)|\[\s*['"]([^'"]+)['"]\s*\])\s*\}\}/g;

export function renderCredentialValue(
	value: string,
	credentials: ICredentialDataDecryptedObject,
): string {
	if (!value.startsWith('=')) return value;
	const rendered = value
		.slice(1)
		.replace(CREDENTIAL_REFERENCE, (_match, dotted?: string, quoted?: string) => {
			const field = credentials[dotted ?? quoted ?? ''];
			return field === undefined || field === null ? '' : String(field);
		});
	if (rendered.includes('{{')) {
		throw new Error(`credential expression too complex for node tests: ${value}`);
	}
	return rendered;
}
