import { createHash } from 'node:crypto';

import { NodeOperationError } from 'n8n-workflow';
import type { IWebhookFunctions } from 'n8n-workflow';

import { RecentKeys } from '../../core/integrations/lms';
import { isPlatformError, ReadBackGuard } from '../../core/integrations/platforms';
import type { ReadBack } from '../../core/integrations/platforms';
import { isQueueMode, sharedReplayMemory } from '../../core/integrations/queue';
import { credlyClient, CREDLY_CREDENTIAL } from '../transport';

/** What Credly answered for a posted event id: the event, or that it does not know it. */
export type CredlyEventAnswer = { found: true; event: Record<string, unknown> } | { found: false };

export const DEFAULT_VERIFICATIONS_PER_MINUTE = 20;

/**
 * One guard per n8n process: posted ids are read back from Credly at most once per 10 minutes,
 * concurrent posts of one id share the call, and each Credly credential gets a per-minute budget
 * of read-backs (its API rate limit is shared with issuing badges).
 */
const guard = new ReadBackGuard<CredlyEventAnswer>();
/**
 * Events that started a run, per trigger node: a re-post of one is a duplicate. In queue mode a
 * re-post may reach another webhook process, so the memory is the one they share instead.
 */
const emitted = new RecentKeys(5000);

/** The read-back budget is the credential's (its rate limit); without one, the node's. */
function budgetKey(this: IWebhookFunctions): string {
	const credentialId = this.getNode().credentials?.[CREDLY_CREDENTIAL]?.id;
	return credentialId
		? `credly:${credentialId}`
		: `node:${this.getWorkflow().id ?? ''}:${this.getNode().name}`;
}

/** Reads a posted event back from Credly, within the node's budget (see ReadBackGuard). */
export async function readBackEvent(
	this: IWebhookFunctions,
	eventId: string,
	perMinute: number,
): Promise<ReadBack<CredlyEventAnswer>> {
	return await guard.read(budgetKey.call(this), perMinute, eventId, async () => {
		const client = await credlyClient.call(this);
		try {
			return { found: true, event: await client.getEvent(eventId) };
		} catch (error) {
			// Unknown to Credly (or another organization's): remembered, so a repeat costs nothing.
			if (isPlatformError(error, 'not_found')) return { found: false };
			// Not remembered: the trigger logs it and asks Credly to deliver again later.
			throw new NodeOperationError(this.getNode(), error as Error);
		}
	});
}

/** Whether this node (with this credential) starts its first run for the event. */
export async function firstRunFor(this: IWebhookFunctions, eventId: string): Promise<boolean> {
	const node = `${this.getWorkflow().id ?? ''}\n${this.getNode().name}`;
	const key = `${budgetKey.call(this)}\n${eventId}`;
	if (!isQueueMode()) return emitted.add(`${node}\n${key}`);
	const memoryId = createHash('sha256').update(`credly-events\n${node}`).digest('hex').slice(0, 32);
	const { fresh } = await sharedReplayMemory().remember(memoryId, [key], {
		warn: (message) => this.logger.warn(`${this.getNode().name}: ${message}`),
	});
	return fresh.length > 0;
}
