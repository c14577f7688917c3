import { createHash } from 'node:crypto';
import { join } from 'node:path';

import type { ClaimSplit } from '../credentialing/lms';
import { fileReplayLog, ReplayStore } from '../credentialing/lms';
import { n8nFolder } from '../CredentialLedger/transport/ledger-folder';

/**
 * One replay store per n8n process, shared by every push trigger. Each trigger node's keys live in
 * `<n8n folder>/lms-replay/<hash of workflow id and node name>.keys`, next to n8n's own files, so
 * they survive restarts and container updates wherever n8n's data does.
 */
const store = new ReplayStore({ openLog: fileReplayLog });

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
	return await store.claim(replayLogPath(workflowId, nodeName), keys, options);
}

/** Claims and confirms at once (the answer does not wait for the run). */
export async function rememberKeys(
	workflowId: string,
	nodeName: string,
	keys: readonly string[],
	options: MemoryOptions,
): Promise<{ fresh: string[]; seen: string[] }> {
	return await store.remember(replayLogPath(workflowId, nodeName), keys, options);
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

/** Drops the in-process copy of every node's keys, as an n8n restart does (tests only). */
export function forgetReplayMemoryForTests(): void {
	store.forget();
}
