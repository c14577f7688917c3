import { SYSTEM_KEY, draftOf, type EntryDraft } from './entry';
import { foldCredential } from './credential-state';
import { invalidInput } from './errors';
import { checkActor, instantOf } from './inputs';
import type { LedgerStore } from './store';

export interface ErasureReport {
	/** Evidence files deleted by this call. */
	erased: number;
	keys: string[];
	/** Seqs of the `erased` entries appended. */
	entries: number[];
}

/**
 * Deletes private evidence recorded before `olderThan`. The chain first gains one `erased`
 * entry per credential naming the evidence hashes (durable before anything is deleted, so a
 * crash in between leaves a record and a retry finishes the job); entries commit to evidence by
 * hash only, so the chain still verifies afterwards.
 */
export async function erasePersonalData(
	store: LedgerStore,
	options: { olderThan: Date | string; now?: Date | string; actor: string },
	clock: () => Date,
): Promise<ErasureReport> {
	const actor = checkActor(options.actor);
	const at = instantOf(options.now, clock);
	const cutoff = instantOf(options.olderThan, clock, 'olderThan');
	if (Date.parse(cutoff) > Date.parse(at)) {
		throw invalidInput('erasure request', [
			{
				path: 'olderThan',
				message: `received ${cutoff}; expected a time no later than now (${at})`,
			},
		]);
	}
	const candidates = new Map<string, Set<string>>();
	for await (const entry of store.entries()) {
		if (
			entry.evidenceHash === undefined ||
			entry.key === SYSTEM_KEY ||
			Date.parse(entry.at) >= Date.parse(cutoff)
		)
			continue;
		const hashes = candidates.get(entry.key) ?? new Set<string>();
		hashes.add(entry.evidenceHash);
		candidates.set(entry.key, hashes);
	}
	const { entries } = await store.transact(async (view) => {
		const drafts: EntryDraft[] = [];
		for (const [key, hashes] of candidates) {
			const status = foldCredential(await view.entriesFor(key));
			const fresh = [...hashes].filter((hash) => !status?.erasedEvidenceHashes.includes(hash));
			if (fresh.length === 0) continue;
			drafts.push(
				draftOf('erased', key, at, actor, {
					evidenceHashes: fresh,
					olderThan: cutoff,
					reason: 'retention period ended',
				}),
			);
		}
		return { drafts, value: undefined };
	});
	let erased = 0;
	const keys = new Set(entries.map((entry) => entry.key));
	for (const [key, hashes] of candidates) {
		for (const hash of hashes) {
			if (!(await store.eraseEvidence(hash))) continue;
			erased++;
			keys.add(key);
		}
	}
	return { erased, keys: [...keys], entries: entries.map((entry) => entry.seq) };
}
