import type {
	IAuthenticateGeneric,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

export class TalentLmsApi implements ICredentialType {
	name = 'talentLmsApi';

	displayName = 'TalentLMS API';

	icon: Icon = { light: 'file:icons/talentLms.svg', dark: 'file:icons/talentLms.dark.svg' };

	documentationUrl =
		'https://github.com/certificate-delivery/n8n-nodes-certificate-delivery/blob/main/docs/credentials/TalentLmsApi.md';

	properties: INodeProperties[] = [
		{
			displayName: 'Environment',
			name: 'environment',
			type: 'options',
			options: [
				{ name: 'TalentLMS (yourdomain.talentlms.com)', value: 'production' },
				{ name: 'Custom Base URL', value: 'custom' },
			],
			default: 'production',
		},
		{
			displayName: 'Domain',
			name: 'domain',
			type: 'string',
			default: '',
			placeholder: 'mycompany.talentlms.com',
			displayOptions: { show: { environment: ['production'] } },
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: '',
			placeholder: 'http://127.0.0.1:5715',
			description: 'Root of a TalentLMS-compatible API, e.g. the local simulator',
			displayOptions: { show: { environment: ['custom'] } },
		},
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'Account & Settings → Integrations → API (enable the API first)',
		},
	];

	// TalentLMS API v1: HTTP Basic with the key as user name and an empty password.
	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: { auth: { username: '={{$credentials.apiKey}}', password: '' } },
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL:
				'={{$credentials.environment === "custom" ? String($credentials.baseUrl).replace(/\\/+$/, "") : "https://" + String($credentials.domain).replace(/^https?:\\/\\//, "").replace(/\\/+$/, "")}}',
			url: '/api/v1/ratelimit',
		},
	};
}
