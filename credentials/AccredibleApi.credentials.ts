import type {
	IAuthenticateGeneric,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

/**
 * An Accredible API key. US, EU and sandbox keys only work on their own host; "Custom" points
 * at anything else that speaks the same API (a proxy, or the package's local simulator).
 */
export class AccredibleApi implements ICredentialType {
	name = 'accredibleApi';

	displayName = 'Accredible API';

	icon: Icon = { light: 'file:accredible.svg', dark: 'file:accredible.dark.svg' };

	documentationUrl =
		'https://github.com/certificate-delivery/n8n-nodes-certificate-delivery/blob/main/docs/credentials/AccredibleApi.md';

	properties: INodeProperties[] = [
		{
			displayName: 'Environment',
			name: 'environment',
			type: 'options',
			options: [
				{
					name: 'Production (US)',
					value: 'us',
					description: 'Api.accredible.com: dashboard.accredible.com accounts',
				},
				{
					name: 'Production (EU)',
					value: 'eu',
					description: 'Eu.api.accredible.com: eu.dashboard.accredible.com accounts',
				},
				{
					name: 'Sandbox',
					value: 'sandbox',
					description: 'Sandbox.api.accredible.com: sandbox.dashboard.accredible.com accounts',
				},
				{
					name: 'Custom Base URL',
					value: 'custom',
					description: 'A proxy or a local simulator',
				},
			],
			default: 'us',
			description: 'Where the account lives. Keys are not interchangeable between environments.',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: '',
			placeholder: 'http://127.0.0.1:5701',
			description: 'The API root, without /v1',
			displayOptions: { show: { environment: ['custom'] } },
		},
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'Accredible dashboard → Settings → API Key',
		},
	];

	// The documented header form.
	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: { Authorization: '=Token token={{$credentials.apiKey}}' },
		},
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL:
				'={{ $credentials.environment === "custom" ? String($credentials.baseUrl).trim().replace(/\\/+$/, "").replace(/\\/v1$/, "") : $credentials.environment === "eu" ? "https://eu.api.accredible.com" : $credentials.environment === "sandbox" ? "https://sandbox.api.accredible.com" : "https://api.accredible.com" }}',
			url: '/v1/issuer/details',
			method: 'GET',
		},
		rules: [
			{
				// Older Accredible answers can refuse a key inside a 200.
				type: 'responseSuccessBody',
				properties: { key: 'success', value: false, message: 'The API key was refused' },
			},
		],
	};
}
