// In n8n queue mode the Accredible node's rate limiter is the account's bucket in n8n's queue
// Redis, shared with every other worker: slots another worker booked are waited for here.
import path from 'node:path';

import Redis from 'ioredis';

import { ACCREDIBLE_RATE_LIMIT } from '../../../nodes/core/integrations/platforms/accredible/api';
import { RedisTokenBucket } from '../../../nodes/core/integrations/queue';
import { credentialId, runAccredible, startSim, type AccredibleSim } from '../support/accredible';
import { REPO_ROOT } from '../support/pinned-n8n';
import {
	queueMode,
	queueModeUnreachable,
	redisUrl,
	useProcessSettings,
} from '../../support/queue-mode-settings';

jest.setTimeout(60_000);

// The module n8n loaded from dist/: its connection is closed after the tests, as at exit.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const queueRedis = require(
	path.join(REPO_ROOT, 'dist/nodes/core/integrations/queue/redis-connection.js'),
) as { closeQueueRedisForTests(): void };

const setProcessSettings = useProcessSettings(() => queueRedis.closeQueueRedisForTests());

let sim: AccredibleSim;
let otherWorker: Redis;
beforeAll(async () => {
	sim = await startSim();
	otherWorker = new Redis(redisUrl());
});
afterAll(async () => {
	otherWorker.disconnect();
	await sim.sim.stop();
});

const getUnknown = { resource: 'credential', operation: 'get', credentialId: '424242' };

/** How long one Accredible call on credential `id` takes, in ms (the answer: not found). */
async function timedCall(id: string): Promise<number> {
	const started = Date.now();
	const run = await runAccredible(sim, { parameters: getUnknown, credentialId: id });
	expect(run.error?.message).toMatch(/not found while reading credential 424242/);
	return Date.now() - started;
}

test('slots another worker booked on the same credential are waited for', async () => {
	setProcessSettings(queueMode());
	const id = credentialId();
	const other = new RedisTokenBucket(ACCREDIBLE_RATE_LIMIT, `accredibleApi:${id}`, (work) =>
		work(otherWorker),
	);
	// The other worker books 40 slots (one every 150 ms: 6 s of the account's budget).
	const interval = ACCREDIBLE_RATE_LIMIT.perMs / ACCREDIBLE_RATE_LIMIT.requests;
	const booked = 40;
	const started = Date.now();
	const othersSent = Promise.all(Array.from({ length: booked }, () => other.take()));
	await new Promise((resolve) => setTimeout(resolve, 200));
	// The node's request gets the slot after them; with a limiter of its own it would go at once.
	await timedCall(id);
	expect(Date.now() - started).toBeGreaterThanOrEqual(booked * interval - 50);
	await othersSent;
	// Another credential has a budget of its own.
	expect(await timedCall(credentialId())).toBeLessThan(booked * interval);
});

test('an unreachable Redis fails the call naming the settings to check, before anything is sent', async () => {
	setProcessSettings(queueModeUnreachable());
	const before = (await sim.control.requests()).length;
	const run = await runAccredible(sim, { parameters: getUnknown, credentialId: credentialId() });
	expect(run.status).toBe('error');
	expect(run.error?.message).toMatch(
		/n8n's queue Redis at 127\.0\.0\.1:1 db 0.*Check QUEUE_BULL_REDIS_HOST/,
	);
	expect((await sim.control.requests()).length).toBe(before);
});
