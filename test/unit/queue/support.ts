import { randomBytes } from 'node:crypto';

import Redis from 'ioredis';

import type { RateLimit } from '../../../nodes/core/integrations/platforms';
import type { RedisClient } from '../../../nodes/core/integrations/queue';
import { redisUrl } from '../../support/queue-mode-settings';

const opened: Redis[] = [];

/** A client of its own, as one n8n process would have; closed after the file's tests. */
export function processClient(): Redis {
	const client = new Redis(redisUrl(), { maxRetriesPerRequest: 1 });
	opened.push(client);
	return client;
}

afterAll(() => {
	for (const client of opened.splice(0)) client.disconnect();
});

/** Runs work on one client, as useQueueRedis runs it on the process's connection. */
export const on =
	(client: RedisClient) =>
	<T>(work: (client: RedisClient) => Promise<T>): Promise<T> =>
		work(client);

/** A name no other test uses, so tests never see each other's keys. */
export function freshId(): string {
	return `test-${randomBytes(8).toString('hex')}`;
}

/** When each of `count` takes was granted (ms), all asked for at once. */
export async function grantTimes(
	bucket: { take(): Promise<void> },
	count: number,
): Promise<number[]> {
	return await Promise.all(
		Array.from({ length: count }, async () => {
			await bucket.take();
			return Date.now();
		}),
	);
}

/** The most grants in any window of `windowMs` (each window starts at a grant). */
export { busiestWindow } from '../../support/arrivals';

/**
 * Grants are timed here, after the timer fires, so one that fires late (a busy machine) and the
 * next on time sit closer than their slots: the window counted is half an interval short of the
 * platform's, still far from what two separate buckets send (twice the budget).
 */
export const COUNTED_WINDOW = (limit: RateLimit) => limit.perMs - limit.perMs / limit.requests / 2;
