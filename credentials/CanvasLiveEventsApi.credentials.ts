import type { Icon, ICredentialType, INodeProperties } from 'n8n-workflow';

/** Where the public keys that sign Canvas Live Events come from. */
export class CanvasLiveEventsApi implements ICredentialType {
	name = 'canvasLiveEventsApi';

	displayName = 'Canvas Live Events API';

	icon: Icon = { light: 'file:icons/canvas.svg', dark: 'file:icons/canvas.dark.svg' };

	documentationUrl =
		'https://github.com/certificate-delivery/n8n-nodes-certificate-delivery#canvas-trigger';

	properties: INodeProperties[] = [
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
