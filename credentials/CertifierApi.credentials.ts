import type {
	IAuthenticateGeneric,
	ICredentialTestRequest,
	ICredentialType,
	Icon,
	INodeProperties,
} from 'n8n-workflow';

/** The API version every request must name; without it Certifier answers 400 missing_version. */
const CERTIFIER_API_VERSION = '2022-10-26';

/** Certifier: a workspace access token as Bearer, plus the required Certifier-Version header. */
export class CertifierApi implements ICredentialType {
	name = 'certifierApi';

	displayName = 'Certifier API';

	icon: Icon = {
		light: 'file:../nodes/Certifier/certifier.svg',
		dark: 'file:../nodes/Certifier/certifier.dark.svg',
	};

	documentationUrl =
		'https://github.com/certificate-delivery/n8n-nodes-certificate-delivery/blob/main/docs/credentials/CertifierApi.md';

	properties: INodeProperties[] = [
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.certifier.io',
			required: true,
			description:
				'Certifier API host, without /v1. Change it only for a proxy or the local Certifier simulator (http://127.0.0.1:5703).',
		},
		{
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'A workspace access token (Certifier: Settings → Developers → Access Tokens)',
		},
		{
			displayName: 'Webhook Signing Secret',
			name: 'webhookSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'Only for the Certifier Trigger: the secret Certifier shows when you add the webhook (Settings → Developers → Webhooks). Deliveries whose signature does not match it are refused.',
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				Authorization: '=Bearer {{$credentials.accessToken}}',
				'Certifier-Version': CERTIFIER_API_VERSION,
			},
		},
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{ $credentials.baseUrl.trim().replace(/\\/+$/, "").replace(/\\/v1$/, "") }}',
			url: '/v1/groups',
			qs: { limit: 1 },
			method: 'GET',
		},
	};
}
