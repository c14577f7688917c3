import { NodeConnectionTypes } from 'n8n-workflow';
import type {
	IDataObject,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';

import { asRecord } from '../core/integrations/platforms/client-options';
import { fromBadge } from '../core/integrations/platforms/credly/mapping';
import type { ReadBack } from '../core/integrations/platforms';
import { credentialJson } from '../kit/issuing/credential-output';
import { manualWebhookMethods, replyWithoutRun } from '../kit/manual-webhook';
import { UUID } from './helpers/fields';
import { CREDLY_TRIGGER_EVENTS, isWanted, triggerEventName } from './trigger/event-filter';
import type { CredlyEventAnswer } from './trigger/read-back';
import { DEFAULT_VERIFICATIONS_PER_MINUTE, firstRunFor, readBackEvent } from './trigger/read-back';

/** Text as sent, or '' for anything else (String() throws on {"toString": 1}). */
const textOf = (value: unknown): string => (typeof value === 'string' ? value : '');

export class CredlyTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Credly Trigger',
		name: 'credlyTrigger',
		icon: { light: 'file:credly.svg', dark: 'file:credly.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{ $parameter["events"].join(", ") }}',
		description:
			'Starts the workflow when a Credly badge is issued, accepted, rejected, revoked or deleted (each event verified with Credly)',
		defaults: { name: 'Credly Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'credlyApi', required: true }],
		webhooks: [
			{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' },
		],
		triggerPanel: {
			header: 'Credly sends events to one webhook URL per organization',
			executionsHelp: {
				inactive:
					'Copy the Test URL below into Credly (Organization settings → Developers → Webhooks, "Webhook URL") and choose the badge events, then click "Listen for test event" and accept or issue a badge. Credly events are unsigned: each one is fetched back from Credly with your credential before the workflow starts, and anything Credly does not know is refused.',
				active:
					'Put the Production URL below into Credly (Organization settings → Developers → Webhooks, "Webhook URL") and choose the badge events. Credly has no API to register it, so n8n cannot do it for you; remove it there when you stop the workflow.',
			},
			activationHint:
				'Once you have finished building your workflow, publish it and put the Production URL into Credly (Organization settings → Developers → Webhooks).',
		},
		properties: [
			{
				displayName:
					'Register the webhook URL in Credly by hand: Organization settings → Developers → Webhooks. Credly has no API for it.',
				name: 'setupNotice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				options: [...CREDLY_TRIGGER_EVENTS],
				required: true,
				default: ['badge.accepted'],
				description:
					'Which verified events start the workflow; others are acknowledged and dropped',
			},
			{
				displayName: 'Max Verifications per Minute',
				name: 'verificationsPerMinute',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: DEFAULT_VERIFICATIONS_PER_MINUTE,
				description:
					'How many posted events may be read back from Credly per minute with this credential (its API rate limit is shared with issuing badges). Beyond that the sender gets 429 with Retry-After and Credly delivers again later; an event ID already checked in the last 10 minutes costs no call.',
			},
		],
	};

	// Credly has no API to set the organization's webhook URL: registration is manual (see the
	// notice and the trigger panel), so activation has nothing to create or delete.
	webhookMethods = manualWebhookMethods;

	/**
	 * Credly does not sign its webhooks, so the small payload is only a hint: the event is read
	 * back from Credly with the credential, and only what Credly confirms starts the workflow.
	 */
	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const body = asRecord(this.getBodyData()) ?? {};
		const eventId = typeof body.id === 'string' ? body.id : '';
		const claimedType = typeof body.event_type === 'string' ? body.event_type : '';
		if (!UUID.pattern.test(eventId) || !claimedType) {
			return replyWithoutRun.call(this, 400, {
				error: 'Expected a Credly event: {id, organization_id, event_type, occurred_at}',
			});
		}
		const perMinute = this.getNodeParameter(
			'verificationsPerMinute',
			DEFAULT_VERIFICATIONS_PER_MINUTE,
		) as number;
		let answer: ReadBack<CredlyEventAnswer>;
		try {
			answer = await readBackEvent.call(this, eventId, perMinute);
		} catch (error) {
			// Credly retries anything but a 200, so a passing outage loses nothing. The details
			// (hosts, network errors) go to the log only, never to whoever posted.
			this.logger.error(
				`Credly Trigger: could not verify event ${eventId}: ${(error as Error).message}`,
			);
			return replyWithoutRun.call(this, 503, {
				error: 'The event could not be verified with Credly; retry later',
			});
		}
		if (!answer.ok) {
			this.logger.warn(
				`Credly Trigger: more than ${perMinute} events to verify this minute; asked the sender to retry in ${answer.retryAfterSeconds} s`,
			);
			return replyWithoutRun.call(
				this,
				429,
				{
					error: `Too many events to verify with Credly this minute (at most ${perMinute}); retry later`,
					retryAfterSeconds: answer.retryAfterSeconds,
				},
				{ 'Retry-After': String(answer.retryAfterSeconds) },
			);
		}
		// Unknown to Credly (or another organization's): not a real event of ours.
		if (!answer.value.found) return replyWithoutRun.call(this, 404, { error: 'Unknown event' });
		const event = answer.value.event;
		if (
			event.event_type !== claimedType ||
			(body.organization_id !== undefined && body.organization_id !== event.organization_id)
		) {
			return replyWithoutRun.call(this, 401, {
				error: 'The event does not match what Credly holds',
			});
		}
		const badge = asRecord(event.badge);
		const name = triggerEventName(claimedType, badge?.state);
		const selected = this.getNodeParameter('events', []) as string[];
		if (!isWanted(selected, name))
			return replyWithoutRun.call(this, 200, { received: true, ignored: name });
		if (!(await firstRunFor.call(this, eventId)))
			return replyWithoutRun.call(this, 200, { received: true, duplicate: eventId });
		const json: IDataObject = {
			event: name,
			eventType: claimedType,
			eventId,
			organizationId: textOf(event.organization_id),
			// Credly's own time first; the posted body is unverified, so only its text is taken.
			occurredAt: textOf(event.occurred_at) || textOf(body.occurred_at),
			verified: true,
			...(badge ? { badge: credentialJson(fromBadge(badge)) } : {}),
			...(asRecord(event.badge_template)
				? { badgeTemplate: event.badge_template as IDataObject }
				: {}),
		};
		return { workflowData: [this.helpers.returnJsonArray([json])] };
	}
}
