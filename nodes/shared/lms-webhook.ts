import type {
	IDataObject,
	INodeProperties,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';

import type {
	DedupeState,
	KeyedCompletion,
	LmsReject,
	NormaliseResult,
} from '../credentialing/lms';
import { httpStatusFor, splitSeen } from '../credentialing/lms';
import { completionItem } from './completion-poll';
import { rememberEmittedKeys } from './lms-replay-memory';
import { replyWithoutRun } from './manual-webhook';

/** What a trigger's verify-and-normalise step sees of the request. */
export interface LmsRequest {
	/** The exact bytes received; signatures are checked over these, never over parsed JSON. */
	rawBody: Buffer;
	text: string;
	contentType: string | undefined;
	header(name: string): string | undefined;
}

export const responseModeProperty: INodeProperties = {
	displayName: 'Respond',
	name: 'responseMode',
	type: 'options',
	options: [
		{
			name: 'Immediately',
			value: 'onReceived',
			description: 'Answer 200 as soon as the delivery is verified (LMS retries stop at once)',
		},
		{
			name: 'When Last Node Finishes',
			value: 'lastNode',
			description:
				'Answer with the first item of the last node that runs (e.g. the Verify Completion decision)',
		},
		{
			name: "Using 'Respond to Webhook' Node",
			value: 'responseNode',
			description: 'Answer from a Respond to Webhook node later in the workflow',
		},
	],
	default: 'onReceived',
};

export const lmsWebhookDescription = {
	name: 'default',
	httpMethod: 'POST',
	responseMode: '={{$parameter["responseMode"]}}',
	responseData: 'firstEntryJson',
	path: 'webhook',
} as const;

/**
 * The shared webhook() of the LMS push triggers: verify over the raw body, normalise, refuse with
 * a clear status and message (401 authenticity, 400/415/422 payload) without starting the
 * workflow, and report a re-delivered completion (same business key) instead of emitting it again.
 */
export async function handleLmsWebhook(
	this: IWebhookFunctions,
	process: (request: LmsRequest) => Promise<NormaliseResult>,
	enrich?: (completions: KeyedCompletion[]) => Promise<KeyedCompletion[]>,
): Promise<IWebhookResponseData> {
	const req = this.getRequestObject();
	const rawBody = Buffer.isBuffer(req.rawBody) ? req.rawBody : Buffer.alloc(0);
	const headers = this.getHeaderData() as IDataObject;
	const header = (name: string) => {
		const value = headers[name.toLowerCase()];
		return Array.isArray(value) ? String(value[0]) : typeof value === 'string' ? value : undefined;
	};
	const result = await process({
		rawBody,
		text: rawBody.toString('utf8'),
		contentType: header('content-type'),
		header,
	});
	if (!result.ok) return refuse.call(this, result);

	const { fresh, seen } = await rememberKeys.call(
		this,
		result.completions.map((c) => c.businessKey),
	);
	const freshKeys = new Set(fresh);
	const freshCompletions = result.completions.filter((c) => freshKeys.delete(c.businessKey));
	if (freshCompletions.length === 0) {
		// Already emitted: acknowledge so the LMS stops retrying, but start no execution.
		return replyWithoutRun.call(this, 200, { status: 'duplicate', duplicates: seen });
	}
	// Only fresh completions are looked up: a replay costs the LMS API nothing.
	const emitted = enrich ? await enrich(freshCompletions) : freshCompletions;
	const items = emitted.map(completionItem);
	const responseMode = this.getNodeParameter('responseMode', 'onReceived') as string;
	return {
		workflowData: [items],
		...(responseMode === 'onReceived'
			? { webhookResponse: { status: 'accepted', accepted: items.length, duplicates: seen } }
			: {}),
	};
}

/**
 * The keys this node has emitted, kept in a small file under n8n's folder (with a process copy in
 * front) so a replay is caught after a restart too. Static data is read and written as well, but
 * n8n re-creates it when it starts the execution a webhook produced, so a change made here is not
 * always saved: it is a second opinion, not the memory.
 */
async function rememberKeys(
	this: IWebhookFunctions,
	keys: string[],
): Promise<{ fresh: string[]; seen: string[] }> {
	const state = this.getWorkflowStaticData('node') as DedupeState;
	const split = await rememberEmittedKeys(this.getWorkflow().id ?? '', this.getNode().name, keys, {
		alsoKnown: state.keys ?? [],
		warn: (message) => this.logger.warn(`${this.getNode().name}: ${message}`),
	});
	splitSeen(state, split.fresh);
	return split;
}

function refuse(this: IWebhookFunctions, rejection: LmsReject): IWebhookResponseData {
	if (rejection.reason === 'secret_not_configured') {
		// The sender cannot fix this: whoever runs n8n must, so it goes to n8n's log as well.
		this.logger.error(`${this.getNode().name}: ${rejection.message}`);
	}
	const status = httpStatusFor(rejection.reason);
	const body =
		status === 401
			? { error: 'Unauthorized', reason: rejection.reason, message: rejection.message }
			: { error: rejection.message, reason: rejection.reason, field: rejection.field };
	return replyWithoutRun.call(this, status, body);
}
