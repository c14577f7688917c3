import { NodeConnectionTypes } from 'n8n-workflow';
import type {
	IHookFunctions,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';

import {
	checkHmacSha256,
	enrichCompletions,
	normaliseThinkific,
	parseJsonBody,
} from '../core/integrations/lms';
import { enrichProperty } from '../kit/lms/enrichment';
import {
	handleLmsWebhook,
	lmsWebhookDescription,
	responseModeProperty,
} from '../kit/lms/webhook';
import { thinkificLearnerSource } from './learner-details';
import { createWebhook, deleteWebhook, webhookExists } from './registration';

export class ThinkificTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Thinkific Trigger',
		name: 'thinkificTrigger',
		icon: { light: 'file:thinkific.svg', dark: 'file:thinkific.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: 'enrollment.completed',
		description:
			'Starts the workflow when a learner completes a Thinkific course, as a CompletionEvent',
		defaults: { name: 'Thinkific Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'thinkificApi', required: true }],
		webhooks: [lmsWebhookDescription],
		triggerPanel: {
			header: 'Complete a course in Thinkific (or send a signed test delivery)',
			executionsHelp: {
				inactive:
					'While testing, n8n registers the test URL with Thinkific for enrollment.completed and removes it when you stop listening.',
				active:
					'The workflow is active: n8n registered the production URL with Thinkific for enrollment.completed.',
			},
			activationHint:
				'Activate the workflow to register the production URL with Thinkific automatically.',
		},
		properties: [
			{
				displayName:
					'n8n registers this webhook for <b>enrollment.completed</b> through the Thinkific API when the workflow is activated, and removes it when deactivated. Deliveries must carry a valid X-Thinkific-Hmac-Sha256 signature made with the API key of the credential; others get 401.',
				name: 'notice',
				type: 'notice',
				default: '',
			},
			responseModeProperty,
			// Thinkific has no score, grade or time on task to add: only what a delivery lacks.
			enrichProperty('Thinkific', 'name, email, course name when the delivery lacks them'),
		],
	};

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return await webhookExists.call(this);
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return await createWebhook.call(this);
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return await deleteWebhook.call(this);
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const credentials = await this.getCredentials<{ apiKey: string }>('thinkificApi');
		const enrich = this.getNodeParameter('enrich', false) as boolean;
		return await handleLmsWebhook.call(
			this,
			async (request) => {
				const signature = checkHmacSha256(
					request.rawBody,
					credentials.apiKey,
					request.header('x-thinkific-hmac-sha256'),
					'X-Thinkific-Hmac-Sha256',
				);
				if (!signature.ok) return signature;
				const body = parseJsonBody(request.text, request.contentType);
				return body.ok ? normaliseThinkific(body.value) : body;
			},
			enrich
				? async (completions) =>
						await enrichCompletions(completions, await thinkificLearnerSource.call(this))
				: undefined,
		);
	}
}
