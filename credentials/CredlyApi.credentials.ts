import type {
	IAuthenticateGeneric,
	ICredentialTestRequest,
	ICredentialType,
	Icon,
	INodeProperties,
} from 'n8n-workflow';

/**
 * Credly's Web Service API: HTTP Basic with the organization's authorization token as the user
 * name and an empty password. Tokens expire 180 days after they are created.
 */
export class CredlyApi implements ICredentialType {
	name = 'credlyApi';

	displayName = 'Credly API';

	icon: Icon = {
		light: 'file:../nodes/Credly/credly.svg',
		dark: 'file:../nodes/Credly/credly.dark.svg',
	};

	documentationUrl =
		'https://github.com/certificate-delivery/n8n-nodes-certificate-delivery/blob/main/docs/credentials/CredlyApi.md';

	properties: INodeProperties[] = [
		{
			displayName: 'Environment',
			name: 'environment',
			type: 'options',
			options: [
				{ name: 'Production', value: 'production', description: 'https://api.credly.com' },
				{ name: 'Sandbox', value: 'sandbox', description: 'https://sandbox-api.credly.com' },
				{
					name: 'Custom Base URL',
					value: 'custom',
					description: 'A proxy, or the local Credly simulator',
				},
			],
			default: 'production',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: '',
			placeholder: 'http://127.0.0.1:5702',
			description: 'Where the Credly API lives, without /v1',
			displayOptions: { show: { environment: ['custom'] } },
		},
		{
			displayName: 'Organization ID',
			name: 'organizationId',
			type: 'string',
			default: '',
			required: true,
			placeholder: '6f0c1d7e-0000-4000-8000-000000000001',
			description:
				'The UUID of your Credly organization (Credly: Organization settings → Developers)',
		},
		{
			displayName: 'Authorization Token',
			name: 'authToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'An organization authorization token with read and write access (Credly: Organization settings → Developers → Authorization tokens). Tokens expire after 180 days.',
		},
		// Credly publishes no limit (100 is inferred), and limits differ by plan and between
		// production and sandbox: the operator who knows the account's limit sets it here, once
		// for every workflow and worker using this credential, instead of a per-host setting.
		{
			displayName: 'Requests per Minute',
			name: 'requestsPerMinute',
			type: 'number',
			typeOptions: { minValue: 1, numberPrecision: 0 },
			default: 100,
			description:
				'The most requests this credential sends to Credly in a minute, shared by every workflow and (in queue mode) every worker that uses it. Credly publishes no limit; 100 is a cautious default. Raise it only to a limit Credly has confirmed for your organization, and then set it about 2 % under that limit; lower it when other systems use the same organization.',
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			auth: { username: '={{$credentials.authToken}}', password: '' },
		},
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL:
				'={{ $credentials.environment === "custom" ? $credentials.baseUrl.trim().replace(/\\/+$/, "").replace(/\\/v1$/, "") : $credentials.environment === "sandbox" ? "https://sandbox-api.credly.com" : "https://api.credly.com" }}',
			url: '=/v1/organizations/{{ $credentials.organizationId.trim() }}',
			method: 'GET',
		},
	};
}
