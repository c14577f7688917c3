// The shared webhook() adapter of the push triggers, with a stand-in for n8n's webhook context:
// refusals answer directly and start nothing; replays are reported from static data or, when n8n
// dropped that change, from the replay memory (process copy and file under n8n's folder).
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';

import { handleLmsWebhook } from '../../../nodes/kit/lms/webhook';
import { forgetReplayMemoryForTests } from '../../../nodes/kit/lms/replay-memory';
import { thinkific } from '../../simulators/lms/webhook-sender';
import { fixture } from './fixtures';
import { thinkificVerifier, useOwnN8nFolder, webhookContext } from './webhook-context';

const SECRET = 'adapter-test-secret';

const userFolder = useOwnN8nFolder('webhook-adapter-');

// "When Last Node Finishes": the node answers only refusals and replays itself.
const context = (
	delivery: { body: string; headers: Record<string, string> },
	staticData: object,
	workflowId = 'wf-1',
) => webhookContext(delivery, { workflowId, responseMode: 'lastNode', staticData });

const verifyThinkific = thinkificVerifier(SECRET);

const { json } = fixture('thinkific-enrollment-completed.json');

/** Lets the replay memory finish what n8n's answer set off (it settles in the background). */
const flushSettling = () => new Promise((resolve) => setTimeout(resolve, 50));

test('a refused delivery is answered by the node and starts no execution', async () => {
	const { ctx, sent } = context(thinkific(json, { secret: 'other' }), {});
	const result = await handleLmsWebhook.call(ctx, verifyThinkific);
	expect(result).toEqual({ noWebhookResponse: true });
	expect(sent).toEqual({
		status: 401,
		body: { error: 'Unauthorized', reason: 'bad_signature', message: expect.any(String) },
	});
});

test('a fresh completion becomes one item; a re-delivery under a new id is reported', async () => {
	const first = context(thinkific(json, { secret: SECRET }), {}, 'wf-fresh');
	const emitted = await handleLmsWebhook.call(first.ctx, verifyThinkific);
	expect(emitted.workflowData?.[0].map((item) => item.json.businessKey)).toEqual([
		'thinkific|94|68|2019-02-01T00:18:10Z',
	]);
	expect(first.sent).toEqual({});
	first.response.answer(200); // the run succeeded

	// n8n handed the next request fresh static data (its save was lost): memory still knows.
	const again = context(
		thinkific({ ...json, id: 'another-delivery' }, { secret: SECRET }),
		{},
		'wf-fresh',
	);
	expect(await handleLmsWebhook.call(again.ctx, verifyThinkific)).toEqual({
		noWebhookResponse: true,
	});
	expect(again.sent).toEqual({
		status: 200,
		body: { status: 'duplicate', duplicates: ['thinkific|94|68|2019-02-01T00:18:10Z'] },
	});
});

test('keys saved in static data are honoured by another process (empty memory)', async () => {
	const staticData = { keys: ['thinkific|94|68|2019-02-01T00:18:10Z'] };
	const { ctx, sent } = context(
		thinkific(json, { secret: SECRET }),
		staticData,
		'wf-other-process',
	);
	expect(await handleLmsWebhook.call(ctx, verifyThinkific)).toEqual({ noWebhookResponse: true });
	expect(sent.status).toBe(200);
});

test("after a restart (process copy gone) the file under n8n's folder still catches the replay", async () => {
	const first = context(thinkific(json, { secret: SECRET }), {}, 'wf-restart');
	expect((await handleLmsWebhook.call(first.ctx, verifyThinkific)).workflowData).toHaveLength(1);
	first.response.answer(200);
	await flushSettling();
	expect(await readdir(join(userFolder(), '.n8n', 'lms-replay'))).not.toHaveLength(0);

	forgetReplayMemoryForTests();
	const again = context(
		thinkific({ ...json, id: 'after-restart' }, { secret: SECRET }),
		{},
		'wf-restart',
	);
	expect(await handleLmsWebhook.call(again.ctx, verifyThinkific)).toEqual({
		noWebhookResponse: true,
	});
	expect(again.sent.status).toBe(200);
});

