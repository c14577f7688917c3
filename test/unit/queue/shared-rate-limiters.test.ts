// The platform clients get their rate limiter from sharedRateLimiters: in queue mode it hands out
// the bucket all workers share in n8n's queue Redis, otherwise this process's own.
import {
	RateLimiterRegistry,
	sharedRateLimiters,
	TokenBucket,
} from '../../../nodes/core/integrations/platforms';
import {
	closeQueueRedisForTests,
	queueModeBuckets,
	RedisTokenBucket,
} from '../../../nodes/core/integrations/queue';
import {
	queueMode,
	queueModeUnreachable,
	useProcessSettings,
} from '../../support/queue-mode-settings';
import { freshId } from './support';

const setMode = useProcessSettings(closeQueueRedisForTests);

const limit = { requests: 5, perMs: 1_000 };

test('queue mode: a Redis bucket, taken from the Redis n8n names', async () => {
	setMode(queueMode());
	const bucket = sharedRateLimiters.forKey(freshId(), limit);
	expect(bucket).toBeInstanceOf(RedisTokenBucket);
	await bucket.take();
});

test('queue mode with an unreachable Redis: take() fails naming the settings, no local fallback', async () => {
	setMode(queueModeUnreachable());
	await expect(sharedRateLimiters.forKey(freshId(), limit).take()).rejects.toThrow(
		/n8n's queue Redis at 127\.0\.0\.1:1 db 0.*Check QUEUE_BULL_REDIS_HOST/,
	);
});

test('regular mode: the in-process bucket, one per key, replaced when the mode changes', () => {
	setMode({ EXECUTIONS_MODE: 'regular' });
	const registry = new RateLimiterRegistry(queueModeBuckets);
	const local = registry.forKey('account', limit);
	expect(local).toBeInstanceOf(TokenBucket);
	expect(registry.forKey('account', { ...limit })).toBe(local);
	setMode(queueMode());
	expect(registry.forKey('account', limit)).toBeInstanceOf(RedisTokenBucket);
});
