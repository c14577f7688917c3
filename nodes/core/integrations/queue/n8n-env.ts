import { readFileSync } from 'node:fs';

/**
 * n8n's own settings, read the way @n8n/config reads them (its `readEnv` and value parsing), so
 * the pack sees what n8n sees: the variable wins over its `_FILE` form, whose content is trimmed;
 * text values drop surrounding whitespace and quotes; numbers and booleans n8n would not accept
 * leave the default, as n8n falls back to its default for them. Community nodes get none of these
 * settings from the node API, and may not import n8n's internal packages.
 */
export type Env = NodeJS.ProcessEnv;

/** The raw value, or undefined when unset (or its `_FILE` cannot be read any more). */
function rawSetting(env: Env, name: string): string | undefined {
	if (name in env) return env[name];
	const file = env[`${name}_FILE`];
	if (!file) return undefined;
	try {
		return readFileSync(file, 'utf8').trim();
	} catch {
		// n8n read this file when it started; if it is gone now, the setting is unknown.
		return undefined;
	}
}

export function textSetting(env: Env, name: string): string | undefined {
	return rawSetting(env, name)
		?.trim()
		.replace(/^(['"])(.*)\1$/, '$2');
}

export function numberSetting(env: Env, name: string, fallback: number): number {
	const raw = rawSetting(env, name);
	if (raw === undefined || textSetting(env, name) === '') return fallback;
	const parsed = Number(raw);
	return Number.isNaN(parsed) ? fallback : parsed;
}

export function booleanSetting(env: Env, name: string, fallback: boolean): boolean {
	const raw = rawSetting(env, name)?.toLowerCase();
	if (raw === 'true' || raw === '1') return true;
	if (raw === 'false' || raw === '0') return false;
	return fallback;
}

/**
 * Whether this n8n runs in queue mode (EXECUTIONS_MODE=queue: the main instance hands executions
 * to workers, usually on other hosts), where anything kept in one process or on one host's disk
 * is not shared by the others. n8n refuses to start with any value other than `regular` or `queue`.
 */
export function isQueueMode(env: Env = process.env): boolean {
	return textSetting(env, 'EXECUTIONS_MODE') === 'queue';
}
