// n8n's queue-mode settings as a test sets them for "this process": the Redis from REDIS_URL
// (scripts/redis/start.sh) as n8n's QUEUE_BULL_REDIS_* variables, and the settings restored after
// the test file.

/** The settings these tests change. */
const SETTINGS = [
	'EXECUTIONS_MODE',
	'QUEUE_BULL_REDIS_HOST',
	'QUEUE_BULL_REDIS_PORT',
	'QUEUE_BULL_REDIS_PASSWORD',
	'QUEUE_BULL_REDIS_CLUSTER_NODES',
];

/** The test Redis's URL; without one the test fails saying how to get one (none is skipped). */
export function redisUrl(): string {
	const url = process.env.REDIS_URL;
	if (!url) throw new Error('REDIS_URL is not set: start a server with scripts/redis/start.sh');
	return url;
}

/** REDIS_URL as n8n's own queue settings, as an operator sets them. */
export function queueRedisEnv(url = redisUrl()): Record<string, string> {
	const parsed = new URL(url);
	return {
		QUEUE_BULL_REDIS_HOST: parsed.hostname,
		QUEUE_BULL_REDIS_PORT: parsed.port,
		QUEUE_BULL_REDIS_PASSWORD: decodeURIComponent(parsed.password),
	};
}

/**
 * The test Redis Cluster as n8n's queue settings: REDIS_CLUSTER_URL from
 * scripts/redis/start-cluster.sh is redis://:<password>@<host:port,host:port,...>. Without it the
 * test fails saying how to get one (none is skipped).
 */
export function queueClusterEnv(): Record<string, string> {
	const url = process.env.REDIS_CLUSTER_URL;
	if (!url) {
		throw new Error(
			'REDIS_CLUSTER_URL is not set: start a cluster with scripts/redis/start-cluster.sh',
		);
	}
	const match = /^redis:\/\/:([^@]*)@(.+)$/.exec(url);
	if (!match) throw new Error(`REDIS_CLUSTER_URL is not redis://:<password>@<nodes>: ${url}`);
	return {
		QUEUE_BULL_REDIS_CLUSTER_NODES: match[2],
		QUEUE_BULL_REDIS_PASSWORD: decodeURIComponent(match[1]),
	};
}

/** Queue mode on the test Redis. */
export const queueMode = (): Record<string, string> => ({
	EXECUTIONS_MODE: 'queue',
	...queueRedisEnv(),
});

/** Queue mode with a Redis nobody listens for (port 1). */
export const queueModeUnreachable = (): Record<string, string> => ({
	EXECUTIONS_MODE: 'queue',
	QUEUE_BULL_REDIS_HOST: '127.0.0.1',
	QUEUE_BULL_REDIS_PORT: '1',
});

/**
 * Returns a function that gives this process the settings given (the others unset), then calls
 * `restart` (drop what the process holds, as a fresh start would). The settings found are put
 * back after the test file, and `restart` called once more.
 */
export function useProcessSettings(
	restart: () => void,
): (settings: Record<string, string>) => void {
	const saved = Object.fromEntries(SETTINGS.map((name) => [name, process.env[name]]));
	const apply = (settings: Record<string, string | undefined>) => {
		for (const name of SETTINGS) delete process.env[name];
		for (const [name, value] of Object.entries(settings))
			if (value !== undefined) process.env[name] = value;
		restart();
	};
	afterAll(() => apply(saved));
	return apply;
}
