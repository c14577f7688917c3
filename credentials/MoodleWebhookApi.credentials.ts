import type { Icon, ICredentialType, INodeProperties } from 'n8n-workflow';

/** The shared token the Moodle webhooks plugin puts in every delivery's body. */
export class MoodleWebhookApi implements ICredentialType {
	name = 'moodleWebhookApi';

	displayName = 'Moodle Webhook API';

	icon: Icon = { light: 'file:icons/moodle.svg', dark: 'file:icons/moodle.dark.svg' };

	documentationUrl =
		'https://github.com/certificate-delivery/n8n-nodes-certificate-delivery/blob/main/docs/credentials/MoodleWebhookApi.md';

	properties: INodeProperties[] = [
		{
			displayName: 'Token',
			name: 'token',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'The token set on the webhook service in the Moodle plugin (sent as "token" in the body)',
		},
	];
}
