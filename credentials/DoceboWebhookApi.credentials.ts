import type { Icon, ICredentialType, INodeProperties } from 'n8n-workflow';

/** How Docebo deliveries prove they come from your platform: a secret header or HTTP Basic. */
export class DoceboWebhookApi implements ICredentialType {
	name = 'doceboWebhookApi';

	displayName = 'Docebo Webhook API';

	icon: Icon = { light: 'file:icons/docebo.svg', dark: 'file:icons/docebo.dark.svg' };

	documentationUrl =
		'https://github.com/certificate-delivery/n8n-nodes-certificate-delivery/blob/main/docs/credentials/DoceboWebhookApi.md';

	properties: INodeProperties[] = [
		{
			displayName: 'Check',
			name: 'authType',
			type: 'options',
			options: [
				{ name: 'Secret Header', value: 'header' },
				{ name: 'Basic Auth', value: 'basic' },
			],
			default: 'header',
		},
		{
			displayName: 'Header Name',
			name: 'headerName',
			type: 'string',
			default: 'X-Docebo-Secret',
			displayOptions: { show: { authType: ['header'] } },
		},
		{
			displayName: 'Secret',
			name: 'secret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			displayOptions: { show: { authType: ['header'] } },
		},
		{
			displayName: 'User',
			name: 'user',
			type: 'string',
			default: '',
			displayOptions: { show: { authType: ['basic'] } },
		},
		{
			displayName: 'Password',
			name: 'password',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			displayOptions: { show: { authType: ['basic'] } },
		},
	];
}
