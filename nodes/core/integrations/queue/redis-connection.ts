import Redis, { Cluster, type RedisOptions } from 'ioredis';

import { booleanSetting, numberSetting, textSetting, type Env } from './n8n-env';

/** The Redis client the shared state uses: one server, or n8n's cluster. */
export type RedisClient = Redis | Cluster;

/** The variables n8n reads for its queue's Redis, named in every error about reaching it. */
export const QUEUE_REDIS_VARIABLES =
	'QUEUE_BULL_REDIS_HOST, QUEUE_BULL_REDIS_PORT, QUEUE_BULL_REDIS_DB, QUEUE_BULL_REDIS_USERNAME, QUEUE_BULL_REDIS_PASSWORD, QUEUE_BULL_REDIS_TLS, QUEUE_BULL_REDIS_CLUSTER_NODES (or their _FILE forms)';

export interface QueueRedisSettings {
	options: RedisOptions;
	/** host:port pairs of n8n's Redis cluster (QUEUE_BULL_REDIS_CLUSTER_NODES), when it uses one. */
	clusterNodes: Array<{ host: string; port: number }>;
	/** Where it points, for error messages (never the password). */
	where: string;
}

/**
 * The Redis n8n itself uses for its queue, from the variables and defaults of n8n's scaling-mode
 * config (localhost:6379, db 0), turned into client options as n8n's RedisClientService does.
 * Operators configure nothing new: every main, webhook processor and worker already has these.
 */
export function queueRedisSettings(env: Env = process.env): QueueRedisSettings {
	const prefix = 'QUEUE_BULL_REDIS_';
	const host = textSetting(env, `${prefix}HOST`) || 'localhost';
	const port = numberSetting(env, `${prefix}PORT`, 6379);
	const db = numberSetting(env, `${prefix}DB`, 0);
	const options: RedisOptions = {
		host,
		port,
		db,
		username: textSetting(env, `${prefix}USERNAME`) || undefined,
		password: textSetting(env, `${prefix}PASSWORD`) || undefined,
	};
	if (booleanSetting(env, `${prefix}TLS`, false)) {
		options.tls = {
			servername: textSetting(env, `${prefix}TLS_SERVERNAME`) || undefined,
			rejectUnauthorized: booleanSetting(env, `${prefix}TLS_VALIDATE_CERTIFICATE`, true),
		};
	}
	if (booleanSetting(env, `${prefix}DUALSTACK`, false)) options.family = 0;
	const clusterNodes = (textSetting(env, `${prefix}CLUSTER_NODES`) ?? '')
		.split(',')
		.map((pair) => pair.trim())
		.filter((pair) => pair !== '')
		.map((pair) => {
			const [nodeHost, nodePort] = pair.split(':');
			return { host: nodeHost, port: Number(nodePort) || 6379 };
		});
	const where =
		clusterNodes.length > 0
			? `cluster ${clusterNodes.map((n) => `${n.host}:${n.port}`).join(', ')}`
			: `${host}:${port} db ${db}`;
	return { options, clusterNodes, where };
}

/** Raised when n8n's queue Redis cannot be used: says where it looked and what to check. */
export class QueueRedisUnavailable extends Error {
	constructor(where: string, cause: unknown) {
		super(
			`Could not use n8n's queue Redis at ${where} for state shared by queue-mode workers (${describe(cause)}). Check ${QUEUE_REDIS_VARIABLES}: they must match what this n8n's main and workers use.`,
		);
		this.name = 'QueueRedisUnavailable';
	}
}

/**
 * Opens a client that fails a command quickly when the server cannot be reached (instead of
 * queueing it until Redis returns) and keeps reconnecting in the background, so a short outage
 * costs the deliveries during it, not the process.
 */
export function openQueueRedis(settings: QueueRedisSettings): RedisClient {
	const resilience: RedisOptions = {
		lazyConnect: true,
		connectTimeout: 5_000,
		maxRetriesPerRequest: 1,
		retryStrategy: (attempt) => Math.min(attempt * 200, 2_000),
		// A socket that does not close when told is dropped soon, so nothing holds up an exit.
		disconnectTimeout: 500,
	};
	const client =
		settings.clusterNodes.length > 0
			? new Cluster(settings.clusterNodes, {
					redisOptions: { ...settings.options, ...resilience },
					lazyConnect: true,
					// A cluster would hold commands until it is back, however long; see clusterReady.
					enableOfflineQueue: false,
				})
			: new Redis({ ...settings.options, ...resilience });
	// Without a listener ioredis prints every failed reconnect; the failed command says it instead.
	client.on('error', () => undefined);
	return client;
}

/** The wait for each cluster client that is not ready yet, shared by every call meanwhile. */
const clusterWaits = new WeakMap<Cluster, Promise<void>>();

/**
 * Resolves once a cluster client is ready, connecting it on first use; rejects at its first failed
 * attempt (no node answers, a wrong password) or after `timeoutMs`, while it keeps reconnecting
 * in the background. A single server needs none of this: its client fails a command by itself.
 */
function clusterReady(client: RedisClient, timeoutMs = 5_000): Promise<void> | undefined {
	if (!(client instanceof Cluster) || client.status === 'ready') return undefined;
	let wait = clusterWaits.get(client);
	if (!wait) {
		wait = new Promise<void>((resolve, reject) => {
			const settle = (error?: unknown) => {
				clearTimeout(timer);
				client.off('ready', settle);
				client.off('error', settle);
				clusterWaits.delete(client);
				if (error) reject(error);
				else resolve();
			};
			const timer = setTimeout(
				() => settle(new Error(`not ready within ${timeoutMs} ms (${client.status})`)),
				timeoutMs,
			);
			client.once('ready', settle);
			client.once('error', settle);
			if (client.status === 'wait') client.connect().catch(() => undefined);
		});
		clusterWaits.set(client, wait);
	}
	return wait;
}

/** Runs `work` once `client` is usable; a failure to reach it names the variables to check. */
export async function runOnQueueRedis<T>(
	client: RedisClient,
	where: string,
	work: (client: RedisClient) => Promise<T>,
): Promise<T> {
	try {
		await clusterReady(client);
		return await work(client);
	} catch (error) {
		throw new QueueRedisUnavailable(where, error);
	}
}

let shared: { client: RedisClient; where: string } | undefined;

/**
 * This process's one connection to n8n's queue Redis, opened on first use and closed when the
 * process exits. Every command error comes back as QueueRedisUnavailable through `useQueueRedis`.
 */
function sharedQueueRedis(): { client: RedisClient; where: string } {
	if (!shared) {
		const settings = queueRedisSettings();
		const opened = { client: openQueueRedis(settings), where: settings.where };
		shared = opened;
		process.once('exit', () => opened.client.disconnect());
	}
	return shared;
}

/** Runs `work` on this process's queue Redis; a failure to reach it names the variables to check. */
export async function useQueueRedis<T>(work: (client: RedisClient) => Promise<T>): Promise<T> {
	const { client, where } = sharedQueueRedis();
	return await runOnQueueRedis(client, where, work);
}

/** Closes this process's connection (tests, and settings changed between them). */
export function closeQueueRedisForTests(): void {
	shared?.client.disconnect();
	shared = undefined;
}

function describe(error: unknown): string {
	const message = (error as { message?: unknown } | undefined)?.message;
	const text = typeof message === 'string' ? message : String(error);
	// A cluster says only "Failed to refresh slots cache."; why is in the last node's error.
	const nodeError = (error as { lastNodeError?: unknown } | undefined)?.lastNodeError;
	return nodeError ? `${text} ${describe(nodeError)}` : text;
}
