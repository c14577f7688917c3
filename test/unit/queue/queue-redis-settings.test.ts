// The Redis the pack shares state through in queue mode is n8n's own queue Redis, found from the
// settings n8n itself reads (QUEUE_BULL_REDIS_*, or their _FILE forms), with n8n's defaults.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { queueRedisSettings } from '../../../nodes/core/integrations/queue';

const folder = mkdtempSync(path.join(tmpdir(), 'queue-redis-settings-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

function settingFile(content: string): string {
	const file = path.join(folder, `setting-${Math.random().toString(36).slice(2)}`);
	writeFileSync(file, content);
	return file;
}

test("nothing set: n8n's defaults, localhost:6379 db 0, no password, no TLS", () => {
	const { options, clusterNodes, where } = queueRedisSettings({});
	expect(options).toEqual({
		host: 'localhost',
		port: 6379,
		db: 0,
		username: undefined,
		password: undefined,
	});
	expect(clusterNodes).toEqual([]);
	expect(where).toBe('localhost:6379 db 0');
});

test('every connection setting n8n reads for its queue', () => {
	const { options, where } = queueRedisSettings({
		QUEUE_BULL_REDIS_HOST: 'redis.internal',
		QUEUE_BULL_REDIS_PORT: '6380',
		QUEUE_BULL_REDIS_DB: '2',
		QUEUE_BULL_REDIS_USERNAME: 'n8n',
		QUEUE_BULL_REDIS_PASSWORD: '"s3cret"',
		QUEUE_BULL_REDIS_TLS: 'true',
		QUEUE_BULL_REDIS_TLS_SERVERNAME: 'redis.example.org',
		QUEUE_BULL_REDIS_TLS_VALIDATE_CERTIFICATE: 'false',
		QUEUE_BULL_REDIS_DUALSTACK: '1',
	});
	expect(options).toEqual({
		host: 'redis.internal',
		port: 6380,
		db: 2,
		username: 'n8n',
		password: 's3cret',
		tls: { servername: 'redis.example.org', rejectUnauthorized: false },
		family: 0,
	});
	expect(where).toBe('redis.internal:6380 db 2');
	expect(where).not.toContain('s3cret');
});

test('the _FILE forms (Docker secrets) are read and trimmed; the variable wins over its file', () => {
	const { options } = queueRedisSettings({
		QUEUE_BULL_REDIS_PASSWORD_FILE: settingFile('from-file\n'),
		QUEUE_BULL_REDIS_HOST_FILE: settingFile('file-host'),
		QUEUE_BULL_REDIS_HOST: 'env-host',
	});
	expect(options.password).toBe('from-file');
	expect(options.host).toBe('env-host');
});

test('values n8n would not accept keep its defaults, as n8n falls back to them', () => {
	const { options } = queueRedisSettings({
		QUEUE_BULL_REDIS_PORT: 'six',
		QUEUE_BULL_REDIS_DB: '',
		QUEUE_BULL_REDIS_TLS: 'yes',
	});
	expect(options).toMatchObject({ port: 6379, db: 0 });
	expect(options.tls).toBeUndefined();
});

test("n8n's Redis cluster (QUEUE_BULL_REDIS_CLUSTER_NODES) is used as a cluster", () => {
	const { clusterNodes, where } = queueRedisSettings({
		QUEUE_BULL_REDIS_CLUSTER_NODES: 'r1:7000, r2:7001,r3',
	});
	expect(clusterNodes).toEqual([
		{ host: 'r1', port: 7000 },
		{ host: 'r2', port: 7001 },
		{ host: 'r3', port: 6379 },
	]);
	expect(where).toBe('cluster r1:7000, r2:7001, r3:6379');
});
