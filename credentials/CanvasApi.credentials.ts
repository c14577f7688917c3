import type {
	IAuthenticateGeneric,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

/** A Canvas REST API access token, sent as `Authorization: Bearer`. */
export class CanvasApi implements ICredentialType {
	name = 'canvasApi';

	displayName = 'Canvas API';

	icon: Icon = { light: 'file:icons/canvas.svg', dark: 'file:icons/canvas.dark.svg' };

	documentationUrl =
		'https://github.com/certificate-delivery/n8n-nodes-certificate-delivery/blob/main/docs/credentials/CanvasApi.md';

	properties: INodeProperties[] = [
		{
			displayName: 'Canvas URL',
			name: 'baseUrl',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'https://school.instructure.com',
			description:
				'The root of your Canvas site (without /api/v1), or a Canvas-compatible server such as the local simulator (http://127.0.0.1:5712)',
		},
		{
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'Account → Settings → Approved Integrations → + New Access Token, created by a user who may see grades in the courses to watch (a teacher or an admin)',
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: { headers: { Authorization: '=Bearer {{$credentials.accessToken}}' } },
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{String($credentials.baseUrl).replace(/\\/+$/, "")}}',
			url: '/api/v1/users/self',
		},
	};
}
