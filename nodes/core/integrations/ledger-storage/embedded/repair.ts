import { createHash } from 'node:crypto';
import { mkdir, open, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { EntryDraftSchema, SYSTEM_KEY } from '../../../domain/ledger/entry';
import { parseOrThrow } from '../../../domain/ledger/errors';
import { sealEntry } from '../../../domain/ledger/line-format';
import type { LedgerSigner } from '../../../domain/ledger/signing';
import type { RepairReport } from '../../../domain/ledger/store';
import type { HeldLock } from './folder-lock';
import type { FolderState } from './folder-state';
import { syncFolder } from './sync-folder';

/**
 * Moves an incomplete last line (a write cut short by a crash or power loss) into quarantine/,
 * cuts the chain back to its last complete line and appends an `override` entry saying what was
 * moved, where, and its SHA-256, so the repair itself is on the record. Called with the folder
 * lock held; does nothing unless the chain really ends in a torn line.
 */
export async function quarantineTornTail(
	state: FolderState,
	lock: HeldLock,
	signer: LedgerSigner,
	options: { actor: string; at: string },
	durable: boolean,
): Promise<RepairReport> {
	const health = state.index.health;
	if (health.status !== 'torn_tail') return { repaired: false };
	const draftCheck = { actor: options.actor, at: options.at };
	parseOrThrow(EntryDraftSchema.pick({ actor: true, at: true }), draftCheck, 'repair request');

	const chain = await open(state.chainPath, 'r+');
	try {
		const torn = Buffer.alloc(health.length);
		await chain.read(torn, 0, torn.length, health.offset);
		await mkdir(state.quarantinePath, { recursive: true, mode: 0o700 });
		const name = `chain-torn-at-${health.offset}-${options.at.replace(/[:.]/g, '-')}.bin`;
		await writeFile(join(state.quarantinePath, name), torn, { mode: 0o600, flag: 'wx' });
		if (durable) await syncFolder(state.quarantinePath);

		const draft = parseOrThrow(
			EntryDraftSchema,
			{
				type: 'override',
				key: SYSTEM_KEY,
				at: options.at,
				actor: options.actor,
				payload: {
					action: 'quarantine_torn_tail',
					reason: 'the chain ended in an incomplete line (interrupted write)',
					offset: health.offset,
					length: health.length,
					sha256: createHash('sha256').update(torn).digest('hex'),
					quarantinedAs: `quarantine/${name}`,
				},
			},
			'repair entry',
		);
		const sealed = sealEntry(draft, state.index.head, signer);
		if (!lock.stillHeld()) throw new Error('lock lost during repair');
		await chain.truncate(health.offset);
		const line = Buffer.from(`${sealed.line}\n`, 'utf8');
		await chain.write(line, 0, line.length, health.offset);
		if (durable) await chain.datasync();
		state.index.add(sealed.entry, health.offset, health.offset + line.length);
		state.index.health = state.index.okHealth();
		return {
			repaired: true,
			offset: health.offset,
			length: health.length,
			quarantinedAs: `quarantine/${name}`,
			entry: sealed.entry,
		};
	} finally {
		await chain.close();
	}
}
