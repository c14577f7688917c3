import { canonicalJson, sha256Hex } from '../../../domain/canonical';
import { Sha256HexSchema } from '../../../domain/ledger/entry';
import { LedgerError } from '../../../domain/ledger/errors';
import type { JsonValue } from '../../../domain/ledger/json';
import type { PgQueryable } from './pg-client';
import type { LedgerTables } from './schema';
import { checkStorableText } from './storable-text';

export async function insertEvidence(
	db: PgQueryable,
	tables: LedgerTables,
	hash: string,
	record: JsonValue,
): Promise<void> {
	checkEvidenceHash(hash);
	checkStorableText(record, 'evidence');
	const text = canonicalJson(record);
	if (sha256Hex(text) !== hash)
		throw new LedgerError('invalid_input', `Evidence does not match its hash ${hash}`);
	await db.query(
		`INSERT INTO ${tables.evidence} (hash, record) VALUES ($1, $2) ON CONFLICT (hash) DO NOTHING`,
		[hash, text],
	);
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
