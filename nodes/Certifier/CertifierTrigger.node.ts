import { NodeConnectionTypes } from 'n8n-workflow';
import type {
	IDataObject,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';

import { configuredSecret } from '../core/integrations/lms/signature';
import { CERTIFIER_SIGNATURE_HEADER, verifyCertifierSignature } from '../core/integrations/platforms';
import { asRecord } from '../core/integrations/platforms/client-options';
import { fromCredential } from '../core/integrations/platforms/certifier/mapping';
import { findReservedKey, reservedKeyMessage } from '../core/domain/safe-keys';
import { CERTIFIER_CREDENTIAL, certifierClient } from './transport';
import { credentialJson } from '../kit/issuing/credential-output';
import { manualWebhookMethods, replyWithoutRun } from '../kit/manual-webhook';

const EVENTS = [
	{ name: 'Any Event', value: '*' },
	{ name: 'Credential Created', value: 'credential.created' },
	{ name: 'Credential Deleted', value: 'credential.deleted' },
	{ name: 'Credential Downloaded', value: 'credential.downloaded' },
	{ name: 'Credential Issued', value: 'credential.issued' },
	{ name: 'Credential Shared', value: 'credential.shared' },
	{ name: 'Credential Updated', value: 'credential.updated' },
	{ name: 'Credential Viewed', value: 'credential.viewed' },
];

const PORTAL_URL = 'https://credsverse.com';

export class CertifierTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Certifier Trigger',
		name: 'certifierTrigger',
		icon: { light: 'file:certifier.svg', dark: 'file:certifier.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{ $parameter["events"].join(", ") }}',
		description:
			'Starts the workflow when a Certifier credential is created, issued, viewed, shared, downloaded, updated or deleted (signed webhooks)',
		defaults: { name: 'Certifier Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'certifierApi', required: true }],
		webhooks: [
			{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' },
		],
		triggerPanel: {
			header: 'Add this URL as a webhook in Certifier',
			executionsHelp: {
				inactive:
					'In Certifier, open Settings → Developers → Webhooks, add the Test URL below with the events you want, and copy the signing secret into the Certifier credential ("Webhook Signing Secret"). Then click "Listen for test event" and, for example, view a credential.',
				active:
					'In Certifier (Settings → Developers → Webhooks) the Production URL below must be registered, and its signing secret must be in the Certifier credential. Certifier has no API to register webhooks, so remove it there when you stop the workflow.',
			},
			activationHint:
				'Once you have finished building your workflow, publish it and add the Production URL in Certifier (Settings → Developers → Webhooks).',
		},
		properties: [
			{
				displayName:
					'Register the webhook URL in Certifier by hand (Settings → Developers → Webhooks) and put its signing secret in the credential. Deliveries with a wrong or missing signature are refused.',
				name: 'setupNotice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				options: EVENTS,
				required: true,
				default: ['credential.issued'],
				description: 'Which events start the workflow; others are acknowledged and dropped',
			},
			{
				displayName: 'Fetch Full Credential',
				name: 'fetchCredential',
				type: 'boolean',
				default: true,
				description:
					'Whether to read the credential from Certifier (recipient, status, dates) when the event carries only its ID. Not for deleted credentials.',
			},
		],
	};

	// Certifier has no API to create webhooks: registration is manual (see the notice and the
	// trigger panel), so activation has nothing to create or delete.
	webhookMethods = manualWebhookMethods;

	/**
	 * The signature is checked over the raw bytes as received (a body parsed and serialised again
	 * no longer matches), with a constant-time comparison, before anything else is read.
	 */
	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const credentials = await this.getCredentials(CERTIFIER_CREDENTIAL);
		const secret = configuredSecret(credentials.webhookSecret)?.trim();
		if (!secret) {
			this.logger.error(
				'Certifier Trigger: the Certifier credential has no Webhook Signing Secret, so deliveries cannot be verified',
			);
			return replyWithoutRun.call(this, 500, {
				error: 'The webhook is not configured to verify signatures',
			});
		}
		const request = this.getRequestObject();
		const rawBody: unknown = request.rawBody;
		const header = this.getHeaderData()[CERTIFIER_SIGNATURE_HEADER];
		const signature = Array.isArray(header) ? header[0] : header;
		if (!Buffer.isBuffer(rawBody) || !verifyCertifierSignature(rawBody, signature, secret)) {
			return replyWithoutRun.call(this, 401, { error: 'Invalid signature' });
		}
		const body = asRecord(this.getBodyData()) ?? {};
		// Parts of the body are copied into the item: no key such as __proto__ may come along.
		const reserved = findReservedKey(body);
		if (reserved !== undefined) {
			return replyWithoutRun.call(this, 422, {
				error: reservedKeyMessage(reserved),
				field: reserved,
			});
		}
		const type = typeof body.type === 'string' ? body.type : '';
		const selected = this.getNodeParameter('events', []) as string[];
		if (!selected.includes('*') && !selected.includes(type)) {
			return replyWithoutRun.call(this, 200, { received: true, ignored: type });
		}
		const data = asRecord(body.data) ?? {};
		const resource = asRecord(data.resource);
		const embedded = asRecord(data.credential);
		const credentialId =
			typeof resource?.id === 'string'
				? resource.id
				: typeof embedded?.id === 'string'
					? embedded.id
					: undefined;
		const json: IDataObject = {
			event: type,
			eventId: typeof body.id === 'string' ? body.id : null,
			createdAt: typeof body.createdAt === 'string' ? body.createdAt : null,
			credentialId: credentialId ?? null,
			verified: true,
			...(asRecord(data.credentialInteraction)
				? { interaction: data.credentialInteraction as IDataObject }
				: {}),
		};
		if (embedded) json.credential = credentialJson(fromCredential(embedded, PORTAL_URL));
		const fetch = this.getNodeParameter('fetchCredential', true) === true;
		if (fetch && !embedded && credentialId && type !== 'credential.deleted') {
			try {
				const client = await certifierClient.call(this);
				json.credential = credentialJson(await client.get(credentialId));
			} catch (error) {
				// The event is genuine (signed); report what could not be read instead of losing it.
				this.logger.error(
					`Certifier Trigger: could not read credential ${credentialId}: ${(error as Error).message}`,
				);
				json.credentialError = (error as Error).message;
			}
		}
		return { workflowData: [this.helpers.returnJsonArray([json])] };
	}
}
