import { createHash } from 'node:crypto';
import { join } from 'node:path';

import type { ClaimSplit } from '../../core/integrations/lms';
import { fileReplayLog, ReplayStore } from '../../core/integrations/lms';
import { n8nFolder } from '../ledger-folder';
import { isQueueMode } from '../execution-mode';

/**
 * One replay store per n8n process, shared by every push trigger. Each trigger node's keys live in
 * `<n8n folder>/lms-replay/<hash of workflow id and node name>.keys`, next to n8n's own files, so
 * they survive restarts and container updates wherever n8n's data does.
 */
const store = new ReplayStore({ openLog: fileReplayLog });

/** The nodes (by log path) already warned that their memory is per process in queue mode. */
const warnedInQueueMode = new Set<string>();

/**
 * In queue mode several main or webhook processes may receive deliveries, each with its own
 * memory: said once per node in n8n's log, not a failure, as the ledger still guards issuance.
 */
function warnOncePerNodeInQueueMode(path: string, warn: (message: string) => void): void {
	if (warnedInQueueMode.has(path) || !isQueueMode()) return;
	warnedInQueueMode.add(path);
	warn(
		"n8n runs in queue mode, but this trigger's replay memory is per process (a file on this host): a re-delivery that reaches another main or webhook process starts a run again. The Credential Ledger's Reserve (on Postgres storage) stays the exactly-once guard.",
	);
}

/** The store's id for one node, after the queue-mode warning it is owed. */
function memoryOf(workflowId: string, nodeName: string, options: MemoryOptions): string {
	const path = replayLogPath(workflowId, nodeName);
	warnOncePerNodeInQueueMode(path, options.warn);
	return path;
}

export function replayLogPath(workflowId: string, nodeName: string): string {
	const name = createHash('sha256').update(`${workflowId}\n${nodeName}`).digest('hex').slice(0, 32);
	return join(n8nFolder(), 'lms-replay', `${name}.keys`);
}

interface MemoryOptions {
	alsoKnown?: Iterable<string>;
	warn(message: string): void;
}

/**
 * Claims a delivery's keys for its run (see ReplayStore.claim). The path is the store's id: it
 * names one node, and follows N8N_USER_FOLDER if that changes.
 */
export async function claimKeys(
	workflowId: string,
	nodeName: string,
	keys: readonly string[],
	options: MemoryOptions,
): Promise<ClaimSplit> {
	return await store.claim(memoryOf(workflowId, nodeName, options), keys, options);
}

/** Claims and confirms at once (the answer does not wait for the run). */
export async function rememberKeys(
	workflowId: string,
	nodeName: string,
	keys: readonly string[],
	options: MemoryOptions,
): Promise<{ fresh: string[]; seen: string[] }> {
	return await store.remember(memoryOf(workflowId, nodeName, options), keys, options);
}

/** Confirms (the run succeeded) or releases (it failed) keys claimed with claimKeys. */
export async function settleKeys(
	workflowId: string,
	nodeName: string,
	keys: readonly string[],
	succeeded: boolean,
	options: MemoryOptions,
): Promise<void> {
	await store.settle(replayLogPath(workflowId, nodeName), keys, succeeded, options);
}

/** Drops what this process holds (every node's keys, the warnings given), as a restart does (tests only). */
export function forgetReplayMemoryForTests(): void {
	store.forget();
	warnedInQueueMode.clear();
}
