import type { Icon, ICredentialType, INodeProperties } from 'n8n-workflow';

/** The secret a Teachable school signs webhooks with, when signing is in use. */
export class TeachableWebhookApi implements ICredentialType {
	name = 'teachableWebhookApi';

	displayName = 'Teachable Webhook API';

	icon: Icon = { light: 'file:icons/teachable.svg', dark: 'file:icons/teachable.dark.svg' };

	documentationUrl =
		'https://github.com/certificate-delivery/n8n-nodes-certificate-delivery/blob/main/docs/credentials/TeachableWebhookApi.md';

	properties: INodeProperties[] = [
		{
			displayName: 'Signing Secret',
			name: 'secret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'The webhook secret shown by Teachable (or your relay) for this endpoint',
		},
		{
			displayName: 'Signature Header',
			name: 'headerName',
			type: 'string',
			default: 'teachable-signature',
			description: 'Header that carries the HMAC-SHA256 of the raw body',
		},
		{
			displayName: 'Signature Encoding',
			name: 'encoding',
			type: 'options',
			options: [
				{ name: 'Hex', value: 'hex' },
				{ name: 'Base64', value: 'base64' },
			],
			default: 'hex',
		},
	];
}
