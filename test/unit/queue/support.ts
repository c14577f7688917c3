import { randomBytes } from 'node:crypto';

import Redis from 'ioredis';

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
