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

import type {
	CanvasEventOptions,
	KeyedCompletion,
	LearnerRecordSource,
	NormaliseResult,
} from '../core/integrations/lms';
import {
	canvasLearnerRecords,
	checkCanvasAccount,
	enrichCompletions,
	liveEventFromClaims,
	normaliseCanvas,
	parseJsonBody,
	parseCanvasAllowList,
	parseJwks,
	refuseReservedKeys,
	reject,
	verifyRs256Jwt,
} from '../core/integrations/lms';
import {
	handleLmsWebhook,
	lmsWebhookDescription,
	responseModeProperty,
} from '../kit/lms/webhook';
import { manualWebhookMethods } from '../kit/manual-webhook';
import { canvasClient } from './canvas-api';
import { enrichProperty } from '../kit/lms/enrichment';
import type { LmsRequest } from '../kit/lms/webhook';
import type { CanvasCredentials } from './jwks-cache';
import { KEYS_UNAVAILABLE, loadJwks } from './jwks-cache';

async function verifySigned(
	this: IWebhookFunctions,
	request: LmsRequest,
	credentials: CanvasCredentials,
	options: CanvasEventOptions,
): Promise<NormaliseResult> {
	const token = request.text.trim();
	if (token === '')
		return reject('missing_signature', '(body)', 'The body is empty; expected a signed JWT');
	if (token.startsWith('{')) {
		return reject(
			'missing_signature',
			'(body)',
			'The body is unsigned JSON; enable "Sign Payload" on the Canvas subscription',
		);
	}
	let jwks = await loadJwks.call(this, credentials);
	if (!jwks) return reject('keys_unavailable', 'jwks', KEYS_UNAVAILABLE);
	let verified = verifyRs256Jwt(token, jwks);
	if (!verified.ok && verified.reason === 'unknown_key') {
		jwks = await loadJwks.call(this, credentials, true);
		if (!jwks) return reject('keys_unavailable', 'jwks', KEYS_UNAVAILABLE);
		verified = verifyRs256Jwt(token, jwks);
	}
	if (!verified.ok) return verified;
	const claims = refuseReservedKeys(verified.claims);
	if (!claims.ok) return claims;
	const event = liveEventFromClaims(claims.value);
	const allowList = parseCanvasAllowList(credentials.allowedRootAccounts, credentials.allowedHosts);
	const account = checkCanvasAccount(event, allowList);
	return account.ok ? normaliseCanvas(event, options) : account;
}

export class CanvasTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Canvas Trigger',
		name: 'canvasTrigger',
		icon: { light: 'file:canvas.svg', dark: 'file:canvas.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle:
			'={{$parameter["enrich"] ? "course_completed + learner details" : "Live event course_completed"}}',
		description:
			'Starts the workflow when Canvas Live Events report a course completion, as a CompletionEvent',
		defaults: { name: 'Canvas Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{
				name: 'canvasLiveEventsApi',
				required: true,
				testedBy: 'canvasJwksTest',
				displayOptions: { show: { acceptUnsigned: [false] } },
			},
			// The API credential, asked for only when Add Learner Details is on.
			{ name: 'canvasApi', required: true, displayOptions: { show: { enrich: [true] } } },
		],
		webhooks: [lmsWebhookDescription],
		properties: [
			{
				displayName:
					"Canvas Live Events are set up by an admin: <b>Admin → Data Services → + Add</b>, delivery <b>HTTPS</b>, paste this node's Production URL, format <b>Canvas</b>, turn on <b>Sign Payload</b>, and select the event <b>course_completed</b>. It fires only for courses with module requirements, and Canvas calls Live Events best-effort: add a Canvas Poll Trigger as a backstop (same business keys, so nothing is issued twice).",
				name: 'notice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Accept Unsigned Events',
				name: 'acceptUnsigned',
				type: 'boolean',
				default: false,
				description:
					'Whether to accept plain JSON live events (Sign Payload off). Anyone who learns the URL can then post completions.',
			},
			{
				displayName: 'Include Course Grade Changes',
				name: 'gradeChanges',
				type: 'boolean',
				default: false,
				description:
					'Whether to also start on course_grade_change (add it to the subscription): for courses graded without module requirements, which never send course_completed. Each grade change is one item with the new final score; key credentials on learner and course so a regrade does not issue again.',
			},
			enrichProperty('Canvas', 'final grade, time on task'),
			responseModeProperty,
		],
	};

	methods = {
		credentialTest: {
			async canvasJwksTest(
				this: ICredentialTestFunctions,
				credential: ICredentialsDecrypted,
			): Promise<INodeCredentialTestResult> {
				const data = (credential.data ?? {}) as unknown as CanvasCredentials;
				const allowList = parseCanvasAllowList(data.allowedRootAccounts, data.allowedHosts);
				if (allowList.rootAccounts.length === 0) {
					return {
						status: 'Error',
						message:
							'Add your root account id to "Allowed Root Accounts": without it every event is refused',
					};
				}
				if (data.jwksSource === 'json') {
					const jwks = parseJwks(data.jwks);
					return jwks?.keys.some((key) => key.kty === 'RSA')
						? { status: 'OK', message: `${jwks.keys.length} key(s) in the JWKS` }
						: { status: 'Error', message: 'The JWKS JSON holds no RSA key: paste {"keys":[...]}' };
				}
				return /^https:\/\//.test(String(data.jwksUrl ?? ''))
					? {
							status: 'OK',
							message: 'The keys are fetched from the JWKS URL on the first delivery',
						}
					: { status: 'Error', message: 'The JWKS URL must start with https://' };
			},
		},
	};

	webhookMethods = manualWebhookMethods;

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const acceptUnsigned = this.getNodeParameter('acceptUnsigned', false) as boolean;
		const credentials = acceptUnsigned
			? undefined
			: await this.getCredentials<CanvasCredentials>('canvasLiveEventsApi');
		const enrich = this.getNodeParameter('enrich', false) as boolean;
		const options = { gradeChanges: this.getNodeParameter('gradeChanges', false) as boolean };
		return await handleLmsWebhook.call(
			this,
			async (request) => {
				if (credentials) return await verifySigned.call(this, request, credentials, options);
				const body = parseJsonBody(request.text, request.contentType);
				return body.ok ? normaliseCanvas(body.value, options) : body;
			},
			enrich
				? async (completions: KeyedCompletion[]) =>
						await enrichCompletions(completions, enrollmentSource.call(this))
				: undefined,
		);
	}
}

/**
 * The learner's enrollment (final score, time on task; name when missing). The client is built
 * inside the lookup, so a credential problem marks the completion "failed" instead of losing it.
 */
function enrollmentSource(this: IWebhookFunctions): LearnerRecordSource {
	let source: Promise<LearnerRecordSource> | undefined;
	return {
		name: 'canvas rest api',
		fetch: async (event) => {
			source ??= canvasClient.call(this).then(canvasLearnerRecords);
			return await (await source).fetch(event);
		},
	};
}
