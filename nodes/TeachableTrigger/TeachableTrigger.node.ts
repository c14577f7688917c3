import { NodeConnectionTypes } from 'n8n-workflow';
import type {
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';

import { checkHmacSha256, normaliseTeachable, parseJsonBody } from '../credentialing/lms';
import {
	handleLmsWebhook,
	lmsWebhookDescription,
	manualWebhookMethods,
	responseModeProperty,
} from '../shared/lms-webhook';
import { secretFieldsTest } from '../shared/secret-test';

interface SigningCredentials {
	secret: string;
	headerName?: string;
	encoding?: 'hex' | 'base64';
}

export class TeachableTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Teachable Trigger',
		name: 'teachableTrigger',
		icon: { light: 'file:teachable.svg', dark: 'file:teachable.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: 'Enrollment.completed',
		description:
			'Starts the workflow when a learner completes a Teachable course, as a CompletionEvent',
		defaults: { name: 'Teachable Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{
				name: 'teachableWebhookApi',
				required: true,
				testedBy: 'teachableSecretTest',
				displayOptions: { show: { authentication: ['signature'] } },
			},
		],
		webhooks: [lmsWebhookDescription],
		properties: [
			{
				displayName:
					"Teachable webhooks are added by hand: in the school admin go to <b>Settings → Webhooks → Add Webhook</b>, paste this node's Production URL and select only <b>Enrollment.completed</b>. Both payload settings (object or JSON array) are read.",
				name: 'notice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Authentication',
				name: 'authentication',
				type: 'options',
				options: [
					{
						name: 'Secret URL Only',
						value: 'none',
						description: 'The unguessable webhook URL is the only check',
					},
					{
						name: 'HMAC Signature',
						value: 'signature',
						description: 'Require an HMAC-SHA256 of the raw body in a header',
					},
				],
				default: 'none',
			},
			responseModeProperty,
		],
	};

	methods = {
		credentialTest: { teachableSecretTest: secretFieldsTest(['secret']) },
	};

	webhookMethods = manualWebhookMethods;

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const authentication = this.getNodeParameter('authentication', 'none') as string;
		const credentials =
			authentication === 'signature'
				? await this.getCredentials<SigningCredentials>('teachableWebhookApi')
				: undefined;
		return await handleLmsWebhook.call(this, async (request) => {
			if (credentials) {
				const headerName = credentials.headerName?.trim() || 'teachable-signature';
				const signature = checkHmacSha256(
					request.rawBody,
					credentials.secret,
					request.header(headerName),
					headerName,
					credentials.encoding ?? 'hex',
				);
				if (!signature.ok) return signature;
			}
			const body = parseJsonBody(request.text, request.contentType);
			return body.ok ? normaliseTeachable(body.value) : body;
		});
	}
}
