import { NodeConnectionTypes } from 'n8n-workflow';
import type {
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';

import {
	TEACHABLE_API_URL,
	TeachableClient,
	checkHmacSha256,
	enrichCompletions,
	normaliseTeachable,
	parseJsonBody,
	teachableLearnerRecords,
} from '../core/integrations/lms';
import type { KeyedCompletion } from '../core/integrations/lms';
import { enrichProperty } from '../kit/lms/enrichment';
import {
	handleLmsWebhook,
	lmsWebhookDescription,
	responseModeProperty,
} from '../kit/lms/webhook';
import { manualWebhookMethods } from '../kit/manual-webhook';
import { n8nTransport } from '../kit/n8n-transport';
import { secretFieldsTest } from '../kit/secret-test';

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
			// Spread: n8n's lint rules read this list as object literals only.
			// The API credential, asked for only when Add Learner Details is on.
			{ name: 'teachableApi', required: true, displayOptions: { show: { enrich: [true] } } },
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
			// Signed by default: third-party reports (not Teachable's own docs) say Teachable signs
			// deliveries with an HMAC-SHA256 of the body in "teachable-signature"; header and
			// encoding stay configurable in the credential for schools or relays that differ.
			{
				displayName: 'Authentication',
				name: 'authentication',
				type: 'options',
				options: [
					{
						name: 'HMAC Signature',
						value: 'signature',
						description:
							"Require an HMAC-SHA256 of the raw body, made with the credential's secret, in a header; any other delivery gets 401 and starts nothing",
					},
					{
						name: 'Secret URL Only (Unsigned)',
						value: 'none',
						description:
							'No check at all: anyone who learns the webhook URL (from logs, proxies, a screenshot) can start this workflow with any learner and course. Only for testing, or when nothing can sign.',
					},
				],
				default: 'signature',
			},
			{
				displayName:
					'Unsigned mode: every request to this URL starts the workflow. Keep the URL secret and switch to HMAC Signature as soon as your school or relay can sign.',
				name: 'unsignedNotice',
				type: 'notice',
				default: '',
				displayOptions: { show: { authentication: ['none'] } },
			},
			enrichProperty('Teachable', 'name and email when missing, course name, 100% progress check'),
			responseModeProperty,
		],
	};

	methods = {
		credentialTest: { teachableSecretTest: secretFieldsTest(['secret']) },
	};

	webhookMethods = manualWebhookMethods;

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const authentication = this.getNodeParameter('authentication', 'signature') as string;
		const credentials =
			authentication === 'signature'
				? await this.getCredentials<SigningCredentials>('teachableWebhookApi')
				: undefined;
		const enrich = this.getNodeParameter('enrich', false) as boolean;
		const lookup = enrich ? await learnerLookup(this) : undefined;
		return await handleLmsWebhook.call(
			this,
			async (request) => {
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
			},
			lookup,
		);
	}
}

/** The "Add Learner Details" lookup through the Teachable API credential. */
async function learnerLookup(
	context: IWebhookFunctions,
): Promise<(completions: KeyedCompletion[]) => Promise<KeyedCompletion[]>> {
	const api = await context.getCredentials<{ environment?: string; baseUrl?: string }>(
		'teachableApi',
	);
	const baseUrl = api.environment === 'custom' && api.baseUrl ? api.baseUrl : TEACHABLE_API_URL;
	const source = teachableLearnerRecords(
		new TeachableClient({ transport: n8nTransport(context, 'teachableApi'), baseUrl }),
	);
	return async (completions) => await enrichCompletions(completions, source);
}
