import { createHash } from 'node:crypto';

import type { RedisClient } from './redis-connection';

/**
 * A Lua script run atomically on the server: sent by hash (EVALSHA), and in full only when the
 * server does not know it yet (after a restart or on a new cluster node).
 */
export class RedisScript {
	private readonly sha: string;

	constructor(private readonly source: string) {
		this.sha = createHash('sha1').update(source).digest('hex');
	}

	async run(client: RedisClient, keys: string[], args: Array<string | number>): Promise<unknown> {
		try {
			return await client.evalsha(this.sha, keys.length, ...keys, ...args);
		} catch (error) {
			if (!String((error as { message?: unknown }).message).startsWith('NOSCRIPT')) throw error;
			return await client.eval(this.source, keys.length, ...keys, ...args);
		}
	}
}

/** Redis's own clock in milliseconds, so leases and rate slots agree across hosts. */
export const REDIS_NOW_MS = `
local clock = redis.call('TIME')
local now = tonumber(clock[1]) * 1000 + tonumber(clock[2]) / 1000
`;

/** Every key the pack keeps in n8n's Redis starts with this, apart from n8n's own (bull:...). */
export const REDIS_NAMESPACE = 'n8n-nodes-certificate-delivery';
