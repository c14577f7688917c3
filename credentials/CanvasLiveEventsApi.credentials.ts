import type { Icon, ICredentialType, INodeProperties } from 'n8n-workflow';

/**
 * Where the public keys that sign Canvas Live Events come from, and which Canvas may send them:
 * the keys are shared by every Canvas tenant, so the allow-list is what makes an event yours.
 */
export class CanvasLiveEventsApi implements ICredentialType {
	name = 'canvasLiveEventsApi';

	displayName = 'Canvas Live Events API';

	icon: Icon = { light: 'file:icons/canvas.svg', dark: 'file:icons/canvas.dark.svg' };

	documentationUrl =
		'https://github.com/certificate-delivery/n8n-nodes-certificate-delivery/blob/main/docs/credentials/CanvasLiveEventsApi.md';

	properties: INodeProperties[] = [
		{
			displayName: 'Allowed Root Accounts',
			name: 'allowedRootAccounts',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. 21070000000000001',
			description:
				"Your Canvas root account ids (metadata.root_account_id of a live event, or root_account_uuid), separated by commas. Canvas signs every tenant's events with the same keys: events from any other root account are refused (403).",
		},
		{
			displayName: 'Allowed Hosts',
			name: 'allowedHosts',
			type: 'string',
			default: '',
			placeholder: 'e.g. school.instructure.com',
			description:
				'Optional: your Canvas host names (metadata.hostname), separated by commas. When set, an event naming another host is refused (403).',
		},
		{
			displayName: 'Keys From',
			name: 'jwksSource',
			type: 'options',
			options: [
				{ name: 'JWKS URL', value: 'url' },
				{ name: 'JWKS JSON', value: 'json' },
			],
			default: 'url',
		},
		{
			displayName: 'JWKS URL',
			name: 'jwksUrl',
			type: 'string',
			default: 'https://8axpcl50e4.execute-api.us-east-1.amazonaws.com/main/jwks',
			description:
				"Instructure's published keys (production). The beta environment has its own URL.",
			displayOptions: { show: { jwksSource: ['url'] } },
		},
		{
			displayName: 'JWKS JSON',
			name: 'jwks',
			type: 'json',
			default: '{"keys":[]}',
			description: 'A fixed key set {"keys":[...]} (offline setups and tests)',
			displayOptions: { show: { jwksSource: ['json'] } },
		},
	];
}
