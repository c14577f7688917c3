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

import type { CheckResult } from '../credentialing/lms';
import { checkSharedSecret, normaliseDocebo, parseJsonBody } from '../credentialing/lms';
import {
	handleLmsWebhook,
	lmsWebhookDescription,
	manualWebhookMethods,
	responseModeProperty,
} from '../shared/lms-webhook';
import type { LmsRequest } from '../shared/lms-webhook';
import { secretFieldsTest } from '../shared/secret-test';

interface DoceboCredentials {
	authType: 'header' | 'basic';
	headerName?: string;
	secret?: string;
	user?: string;
	password?: string;
}

function checkDocebo(request: LmsRequest, credentials: DoceboCredentials): CheckResult {
	if (credentials.authType === 'basic') {
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
		credentials: [{ name: 'doceboWebhookApi', required: true, testedBy: 'doceboSecretTest' }],
		webhooks: [lmsWebhookDescription],
		properties: [
			{
				displayName:
					"Docebo webhooks are added by a Superadmin: <b>Admin Menu → Webhooks → Add webhook</b> (the Webhooks app must be active), paste this node's Production URL, choose the event <b>Learner completed course</b> (course.enrollment.completed) and set the same secret header or Basic Auth as in the credential. Docebo payloads carry IDs only: add an enrichment step for names and emails.",
				name: 'notice',
				type: 'notice',
				default: '',
			},
			responseModeProperty,
		],
	};

	methods = {
		credentialTest: {
			async doceboSecretTest(
				this: ICredentialTestFunctions,
				credential: ICredentialsDecrypted,
			): Promise<INodeCredentialTestResult> {
				const basic = credential.data?.authType === 'basic';
				return await secretFieldsTest(basic ? ['password'] : ['secret']).call(this, credential);
			},
		},
	};

	webhookMethods = manualWebhookMethods;

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const credentials = await this.getCredentials<DoceboCredentials>('doceboWebhookApi');
		return await handleLmsWebhook.call(this, async (request) => {
			const check = checkDocebo(request, credentials);
			if (!check.ok) return check;
			const body = parseJsonBody(request.text, request.contentType);
			return body.ok ? normaliseDocebo(body.value) : body;
		});
	}
}
