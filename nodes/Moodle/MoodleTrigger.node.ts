import { NodeConnectionTypes } from 'n8n-workflow';
import type {
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';

import {
	checkSharedSecret,
	enrichCompletions,
	normaliseMoodle,
	parseMoodleBody,
} from '../core/integrations/lms';
import { isObject } from '../core/integrations/lms/values';
import { enrichProperty } from '../kit/lms/enrichment';
import {
	handleLmsWebhook,
	lmsWebhookDescription,
	responseModeProperty,
} from '../kit/lms/webhook';
import { manualWebhookMethods } from '../kit/manual-webhook';
import { moodleLearnerSource } from './moodle-ws';
import { secretFieldsTest } from '../kit/secret-test';

export class MoodleTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Moodle Trigger',
		name: 'moodleTrigger',
		icon: { light: 'file:moodle.svg', dark: 'file:moodle.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: 'course_completed',
		description:
			'Starts the workflow when Moodle reports a course completion through a webhooks plugin, as a CompletionEvent',
		defaults: { name: 'Moodle Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{ name: 'moodleWebhookApi', required: true, testedBy: 'moodleTokenTest' },
			// The API credential, asked for only when Add Learner Details is on.
			{ name: 'moodleApi', required: true, displayOptions: { show: { enrich: [true] } } },
		],
		webhooks: [lmsWebhookDescription],
		properties: [
			{
				displayName:
					"Core Moodle sends no webhooks. Install the <b>local_webhooks</b> plugin, then in <b>Site administration → Server → Webhooks</b> add a service with this node's Production URL, the same token as the credential, and the event <b>\\core\\event\\course_completed</b>. Moodle raises it from cron, so deliveries can lag the learner by minutes.",
				name: 'notice',
				type: 'notice',
				default: '',
			},
			responseModeProperty,
			enrichProperty('Moodle', 'name, email, course name, final grade, prerequisites'),
		],
	};

	methods = {
		credentialTest: { moodleTokenTest: secretFieldsTest(['token']) },
	};

	webhookMethods = manualWebhookMethods;

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const { token } = await this.getCredentials<{ token: string }>('moodleWebhookApi');
		const enrich = this.getNodeParameter('enrich', false) as boolean;
		return await handleLmsWebhook.call(
			this,
			async (request) => {
				// The plugin's only proof of origin is the shared token inside the body, so the body
				// must be read first: parseMoodleBody only builds own properties (null-prototype
				// objects for forms) and judges nothing until the token has matched.
				const body = parseMoodleBody(request.text, request.contentType);
				if (!body.ok) return body;
				const sent =
					isObject(body.value) && typeof body.value.token === 'string'
						? body.value.token
						: undefined;
				const check = checkSharedSecret(sent, token, 'token');
				if (!check.ok) return check;
				return normaliseMoodle(body.value);
			},
			enrich
				? async (completions) =>
						await enrichCompletions(completions, await moodleLearnerSource.call(this))
				: undefined,
		);
	}
}
