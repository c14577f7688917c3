import type { SharedBucketFactory } from '../platforms/resilience/rate-limiter';
import { isQueueMode } from './n8n-env';
import { useQueueRedis } from './redis-connection';
import { RedisReplayStore } from './redis-replay-store';
import { RedisTokenBucket } from './redis-rate-limiter';

/*
 * Where state that must be shared lives when n8n runs in queue mode: in the Redis n8n itself uses
 * for its queue. Outside queue mode nothing here is used, and no connection is opened.
 */

/** Platform rate limits across all workers in queue mode; undefined keeps them per process. */
export function queueModeBuckets(): SharedBucketFactory | undefined {
	if (!isQueueMode()) return undefined;
	return (key, limit) => new RedisTokenBucket(limit, key, useQueueRedis);
}

let replayStore: RedisReplayStore | undefined;

/** The push triggers' replay memory shared by every main and webhook process (queue mode). */
export function sharedReplayMemory(): RedisReplayStore {
	replayStore ??= new RedisReplayStore({ redis: useQueueRedis });
	return replayStore;
}
