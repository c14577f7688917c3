import { NodeConnectionTypes } from 'n8n-workflow';
import type {
	ICredentialsDecrypted,
	ICredentialTestFunctions,
	INodeCredentialTestResult,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';

import type { CheckResult, KeyedCompletion } from '../core/integrations/lms';
import {
	DoceboClient,
	checkSharedSecret,
	configuredSecret,
	doceboLearnerRecords,
	enrichCompletions,
	normaliseDocebo,
	parseJsonBody,
	secretNotConfigured,
} from '../core/integrations/lms';
import { enrichProperty } from '../kit/lms/enrichment';
import {
	handleLmsWebhook,
	lmsWebhookDescription,
	responseModeProperty,
} from '../kit/lms/webhook';
import { manualWebhookMethods } from '../kit/manual-webhook';
import type { LmsRequest } from '../kit/lms/webhook';
import { secretFieldsTest } from '../kit/secret-test';
import { doceboTransport } from './transport';

interface DoceboCredentials {
	authType: 'header' | 'basic';
	headerName?: string;
	secret?: string;
	user?: string;
	password?: string;
}

function checkDocebo(request: LmsRequest, credentials: DoceboCredentials): CheckResult {
	if (credentials.authType === 'basic') {
		// "Basic Og==" (":" with no user and no password) is not a secret anyone lacks.
		if (!configuredSecret(credentials.user) || !configuredSecret(credentials.password))
			return secretNotConfigured('Authorization');
		const expected = `Basic ${Buffer.from(`${credentials.user ?? ''}:${credentials.password ?? ''}`).toString('base64')}`;
		return checkSharedSecret(request.header('authorization'), expected, 'Authorization');
	}
	const headerName = credentials.headerName?.trim() || 'X-Docebo-Secret';
	return checkSharedSecret(request.header(headerName), credentials.secret ?? '', headerName);
}

export class DoceboTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Docebo Trigger',
		name: 'doceboTrigger',
		icon: { light: 'file:docebo.svg', dark: 'file:docebo.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: 'course.enrollment.completed',
		description:
			'Starts the workflow when learners complete Docebo courses, one CompletionEvent per learner (batches of up to 25)',
		defaults: { name: 'Docebo Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{ name: 'doceboWebhookApi', required: true, testedBy: 'doceboSecretTest' },
			// Spread: n8n's lint rules read this list as object literals only.
			// The API credential, asked for only when Add Learner Details is on.
			{ name: 'doceboOAuth2Api', required: true, displayOptions: { show: { enrich: [true] } } },
		],
		webhooks: [lmsWebhookDescription],
		properties: [
			{
				displayName:
					"Docebo webhooks are added by a Superadmin: <b>Admin Menu → Webhooks → Add webhook</b> (the Webhooks app must be active), paste this node's Production URL, choose the event <b>Learner completed course</b> (course.enrollment.completed) and set the same secret header or Basic Auth as in the credential. Docebo payloads carry IDs only: turn on <b>Add Learner Details From Docebo API</b> for names, emails and course names.",
				name: 'notice',
				type: 'notice',
				default: '',
			},
			enrichProperty(
				'Docebo',
				'email, name, course name, completion check, score and time spent when Docebo has them',
			),
			responseModeProperty,
		],
	};

	methods = {
		credentialTest: {
			async doceboSecretTest(
				this: ICredentialTestFunctions,
				credential: ICredentialsDecrypted,
			): Promise<INodeCredentialTestResult> {
				if (credential.data?.authType !== 'basic')
					return await secretFieldsTest(['secret']).call(this, credential);
				// Docebo sends the user as typed; only the password must be long enough to guard.
				const user = await secretFieldsTest(['user'], 1).call(this, credential);
				return user.status === 'OK'
					? await secretFieldsTest(['password']).call(this, credential)
					: user;
			},
		},
	};

	webhookMethods = manualWebhookMethods;

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const credentials = await this.getCredentials<DoceboCredentials>('doceboWebhookApi');
		const enrich = this.getNodeParameter('enrich', false) as boolean;
		const lookup = enrich ? await learnerLookup(this) : undefined;
		return await handleLmsWebhook.call(
			this,
			async (request) => {
				const check = checkDocebo(request, credentials);
				if (!check.ok) return check;
				const body = parseJsonBody(request.text, request.contentType);
				return body.ok ? normaliseDocebo(body.value) : body;
			},
			lookup,
		);
	}
}

/** The "Add Learner Details" lookup through the Docebo OAuth2 API credential (n8n's OAuth2). */
async function learnerLookup(
	context: IWebhookFunctions,
): Promise<(completions: KeyedCompletion[]) => Promise<KeyedCompletion[]>> {
	const api = await context.getCredentials<{ siteUrl: string }>('doceboOAuth2Api');
	const source = doceboLearnerRecords(
		new DoceboClient({ transport: doceboTransport(context), siteUrl: api.siteUrl }),
	);
	return async (completions) => await enrichCompletions(completions, source);
}
