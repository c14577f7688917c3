import type {
	IAuthenticateGeneric,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

export class ThinkificApi implements ICredentialType {
	name = 'thinkificApi';

	displayName = 'Thinkific API';

	icon: Icon = { light: 'file:icons/thinkific.svg', dark: 'file:icons/thinkific.dark.svg' };

	documentationUrl =
		'https://github.com/certificate-delivery/n8n-nodes-certificate-delivery/blob/main/docs/credentials/ThinkificApi.md';

	properties: INodeProperties[] = [
		{
			displayName: 'Environment',
			name: 'environment',
			type: 'options',
			options: [
				{ name: 'Thinkific (api.thinkific.com)', value: 'production' },
				{ name: 'Custom Base URL', value: 'custom' },
			],
			default: 'production',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: '',
			placeholder: 'http://127.0.0.1:5713',
			description: 'Root of a Thinkific-compatible API, e.g. the local simulator',
			displayOptions: { show: { environment: ['custom'] } },
		},
		{
			displayName: 'Subdomain',
			name: 'subdomain',
			type: 'string',
			default: '',
			placeholder: 'my-school',
			description: 'The part before .thinkific.com in your school URL',
			required: true,
		},
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'Settings → Code & Analytics → API. Thinkific also signs webhooks with this key (X-Thinkific-Hmac-Sha256).',
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				'X-Auth-API-Key': '={{$credentials.apiKey}}',
				'X-Auth-Subdomain': '={{$credentials.subdomain}}',
				Authorization: '=Bearer {{$credentials.apiKey}}',
			},
		},
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL:
				'={{$credentials.environment === "custom" ? String($credentials.baseUrl).replace(/\\/+$/, "") : "https://api.thinkific.com"}}',
			url: '/api/public/v1/users',
			qs: { limit: 1 },
		},
	};
}
