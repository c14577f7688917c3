import { readFileSync } from 'node:fs';

/**
 * Whether this n8n runs in queue mode (EXECUTIONS_MODE=queue: the main instance hands executions
 * to workers, usually on other hosts), where anything kept in one process or on one host's disk
 * is not shared by the others.
 *
 * n8n keeps this setting in its own config (`executions.mode` in @n8n/config), which is not part
 * of the node API on either 1.x or 2.x: no execution context function returns it, and a community
 * node may not depend on n8n's internal packages. So it is read where n8n itself reads it: the
 * environment, `EXECUTIONS_MODE`, or, as for every n8n setting, a file named by
 * `EXECUTIONS_MODE_FILE`. n8n refuses to start with any value other than `regular` or `queue`.
 */
export function isQueueMode(env: NodeJS.ProcessEnv = process.env): boolean {
	return executionsModeSetting(env) === 'queue';
}

function executionsModeSetting(env: NodeJS.ProcessEnv): string | undefined {
	// As n8n's config does: the variable wins over its _FILE form; surrounding quotes are dropped.
	let value = env.EXECUTIONS_MODE;
	if (value === undefined && env.EXECUTIONS_MODE_FILE) {
		try {
			value = readFileSync(env.EXECUTIONS_MODE_FILE, 'utf8');
		} catch {
			// n8n read this file when it started; if it is gone now, the setting is unknown.
			return undefined;
		}
	}
	return value?.trim().replace(/^(['"])(.*)\1$/, '$2');
}
