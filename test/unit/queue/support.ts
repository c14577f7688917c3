import { randomBytes } from 'node:crypto';

import Redis from 'ioredis';

import type { RedisClient } from '../../../nodes/core/integrations/queue';

/**
 * The server comes from scripts/redis/start.sh through REDIS_URL (npm test starts one). Without
 * it these tests fail, saying how to get one: none is ever skipped.
 */
export function redisUrl(): string {
	const url = process.env.REDIS_URL;
	if (!url) throw new Error('REDIS_URL is not set: start a server with scripts/redis/start.sh');
	return url;
}

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

/** REDIS_URL as n8n's own queue settings (QUEUE_BULL_REDIS_*), as an operator sets them. */
export function queueRedisEnv(url = redisUrl()): Record<string, string> {
	const parsed = new URL(url);
	return {
		QUEUE_BULL_REDIS_HOST: parsed.hostname,
		QUEUE_BULL_REDIS_PORT: parsed.port,
		QUEUE_BULL_REDIS_PASSWORD: decodeURIComponent(parsed.password),
	};
}
