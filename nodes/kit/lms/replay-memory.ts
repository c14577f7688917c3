import { createHash } from 'node:crypto';
import { join } from 'node:path';

import type { ClaimSplit, ReplayMemory } from '../../core/integrations/lms';
import { fileReplayLog, ReplayStore } from '../../core/integrations/lms';
import { isQueueMode, sharedReplayMemory } from '../../core/integrations/queue';
import { n8nFolder } from '../ledger-folder';

/**
 * One replay store per n8n process, shared by every push trigger. Each trigger node's keys live in
 * `<n8n folder>/lms-replay/<node id>.keys`, next to n8n's own files, so they survive restarts and
 * container updates wherever n8n's data does.
 */
const fileStore = new ReplayStore({ openLog: fileReplayLog });

/**
 * Where one node's memory lives. In queue mode several main or webhook processes receive
 * deliveries, so it is the memory they all share, in n8n's queue Redis (a Redis that cannot be
 * reached fails the delivery, never falls back to this process's memory); otherwise this
 * process's, kept in a file named after the node.
 */
function memoryOf(workflowId: string, nodeName: string): { store: ReplayMemory; id: string } {
	if (isQueueMode()) return { store: sharedReplayMemory(), id: replayNodeId(workflowId, nodeName) };
	return { store: fileStore, id: replayLogPath(workflowId, nodeName) };
}

/** Names one trigger node in the memory: a hash of its workflow id and node name. */
function replayNodeId(workflowId: string, nodeName: string): string {
	return createHash('sha256').update(`${workflowId}\n${nodeName}`).digest('hex').slice(0, 32);
}

export function replayLogPath(workflowId: string, nodeName: string): string {
	return join(n8nFolder(), 'lms-replay', `${replayNodeId(workflowId, nodeName)}.keys`);
}

interface MemoryOptions {
	alsoKnown?: Iterable<string>;
	warn(message: string): void;
}

/**
 * Claims a delivery's keys for its run (see ReplayStore.claim). Outside queue mode the file's path
 * is the store's id: it names one node, and follows N8N_USER_FOLDER if that changes.
 */
export async function claimKeys(
	workflowId: string,
	nodeName: string,
	keys: readonly string[],
	options: MemoryOptions,
): Promise<ClaimSplit> {
	const { store, id } = memoryOf(workflowId, nodeName);
	return await store.claim(id, keys, options);
}

/** Confirms (the run succeeded) or releases (it failed) keys claimed with claimKeys. */
export async function settleKeys(
	workflowId: string,
	nodeName: string,
	keys: readonly string[],
	succeeded: boolean,
	options: MemoryOptions,
): Promise<void> {
	const { store, id } = memoryOf(workflowId, nodeName);
	await store.settle(id, keys, succeeded, options);
}

/** Drops what this process holds (every node's keys), as a restart does (tests only). */
export function forgetReplayMemoryForTests(): void {
	fileStore.forget();
}
