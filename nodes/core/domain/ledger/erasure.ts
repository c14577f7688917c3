import { SYSTEM_KEY, draftOf, type EntryDraft } from './entry';
import { foldCredential } from './credential-state';
import { invalidInput } from './errors';
import { checkActor, instantOf } from './inputs';
import {
	retentionCutoffs,
	retentionDaysOf,
	retentionKindOf,
	type RetentionDays,
	type RetentionKind,
} from './retention';
import type { LedgerStore } from './store';

export interface ErasureReport {
	/** Evidence files deleted by this call. */
	erased: number;
	keys: string[];
	/** Seqs of the `erased` entries appended. */
	entries: number[];
}

export interface ErasureOptions {
	/** One cut-off for every record kind; without it each kind keeps its retention period. */
	olderThan?: Date | string;
	/** Days per record kind (defaults: DEFAULT_RETENTION_DAYS), counted back from `now`. */
	retentionDays?: Partial<RetentionDays>;
	now?: Date | string;
	actor: string;
}

/**
 * Deletes private evidence that outlived the retention period of its credential's record kind
 * (see retention.ts). The chain first gains one `erased` entry per credential naming the
 * evidence hashes (durable before anything is deleted, so a crash in between leaves a record and
 * a retry finishes the job); entries commit to evidence by hash only, so the chain still
 * verifies afterwards.
 */
export async function erasePersonalData(
	store: LedgerStore,
	options: ErasureOptions,
	clock: () => Date,
): Promise<ErasureReport> {
	const actor = checkActor(options.actor);
	const at = instantOf(options.now, clock);
	const cutoffs = cutoffsOf(options, at, clock);
	const candidates = await expiredEvidence(store, cutoffs);
	const { entries } = await store.transact(async (view) => {
		const drafts: EntryDraft[] = [];
		for (const [key, { kind, hashes }] of candidates) {
			const status = foldCredential(await view.entriesFor(key));
			const fresh = [...hashes].filter((hash) => !status?.erasedEvidenceHashes.includes(hash));
			if (fresh.length === 0) continue;
			drafts.push(
				draftOf('erased', key, at, actor, {
					evidenceHashes: fresh,
					olderThan: cutoffs[kind],
					recordKind: kind,
					reason: 'retention period ended',
				}),
			);
		}
		return { drafts, value: undefined };
	});
	let erased = 0;
	const keys = new Set(entries.map((entry) => entry.key));
	for (const [key, { hashes }] of candidates) {
		for (const hash of hashes) {
			if (!(await store.eraseEvidence(hash))) continue;
			erased++;
			keys.add(key);
		}
	}
	return { erased, keys: [...keys], entries: entries.map((entry) => entry.seq) };
}

function cutoffsOf(
	options: ErasureOptions,
	at: string,
	clock: () => Date,
): Record<RetentionKind, string> {
	if (options.olderThan === undefined) {
		return retentionCutoffs(at, retentionDaysOf(options.retentionDays));
	}
	if (options.retentionDays !== undefined) {
		throw invalidInput('erasure request', [
			{ path: 'olderThan', message: 'give either olderThan or retentionDays, not both' },
		]);
	}
	const cutoff = instantOf(options.olderThan, clock, 'olderThan');
	if (Date.parse(cutoff) > Date.parse(at)) {
		throw invalidInput('erasure request', [
			{
				path: 'olderThan',
				message: `received ${cutoff}; expected a time no later than now (${at})`,
			},
		]);
	}
	return { courseCredential: cutoff, cpeRecord: cutoff };
}

interface ExpiredEvidence {
	kind: RetentionKind;
	hashes: Set<string>;
}

/** Per credential, the evidence recorded before the cut-off of the credential's record kind. */
async function expiredEvidence(
	store: LedgerStore,
	cutoffs: Record<RetentionKind, string>,
): Promise<Map<string, ExpiredEvidence>> {
	// The kind may show only in a later entry (the issued one), so it is settled after the scan.
	const seen = new Map<string, { kind: RetentionKind; evidence: Array<[string, string]> }>();
	for await (const entry of store.entries()) {
		if (entry.key === SYSTEM_KEY) continue;
		const record = seen.get(entry.key) ?? { kind: 'courseCredential', evidence: [] };
		record.kind = retentionKindOf(entry) ?? record.kind;
		if (entry.evidenceHash !== undefined) record.evidence.push([entry.evidenceHash, entry.at]);
		seen.set(entry.key, record);
	}
	const expired = new Map<string, ExpiredEvidence>();
	for (const [key, { kind, evidence }] of seen) {
		const cutoff = Date.parse(cutoffs[kind]);
		const hashes = new Set(evidence.filter(([, at]) => Date.parse(at) < cutoff).map(([h]) => h));
		if (hashes.size > 0) expired.set(key, { kind, hashes });
	}
	return expired;
}
