import {
	DEFAULT_CLAIM_LEASE_MS,
	type ClaimSplit,
	type ReplayMemory,
	type RememberOptions,
} from '../lms/replay-store';
import { DEFAULT_REPLAY_LIMIT } from '../lms/recent-keys';
import type { RedisClient } from './redis-connection';
import { REDIS_NAMESPACE, REDIS_NOW_MS, RedisScript } from './redis-script';

/*
 * Per trigger node, three keys in one cluster slot (the {id} hash tag):
 *   seen   sorted set: business keys whose runs succeeded, scored in the order remembered, and
 *          trimmed to the newest `limit` (oldest forgotten first, as the file memory does);
 *   claims sorted set: keys a run holds, scored by the lease end (Redis time, ms);
 *   order  counter giving the seen scores.
 * The scripts run atomically, so two processes claiming one key get one fresh claim.
 */
const REMEMBER_FUNCTION = `
local function remember(keys, limit)
	if #keys == 0 then return end
	local last = redis.call('INCRBY', KEYS[3], #keys)
	for i, key in ipairs(keys) do
		redis.call('ZADD', KEYS[1], 'NX', last - #keys + i, key)
	end
	redis.call('ZREMRANGEBYRANK', KEYS[1], 0, -(limit + 1))
end
`;

/**
 * ARGV: mode ('claim' | 'remember'), lease ms, limit, then the keys. Returns one verdict per key:
 * f (fresh), s (seen: remembered, or repeated in this delivery), i (in flight: claimed by a run
 * still going; in remember mode these count as seen). A claim with any key in flight claims none.
 */
const CLAIM = new RedisScript(`${REDIS_NOW_MS}${REMEMBER_FUNCTION}
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now)
local mode, lease, limit = ARGV[1], tonumber(ARGV[2]), tonumber(ARGV[3])
local verdicts, fresh, picked, blocked = {}, {}, {}, false
for i = 4, #ARGV do
	local key = ARGV[i]
	local verdict = 'f'
	if picked[key] or redis.call('ZSCORE', KEYS[1], key) then
		verdict = 's'
	elseif redis.call('ZSCORE', KEYS[2], key) then
		if mode == 'claim' then verdict = 'i'; blocked = true else verdict = 's' end
	else
		picked[key] = true
		fresh[#fresh + 1] = key
	end
	verdicts[#verdicts + 1] = verdict
end
if mode == 'remember' then
	remember(fresh, limit)
elseif not blocked and #fresh > 0 then
	for _, key in ipairs(fresh) do redis.call('ZADD', KEYS[2], now + lease, key) end
	redis.call('PEXPIRE', KEYS[2], lease)
end
return verdicts
`);

/** ARGV: succeeded ('1' | '0'), limit, then the keys: ends their claims; remembers them on success. */
const SETTLE = new RedisScript(`${REMEMBER_FUNCTION}
local limit = tonumber(ARGV[2])
local keys = {}
for i = 3, #ARGV do
	redis.call('ZREM', KEYS[2], ARGV[i])
	keys[#keys + 1] = ARGV[i]
end
if ARGV[1] == '1' then remember(keys, limit) end
return #keys
`);

export interface RedisReplayStoreOptions {
	/** Runs a command on the Redis to use (in n8n: its queue's, through useQueueRedis). */
	redis<T>(work: (client: RedisClient) => Promise<T>): Promise<T>;
	limit?: number;
	claimLeaseMs?: number;
}

/**
 * The push triggers' replay memory for queue mode: the same claim / confirm / release / remember
 * as ReplayStore, kept in n8n's Redis so every main and webhook process shares it. Redis keeps it
 * across restarts. A Redis that cannot be reached fails the call (the LMS retries the delivery):
 * falling back to a memory of this process alone would let two processes start one completion.
 */
export class RedisReplayStore implements ReplayMemory {
	private readonly limit: number;
	private readonly leaseMs: number;

	constructor(private readonly options: RedisReplayStoreOptions) {
		this.limit = options.limit ?? DEFAULT_REPLAY_LIMIT;
		this.leaseMs = options.claimLeaseMs ?? DEFAULT_CLAIM_LEASE_MS;
	}

	async claim(id: string, keys: readonly string[], options: RememberOptions): Promise<ClaimSplit> {
		const split = await this.split('claim', id, keys, options);
		return split.inFlight.length > 0 ? { ...split, fresh: [] } : split;
	}

	async remember(
		id: string,
		keys: readonly string[],
		options: RememberOptions,
	): Promise<{ fresh: string[]; seen: string[] }> {
		const { fresh, seen } = await this.split('remember', id, keys, options);
		return { fresh, seen };
	}

	async settle(id: string, keys: readonly string[], succeeded: boolean): Promise<void> {
		if (keys.length === 0) return;
		await this.options.redis((client) =>
			SETTLE.run(client, nodeKeys(id), [succeeded ? '1' : '0', this.limit, ...keys]),
		);
	}

	/** Nothing is held in this process. */
	forget(): void {}

	private async split(
		mode: 'claim' | 'remember',
		id: string,
		keys: readonly string[],
		options: RememberOptions,
	): Promise<ClaimSplit> {
		// Keys the node's static data knows count as seen without asking Redis, as in ReplayStore.
		const known = new Set(options.alsoKnown ?? []);
		const asked = keys.filter((key) => !known.has(key));
		const verdicts =
			asked.length === 0
				? []
				: ((await this.options.redis((client) =>
						CLAIM.run(client, nodeKeys(id), [mode, this.leaseMs, this.limit, ...asked]),
					)) as string[]);
		const split: ClaimSplit = { fresh: [], seen: [], inFlight: [] };
		let next = 0;
		for (const key of keys) {
			const verdict = known.has(key) ? 's' : verdicts[next++];
			if (verdict === 'f') split.fresh.push(key);
			else if (verdict === 'i') split.inFlight.push(key);
			else split.seen.push(key);
		}
		return split;
	}
}

function nodeKeys(id: string): string[] {
	const base = `${REDIS_NAMESPACE}:replay:{${id}}`;
	return [`${base}:seen`, `${base}:claims`, `${base}:order`];
}
