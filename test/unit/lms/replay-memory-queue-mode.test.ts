// In n8n queue mode a push trigger's replay memory is shared by every main and webhook process:
// it lives in the Redis n8n's queue uses (read from n8n's own QUEUE_BULL_REDIS_* settings), not
// in a file on one host. A Redis that cannot be reached fails the delivery with an error naming
// the settings to check (the LMS retries), never falls back to one process's memory.
import { existsSync } from 'node:fs';
import { join } from 'node:path';

import { closeQueueRedisForTests } from '../../../nodes/core/integrations/queue';
import { forgetReplayMemoryForTests } from '../../../nodes/kit/lms/replay-memory';
import { handleLmsWebhook } from '../../../nodes/kit/lms/webhook';
import { thinkific } from '../../simulators/lms/webhook-sender';
import {
	queueMode,
	queueModeUnreachable,
	useProcessSettings,
} from '../../support/queue-mode-settings';
import { freshId } from '../queue/support';
import { fixture } from './fixtures';
import { thinkificVerifier, useOwnN8nFolder, webhookContext } from './webhook-context';

const SECRET = 'queue-mode-test-secret';
const { json } = fixture('thinkific-enrollment-completed.json');

const userFolder = useOwnN8nFolder('replay-queue-mode-');
const verifyThinkific = thinkificVerifier(SECRET);

/** Starts "a process" with n8n's settings: a new connection, no memory of its own. */
const runAs = useProcessSettings(() => {
	closeQueueRedisForTests();
	forgetReplayMemoryForTests();
});

/** Delivers the fixture's completion (under a new delivery id) to the trigger of `workflowId`. */
async function deliver(workflowId: string, responseMode = 'lastNode') {
	const delivery = thinkific({ ...json, id: freshId() }, { secret: SECRET });
	const call = webhookContext(delivery, { workflowId, responseMode });
	const result = await handleLmsWebhook.call(call.ctx, verifyThinkific);
	return { result, ...call };
}

const settled = () => new Promise((resolve) => setTimeout(resolve, 100));

test.each(['lastNode', 'onReceived'])(
	'queue mode (Respond %s): a completion handled by one process is a duplicate on another',
	async (responseMode) => {
		const workflowId = freshId();
		runAs(queueMode());
		const first = await deliver(workflowId, responseMode);
		expect(first.result.workflowData?.[0]).toHaveLength(1);
		first.response.answer(200);
		await settled();

		runAs(queueMode()); // another webhook process
		const again = await deliver(workflowId, responseMode);
		expect(again.result).toEqual({ noWebhookResponse: true });
		expect(again.sent).toEqual({
			status: 200,
			body: expect.objectContaining({ status: 'duplicate' }),
		});
		// Nothing was kept on this host.
		expect(existsSync(join(userFolder(), '.n8n', 'lms-replay'))).toBe(false);
	},
);

test('queue mode: a run still going on one process makes the other ask the LMS to retry later', async () => {
	const workflowId = freshId();
	runAs(queueMode());
	const first = await deliver(workflowId);
	expect(first.result.workflowData?.[0]).toHaveLength(1);

	runAs(queueMode());
	const concurrent = await deliver(workflowId);
	expect(concurrent.sent.status).toBe(409);

	first.response.answer(500); // the run failed: the retry starts it again
	await settled();
	expect((await deliver(workflowId)).result.workflowData?.[0]).toHaveLength(1);
});

test('queue mode: an unreachable Redis fails the delivery, naming the settings to check', async () => {
	runAs(queueModeUnreachable());
	await expect(deliver(freshId())).rejects.toThrow(
		/^Could not use n8n's queue Redis at 127\.0\.0\.1:1 db 0 .*Check QUEUE_BULL_REDIS_HOST, QUEUE_BULL_REDIS_PORT, .*QUEUE_BULL_REDIS_PASSWORD/,
	);
	expect(existsSync(join(userFolder(), '.n8n', 'lms-replay'))).toBe(false);
});

test('regular mode: the memory stays a file on this host, and Redis is not used', async () => {
	runAs({ ...queueModeUnreachable(), EXECUTIONS_MODE: 'regular' });
	const first = await deliver('wf-regular');
	expect(first.result.workflowData?.[0]).toHaveLength(1);
	first.response.answer(200);
	await settled();
	expect(existsSync(join(userFolder(), '.n8n', 'lms-replay'))).toBe(true);
	expect((await deliver('wf-regular')).sent.status).toBe(200);
});
