import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, unlink } from 'node:fs/promises';
import { join } from 'node:path';

import { Sha256HexSchema } from '../../../domain/ledger/entry';
import {
	evidenceOfStoredText,
	storedEvidenceText,
	type EvidenceCipher,
} from '../../../domain/ledger/evidence-cipher';
import { LedgerError } from '../../../domain/ledger/errors';
import type { JsonValue } from '../../../domain/ledger/json';
import { syncFolder } from './sync-folder';

/** Evidence files written (and synced) concurrently by putMany; more only holds more open. */
const FILES_AT_ONCE = 32;

/**
 * Private evidence, one file per evidence hash, kept out of the chain so it can be erased after
 * retention. Files are readable by the owner only: they hold personal data, encrypted when a
 * cipher is given (files written before keep reading as plain JSON).
 */
export class EvidenceFolder {
	constructor(
		private readonly folder: string,
		private readonly durable: boolean,
		private readonly cipher?: EvidenceCipher,
	) {}

	async put(hash: string, record: JsonValue): Promise<void> {
		await this.putMany([[hash, record]]);
	}

	/**
	 * Several records at once: each file written aside, synced and renamed, a few dozen at a
	 * time, then the folder synced once for all of them. Resolves only when every record is on
	 * disk. A failure is thrown after the others settled; files already renamed stay (a record
	 * under its hash is complete, and may be an earlier one's).
	 */
	async putMany(records: ReadonlyArray<readonly [string, JsonValue]>): Promise<void> {
		if (records.length === 0) return;
		for (const [hash] of records) checkHash(hash);
		await mkdir(this.folder, { recursive: true, mode: 0o700 });
		for (let start = 0; start < records.length; start += FILES_AT_ONCE) {
			const results = await Promise.allSettled(
				records
					.slice(start, start + FILES_AT_ONCE)
					.map(async ([hash, record]) => await this.writeFile(hash, record)),
			);
			const failed = results.find((result) => result.status === 'rejected');
			if (failed) throw (failed as PromiseRejectedResult).reason;
		}
		if (this.durable) await syncFolder(this.folder);
	}

	private async writeFile(hash: string, record: JsonValue): Promise<void> {
		const text = storedEvidenceText(hash, record, this.cipher);
		const target = this.pathOf(hash);
		// Write aside and rename, so a crash never leaves half a file under the final name.
		const temp = `${target}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
		const handle = await open(temp, 'wx', 0o600);
		try {
			await handle.writeFile(text);
			if (this.durable) await handle.datasync();
		} finally {
			await handle.close();
		}
		await rename(temp, target);
	}

	async get(hash: string): Promise<JsonValue | undefined> {
		checkHash(hash);
		const text = await readFile(this.pathOf(hash), 'utf8').catch((error: NodeJS.ErrnoException) => {
			if (error.code === 'ENOENT') return undefined;
			throw error;
		});
		return text === undefined ? undefined : evidenceOfStoredText(hash, text, this.cipher);
	}

	async erase(hash: string): Promise<boolean> {
		checkHash(hash);
		const removed = await unlink(this.pathOf(hash)).then(
			() => true,
			(error: NodeJS.ErrnoException) => {
				if (error.code === 'ENOENT') return false;
				throw error;
			},
		);
		if (removed && this.durable) await syncFolder(this.folder);
		return removed;
	}

	private pathOf(hash: string): string {
		return join(this.folder, `${hash}.json`);
	}
}

function checkHash(hash: string): void {
	if (!Sha256HexSchema.safeParse(hash).success) {
		throw new LedgerError('invalid_input', 'An evidence hash must be 64 lowercase hex characters', {
			issues: [
				{ path: 'evidenceHash', message: 'expected a lowercase hex SHA-256 (64 characters)' },
			],
		});
	}
}