test('two deliveries of one completion arriving together start one execution', async () => {
	const calls = ['d-1', 'd-2', 'd-3'].map((id) =>
		context(thinkific({ ...json, id }, { secret: SECRET }), {}, 'wf-concurrent'),
	);
	const results = await Promise.all(
		calls.map(({ ctx }) => handleLmsWebhook.call(ctx, verifyThinkific)),
	);
	expect(results.filter((result) => result.workflowData)).toHaveLength(1);
	// The run's outcome is not known yet: the others are asked to come back later.
	const waiting = calls.filter(({ sent }) => sent.status === 409);
	expect(waiting).toHaveLength(2);
	expect(waiting[0].sent.body).toMatchObject({
		status: 'in_progress',
		inProgress: ['thinkific|94|68|2019-02-01T00:18:10Z'],
	});
	expect(waiting[0].response.headers['retry-after']).toBe('30');
});

describe('a completion counts as seen only once its run succeeded', () => {
	const key = 'thinkific|94|68|2019-02-01T00:18:10Z';
	const deliver = async (workflowId: string, id: string) => {
		const call = context(thinkific({ ...json, id }, { secret: SECRET }), {}, workflowId);
		const result = await handleLmsWebhook.call(call.ctx, verifyThinkific);
		return { ...call, started: result.workflowData !== undefined };
	};

	test("a failed run (n8n answers 500) lets the LMS's retry start a new run", async () => {
		const first = await deliver('wf-failed-run', 'try-1');
		expect(first.started).toBe(true);
		first.response.answer(500);
		const retry = await deliver('wf-failed-run', 'try-2');
		expect(retry.started).toBe(true);
		expect(retry.sent).toEqual({});
	});

	test('a caller that hung up before the answer leaves the completion unseen', async () => {
		const first = await deliver('wf-hung-up', 'try-1');
		first.response.hangUp();
		expect((await deliver('wf-hung-up', 'try-2')).started).toBe(true);
	});

	test('a succeeded run makes the retry a duplicate, also after a restart', async () => {
		const first = await deliver('wf-good-run', 'try-1');
		first.response.answer(200);
		const retry = await deliver('wf-good-run', 'try-2');
		expect(retry.started).toBe(false);
		expect(retry.sent).toEqual({ status: 200, body: { status: 'duplicate', duplicates: [key] } });

		forgetReplayMemoryForTests();
		expect((await deliver('wf-good-run', 'try-3')).started).toBe(false);
	});

	test('a failed run does not leave the key in static data either', async () => {
		const staticData: { keys?: string[] } = {};
		const call = webhookContext(thinkific({ ...json, id: 'sd-1' }, { secret: SECRET }), {
			workflowId: 'wf-static',
			responseMode: 'lastNode',
			staticData,
		});
		await handleLmsWebhook.call(call.ctx, verifyThinkific);
		call.response.answer(500);
		expect(staticData.keys ?? []).not.toContain(key);
	});

	test("with 'Immediately' too, the key counts only once n8n answered 2xx for the started run", async () => {
		const immediately = (id: string) =>
			webhookContext(thinkific({ ...json, id }, { secret: SECRET }), {
				workflowId: 'wf-immediate',
				responseMode: 'onReceived',
				staticData: {},
			});
		const first = immediately('now-1');
		const started = await handleLmsWebhook.call(first.ctx, verifyThinkific);
		// No answer of the node's own: n8n's answer follows the run's start (or its failure).
		expect(started.webhookResponse).toBeUndefined();
		expect(first.sent).toEqual({});
		first.response.answer(500); // the run could not be started
		await flushSettling();

		const retry = immediately('now-2');
		expect((await handleLmsWebhook.call(retry.ctx, verifyThinkific)).workflowData).toHaveLength(1);
		retry.response.answer(200);
		await flushSettling();
		expect((await deliver('wf-immediate', 'now-3')).sent).toEqual({
			status: 200,
			body: { status: 'duplicate', duplicates: [key] },
		});
	});
});
