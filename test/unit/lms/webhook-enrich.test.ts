// The push triggers' shared webhook() with the "Add Learner Details" lookup: only fresh
// completions are looked up (a replay costs the LMS API nothing), and the emitted item carries
// what the lookup added.
import type { KeyedCompletion } from '../../../nodes/core/integrations/lms';
import {
	enrichCompletions,
	normaliseThinkific,
	parseJsonBody,
} from '../../../nodes/core/integrations/lms';
import { handleLmsWebhook } from '../../../nodes/kit/lms/webhook';
import type { LmsRequest } from '../../../nodes/kit/lms/webhook';
import { fixture } from './fixtures';
import { useOwnN8nFolder, webhookContext } from './webhook-context';

// Replay memory is kept in files under n8n's folder: give this file a folder of its own.
useOwnN8nFolder('webhook-enrich-');

// Unsigned JSON, fresh static data per request, "Immediately" as the response mode.
const context = (body: string, workflowId: string) =>
	webhookContext(
		{ body, headers: { 'content-type': 'application/json' } },
		{ workflowId, responseMode: 'onReceived' },
	);

const normalise = async (request: LmsRequest) => {
	const body = parseJsonBody(request.text, request.contentType);
	return body.ok ? normaliseThinkific(body.value) : body;
};

const { text } = fixture('thinkific-enrollment-completed.json');

test('a fresh completion is looked up once; its replay is not looked up again', async () => {
	const lookedUp: string[] = [];
	const enrich = (completions: KeyedCompletion[]) =>
		enrichCompletions(completions, {
			name: 'thinkific admin api',
			fetch: async (event) => {
				lookedUp.push(event.learner.id);
				return { timeSpentMinutes: 42 };
			},
		});

	const first = context(text, 'wf-enrich');
	const emitted = await handleLmsWebhook.call(first.ctx, normalise, enrich);
	const item = emitted.workflowData?.[0][0].json;
	expect(item).toMatchObject({
		timeSpentMinutes: 42,
		businessKey: 'thinkific|94|68|2019-02-01T00:18:10Z',
		enrichment: { status: 'enriched', source: 'thinkific admin api', fields: ['timeSpentMinutes'] },
	});
	first.response.answer(200); // n8n started the run

	const replay = context(text, 'wf-enrich');
	expect(await handleLmsWebhook.call(replay.ctx, normalise, enrich)).toEqual({
		noWebhookResponse: true,
	});
	expect(replay.sent.status).toBe(200);
	expect(lookedUp).toEqual(['94']);
});

test('an API outage during the lookup still starts the workflow with the completion', async () => {
	const { ctx } = context(text, 'wf-enrich-outage');
	const emitted = await handleLmsWebhook.call(ctx, normalise, (completions) =>
		enrichCompletions(completions, {
			name: 'thinkific admin api',
			fetch: async () => {
				throw new Error('Thinkific answered 503: try again later');
			},
		}),
	);
	expect(emitted.workflowData?.[0]).toHaveLength(1);
	expect(emitted.workflowData?.[0][0].json).toMatchObject({
		learner: { id: '94' },
		enrichment: { status: 'failed', errors: [{ step: 'lookup' }] },
	});
});
