import { Sha256HexSchema } from '../../../domain/ledger/entry';
import { LedgerError } from '../../../domain/ledger/errors';
import {
	evidenceOfStoredText,
	storedEvidenceText,
	type EvidenceCipher,
} from '../../../domain/ledger/evidence-cipher';
import type { JsonValue } from '../../../domain/ledger/json';
import type { PgQueryable } from './pg-client';
import type { LedgerTables } from './schema';
import { checkStorableText } from './storable-text';

export async function insertEvidence(
	db: PgQueryable,
	tables: LedgerTables,
	hash: string,
	record: JsonValue,
	cipher: EvidenceCipher | undefined,
): Promise<void> {
	checkEvidenceHash(hash);
	checkStorableText(record, 'evidence');
	const text = storedEvidenceText(hash, record, cipher);
	await db.query(
		`INSERT INTO ${tables.evidence} (hash, record) VALUES ($1, $2) ON CONFLICT (hash) DO NOTHING`,
		[hash, text],
	);
}

export async function selectEvidence(
	db: PgQueryable,
	tables: LedgerTables,
	hash: string,
	cipher: EvidenceCipher | undefined,
): Promise<JsonValue | undefined> {
	checkEvidenceHash(hash);
	const { rows } = await db.query(`SELECT record FROM ${tables.evidence} WHERE hash = $1`, [hash]);
	return rows.length === 0 ? undefined : evidenceOfStoredText(hash, String(rows[0].record), cipher);
}

export function checkEvidenceHash(hash: string): void {
	if (!Sha256HexSchema.safeParse(hash).success) {
		throw new LedgerError('invalid_input', 'An evidence hash must be 64 lowercase hex characters', {
			issues: [
				{ path: 'evidenceHash', message: 'expected a lowercase hex SHA-256 (64 characters)' },
			],
		});
	}
}
