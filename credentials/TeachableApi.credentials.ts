import type {
	IAuthenticateGeneric,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

/** A Teachable school's public API key, for the learner lookup of the Teachable Trigger. */
export class TeachableApi implements ICredentialType {
	name = 'teachableApi';

	displayName = 'Teachable API';

	icon: Icon = { light: 'file:icons/teachable.svg', dark: 'file:icons/teachable.dark.svg' };

	documentationUrl =
		'https://github.com/certificate-delivery/n8n-nodes-certificate-delivery/blob/main/docs/credentials/TeachableApi.md';

	properties: INodeProperties[] = [
		{
			displayName: 'Environment',
			name: 'environment',
			type: 'options',
			options: [
				{ name: 'Teachable (developers.teachable.com)', value: 'production' },
				{ name: 'Custom Base URL', value: 'custom' },
			],
			default: 'production',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: '',
			placeholder: 'http://127.0.0.1:5714',
			description: 'Root of a Teachable-compatible API (without /v1), e.g. the local simulator',
			displayOptions: { show: { environment: ['custom'] } },
		},
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'School admin → Settings → API → Add API Key (Teachable plans with API access)',
		},
	];

	// Teachable's docs spell the header in lower case; header names are case-insensitive.
	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: { headers: { apikey: '={{$credentials.apiKey}}' } },
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL:
				'={{$credentials.environment === "custom" ? String($credentials.baseUrl).replace(/\\/+$/, "") : "https://developers.teachable.com"}}',
			url: '/v1/courses',
			qs: { per: 1 },
		},
	};
}
