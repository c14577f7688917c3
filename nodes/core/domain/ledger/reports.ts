import { SYSTEM_KEY, type LedgerEntry } from './entry';
import { LedgerError } from './errors';
import {
	applyEntry,
	foldCredential,
	type CredentialStatus,
	type NoteRef,
} from './credential-state';
import { checkKey } from './inputs';
import { isPlainObject, type JsonObject, type JsonValue } from './json';
import { keysForPlatformId, type PlatformCredentialId } from './platform-lookup';
import type { LedgerStore } from './store';
import { unknownKey } from './transitions';

export type StatusQuery = { key: string } | { learnerId: string } | PlatformCredentialId;

/**
 * The status of one credential (by key, or by the platform id its `issued` entry carries) or of
 * every credential of one learner.
 */
export async function statusOf(
	store: LedgerStore,
	query: StatusQuery,
): Promise<CredentialStatus[]> {
	if ('key' in query) {
		const status = foldCredential(await store.findByKey(checkKey(query.key)));
		return status ? [status] : [];
	}
	if (!('learnerId' in query)) return statusesOf(store, await keysForPlatformId(store, query));
	if (typeof query.learnerId !== 'string' || query.learnerId === '') {
		throw new LedgerError(
			'invalid_input',
			'Invalid status query: learnerId: expected non-empty text',
			{
				issues: [{ path: 'learnerId', message: 'expected non-empty text' }],
			},
		);
	}
	return statusesOf(store, await store.keysForLearner(query.learnerId));
}

async function statusesOf(store: LedgerStore, keys: string[]): Promise<CredentialStatus[]> {
	const statuses: CredentialStatus[] = [];
	for (const key of keys) {
		const status = foldCredential(await store.findByKey(key));
		if (status) statuses.push(status);
	}
	return statuses.sort((a, b) => a.firstSeq - b.firstSeq);
}

export interface EvidenceItem {
	hash: string;
	seq: number;
	type: LedgerEntry['type'];
	state: 'present' | 'erased' | 'missing';
	/** The private evidence as stored (salt and data), when present. */
	record?: JsonValue;
}

/** Everything known about one credential, in one object an auditor can file. */
export interface EvidenceBundle {
	key: string;
	status: CredentialStatus;
	decision?: JsonObject;
	ruleSetId?: string;
	ruleVersion?: string;
	ruleHash?: string;
	dataPoints?: JsonObject;
	issuance?: CredentialStatus['credential'];
	failures: NoteRef[];
	delivery?: NoteRef;
	claim?: NoteRef;
	revocations: NoteRef[];
	supersessions: NoteRef[];
	reviews: NoteRef[];
	overrides: NoteRef[];
	evidence: EvidenceItem[];
	/** The signed entries themselves, so each can be checked on its own. */
	entries: LedgerEntry[];
}

export async function evidenceBundleOf(store: LedgerStore, key: string): Promise<EvidenceBundle> {
	const checkedKey = checkKey(key);
	const entries = await store.findByKey(checkedKey);
	const status = foldCredential(entries);
	if (!status) throw unknownKey(checkedKey, 'key');
	const decision = status.decision;
	const pick = (name: string) =>
		decision && typeof decision[name] === 'string' ? (decision[name] as string) : undefined;
	const notes = (type: LedgerEntry['type']): NoteRef[] =>
		entries
			.filter((e) => e.type === type)
			.map((e) => ({ seq: e.seq, at: e.at, actor: e.actor, payload: e.payload }));
	const erased = new Set(status.erasedEvidenceHashes);
	const evidence: EvidenceItem[] = [];
	for (const entry of entries) {
		if (entry.evidenceHash === undefined) continue;
		const record = await store.getEvidence(entry.evidenceHash);
		const state =
			record !== undefined ? 'present' : erased.has(entry.evidenceHash) ? 'erased' : 'missing';
		evidence.push({
			hash: entry.evidenceHash,
			seq: entry.seq,
			type: entry.type,
			state,
			...(record !== undefined ? { record } : {}),
		});
	}
	return {
		key: checkedKey,
		status,
		decision,
		ruleSetId: pick('ruleSetId'),
		ruleVersion: pick('ruleVersion'),
		ruleHash: pick('ruleHash'),
		dataPoints:
			decision && isPlainObject(decision.dataPoints)
				? (decision.dataPoints as JsonObject)
				: undefined,
		issuance: status.credential,
		failures: notes('failed'),
		delivery: status.delivered,
		claim: status.claimed,
		revocations: notes('revoked'),
		supersessions: notes('superseded'),
		reviews: status.reviews,
		overrides: status.overrides,
		evidence,
		entries,
	};
}

/** Every credential's current status, in the order credentials first appeared. */
export async function allStatuses(store: LedgerStore): Promise<CredentialStatus[]> {
	const byKey = new Map<string, CredentialStatus>();
	for await (const entry of store.entries()) {
		if (entry.key === SYSTEM_KEY) continue;
		byKey.set(entry.key, applyEntry(byKey.get(entry.key), entry));
	}
	return [...byKey.values()];
}

/** The raw chain, one stored line per line, exactly as signed (complete lines only). */
export async function exportJsonl(store: LedgerStore): Promise<string> {
	const parts: string[] = [];
	for await (const batch of store.readLines()) {
		for (const line of batch) if (line.complete) parts.push(`${line.text}\n`);
	}
	return parts.join('');
}
