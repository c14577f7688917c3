import { createHash } from 'node:crypto';
import { join } from 'node:path';

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

export async function rememberEmittedKeys(
	workflowId: string,
	nodeName: string,
	keys: readonly string[],
	options: { alsoKnown?: Iterable<string>; warn(message: string): void },
): Promise<{ fresh: string[]; seen: string[] }> {
	// The path is the store's id: it names one node, and follows N8N_USER_FOLDER if that changes.
	return await store.remember(replayLogPath(workflowId, nodeName), keys, options);
}

/** Drops the in-process copy of every node's keys, as an n8n restart does (tests only). */
export function forgetReplayMemoryForTests(): void {
	store.forget();
}
