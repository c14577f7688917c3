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
} from '../../core/integrations/lms';
import { httpStatusFor } from '../../core/integrations/lms';
import { completionItem } from './completion-poll';
import { claimKeys, settleKeys } from './replay-memory';
import { replyWithoutRun } from '../manual-webhook';

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
			description:
				"Answer 200 once n8n has started (or, in queue mode, queued) the run, without waiting for it. A run that could not start is answered with an error status, so the LMS's retry starts it again (n8n 2.x; n8n 1.x answers before it starts the run). A run that started and then fails is not re-delivered: retry it from n8n's failed executions.",
		},
		{
			name: 'When Last Node Finishes',
			value: 'lastNode',
			description:
				"Answer with the first item of the last node that runs (e.g. the Verify Completion decision). The completion counts as handled only when the run succeeds: after a failed run n8n answers 500 and the LMS's retry starts a new run.",
		},
		{
			name: "Using 'Respond to Webhook' Node",
			value: 'responseNode',
			description:
				"Answer from a Respond to Webhook node later in the workflow. A 2xx answer marks the completion handled; any other status lets the LMS's retry start a new run.",
		},
	],
	default: 'onReceived',
};

export const lmsWebhookDescription = {
	name: 'default',
	httpMethod: 'POST',
	responseMode: '={{$parameter["responseMode"]}}',
	// Immediately: none, so n8n answers its own "Workflow was started" (a plain 'firstEntryJson'
	// would be sent as that literal text); otherwise the first item of the answering node.
	responseData: '={{$parameter["responseMode"] === "onReceived" ? "" : "firstEntryJson"}}',
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
	return await emitOnce.call(this, result.completions, enrich);
}

/**
 * Starts the run with the completions not yet handled. A key counts as seen only once n8n answered
 * the delivery with a 2xx: the keys are claimed, then confirmed on a 2xx answer and released
 * otherwise, so the LMS's retry of a delivery that was not handled starts a new run; meanwhile a
 * concurrent delivery of the same completion is asked to retry later. With 'Immediately' n8n
 * answers once the run is started or queued (a run that could not start gets an error status);
 * with lastNode / responseNode, once the run answered.
 */
async function emitOnce(
	this: IWebhookFunctions,
	completions: KeyedCompletion[],
	enrich?: (completions: KeyedCompletion[]) => Promise<KeyedCompletion[]>,
): Promise<IWebhookResponseData> {
	const memory = deliveryMemory.call(this);
	const keys = completions.map((c) => c.businessKey);
	const { fresh, seen, inFlight } = await memory.claim(keys);
	if (inFlight.length > 0) {
		// Another delivery's run holds these keys and its outcome is not known yet: once it is,
		// the retry is either a duplicate (it succeeded) or starts the run again (it failed).
		return replyWithoutRun.call(
			this,
			409,
			{
				status: 'in_progress',
				inProgress: inFlight,
				message: 'A run for this completion is still going; retry later',
			},
			{ 'Retry-After': String(IN_FLIGHT_RETRY_AFTER_S) },
		);
	}
	const freshKeys = new Set(fresh);
	const freshCompletions = completions.filter((c) => freshKeys.delete(c.businessKey));
	if (freshCompletions.length === 0) {
		// Already emitted: acknowledge so the LMS stops retrying, but start no execution.
		return replyWithoutRun.call(this, 200, { status: 'duplicate', duplicates: seen });
	}
	// Only fresh completions are looked up: a replay costs the LMS API nothing.
	let emitted: KeyedCompletion[] | undefined;
	try {
		emitted = enrich ? await enrich(freshCompletions) : freshCompletions;
	} finally {
		// No run starts when the lookup throws: the completion stays unseen for the LMS's retry.
		if (!emitted) await memory.release(fresh);
	}
	const items = emitted.map(completionItem);
	// No webhookResponse of our own: the status n8n answers with is the outcome that settles the keys.
	settleWhenAnswered.call(this, (succeeded) =>
		succeeded ? memory.confirm(fresh) : memory.release(fresh),
	);
	return { workflowData: [items] };
}

/** Seconds a delivery whose completion is in another delivery's running run is asked to wait. */
const IN_FLIGHT_RETRY_AFTER_S = 30;

/**
 * The keys this node has emitted, kept in a small file under n8n's folder (with a process copy in
 * front) so a replay is caught after a restart too. Keys that earlier versions kept in static data
 * are still read as a second opinion; nothing is written there, since a key counts as seen only
 * after n8n's answer, when n8n no longer saves static data.
 */
function deliveryMemory(this: IWebhookFunctions) {
	const state = this.getWorkflowStaticData('node') as DedupeState;
	const workflowId = this.getWorkflow().id ?? '';
	const nodeName = this.getNode().name;
	const options = {
		alsoKnown: state.keys ?? [],
		warn: (message: string) => this.logger.warn(`${nodeName}: ${message}`),
	};
	return {
		claim: async (keys: string[]) => await claimKeys(workflowId, nodeName, keys, options),
		// Not in static data: this happens after n8n's answer, when n8n no longer saves it.
		confirm: async (keys: string[]) => await settleKeys(workflowId, nodeName, keys, true, options),
		release: async (keys: string[]) => await settleKeys(workflowId, nodeName, keys, false, options),
	};
}

/**
 * Calls back with the delivery's outcome as n8n answers the LMS: a 2xx answer means the run
 * started (Immediately) or succeeded (lastNode / responseNode); any other status, or a connection
 * closed before an answer (the LMS gave up and will retry), means the completion must not count as
 * seen.
 */
function settleWhenAnswered(
	this: IWebhookFunctions,
	settle: (succeeded: boolean) => Promise<void>,
): void {
	const response = this.getResponseObject();
	let done = false;
	const finish = (succeeded: boolean) => {
		if (done) return;
		done = true;
		settle(succeeded).catch((error: unknown) =>
			this.logger.warn(
				`${this.getNode().name}: could not settle the replay memory: ${String(error)}`,
			),
		);
	};
	response.once('finish', () => finish(response.statusCode >= 200 && response.statusCode < 300));
	response.once('close', () => finish(false));
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
