// A push trigger's replay memory in n8n queue mode, in n8n's WebhookContext: it lives in the Redis
// n8n's queue uses (QUEUE_BULL_REDIS_*), so a completion that started a run on one process is a
// duplicate on a freshly started one, and nothing is written under this host's n8n folder. A
// Redis that cannot be reached fails the delivery, naming the settings to check.
import { existsSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import path from 'node:path';

import {
	queueMode,
	queueModeUnreachable,
	useProcessSettings,
} from '../../support/queue-mode-settings';
import { callWebhook } from '../support/node-contexts';
import { REPO_ROOT } from '../support/pinned-n8n';
import { fixture } from '../../unit/lms/fixtures';
import { thinkific } from '../../simulators/lms/webhook-sender';

const THINKIFIC_TRIGGER = 'n8n-nodes-certificate-delivery.thinkificTrigger';
const API_KEY = 'replay-queue-test-api-key';
const { json } = fixture('thinkific-enrollment-completed.json');
const payload = json.payload as { user: object };

/** The modules n8n loaded from dist/: jest's registry hands back the instances the trigger uses. */
/* eslint-disable @typescript-eslint/no-require-imports */
const replayMemory = require(path.join(REPO_ROOT, 'dist/nodes/kit/lms/replay-memory.js')) as {
	forgetReplayMemoryForTests(): void;
};
const queueRedis = require(
	path.join(REPO_ROOT, 'dist/nodes/core/integrations/queue/redis-connection.js'),
) as { closeQueueRedisForTests(): void };
/* eslint-enable @typescript-eslint/no-require-imports */

/** A freshly started n8n process with n8n's settings: no memory of its own, no connection yet. */
const startProcess = useProcessSettings(() => {
	replayMemory.forgetReplayMemoryForTests();
	queueRedis.closeQueueRedisForTests();
});

const replayFolder = () => path.join(process.env.N8N_USER_FOLDER ?? '', '.n8n', 'lms-replay');

/** A learner no earlier run of these tests used: the shared memory outlives a test run. */
const newLearner = () => 1 + randomBytes(4).readUInt32BE();

/** The fixture's completion by `learner`, delivered under a new delivery id. */
async function deliver(learner: number) {
	const completion = {
		...json,
		id: randomBytes(6).toString('hex'),
		payload: { ...payload, user: { ...payload.user, id: learner } },
	};
	const delivery = thinkific(completion, { secret: API_KEY });
	return await callWebhook({
		type: THINKIFIC_TRIGGER,
		parameters: { responseMode: 'onReceived' },
		credentials: {
			thinkificApi: {
				environment: 'custom',
				baseUrl: 'http://127.0.0.1:9',
				subdomain: 'demo',
				apiKey: API_KEY,
			},
		},
		nodeCredentials: { thinkificApi: { id: 'thinkific-1', name: 'Thinkific account' } },
		body: JSON.parse(delivery.body) as unknown,
		rawBody: Buffer.from(delivery.body),
		headers: delivery.headers,
	});
}

test('a completion that started a run on one process is a duplicate on another', async () => {
	const learner = newLearner();
	startProcess(queueMode());
	expect((await deliver(learner)).items).toHaveLength(1);

	startProcess(queueMode());
	const replay = await deliver(learner);
	expect(replay.items).toEqual([]);
	expect(replay.response).toEqual({
		status: 200,
		body: { status: 'duplicate', duplicates: [expect.stringContaining(`thinkific|${learner}|`)] },
	});
	expect(existsSync(replayFolder())).toBe(false);
});

test('an unreachable Redis fails the delivery, naming the settings to check', async () => {
	startProcess(queueModeUnreachable());
	await expect(deliver(newLearner())).rejects.toThrow(
		/n8n's queue Redis at 127\.0\.0\.1:1 db 0.*Check QUEUE_BULL_REDIS_HOST, QUEUE_BULL_REDIS_PORT/,
	);
	expect(existsSync(replayFolder())).toBe(false);
});
