import type { ChainHead, LedgerEntry } from '../../../domain/ledger/entry';
import { LedgerError } from '../../../domain/ledger/errors';
import { isPlainObject } from '../../../domain/ledger/json';
import { parseEntryLine, readLineTail } from '../../../domain/ledger/line-format';
import type { PgQueryable } from './pg-client';
import type { LedgerTables } from './schema';
import type { StoredLine } from '../../../domain/ledger/store';

/** The plain columns kept beside each signed line, in table order after seq. */
export interface EntryColumns {
	key: unknown;
	type: unknown;
	attempt: number | null;
	learner_id: string | null;
	hash: unknown;
}

type EntryFields = Pick<LedgerEntry, 'key' | 'type' | 'payload' | 'hash'>;

export function columnsOf(entry: EntryFields): EntryColumns {
	return {
		key: entry.key,
		type: entry.type,
		attempt: attemptOf(entry),
		learner_id: learnerOf(entry),
		hash: entry.hash,
	};
}

function attemptOf(entry: EntryFields): number | null {
	return entry.type === 'reserved' && typeof entry.payload.attempt === 'number'
		? entry.payload.attempt
		: null;
}

function learnerOf(entry: EntryFields): string | null {
	if (entry.type !== 'decided' || !isPlainObject(entry.payload.subject)) return null;
	const learnerId = entry.payload.subject.learnerId;
	return typeof learnerId === 'string' ? learnerId : null;
}

/**
 * Why a stored row disagrees with its own signed line: a column edited behind the ledger's back,
 * or a row past the recorded head. Unreadable lines are left to verification to classify.
 */
export function rowInconsistency(
	row: Record<string, unknown>,
	headSeq: number,
): StoredLine['inconsistency'] {
	const seq = Number(row.seq);
	if (seq > headSeq) {
		return {
			kind: 'inserted',
			detail: `row ${seq} lies past the head row, which names entry ${headSeq}`,
		};
	}
	let signed: unknown;
	try {
		signed = JSON.parse(String(row.line));
	} catch {
		return undefined;
	}
	if (!isPlainObject(signed) || !isPlainObject(signed.payload)) return undefined;
	const expected = columnsOf(signed as unknown as EntryFields);
	const stored: EntryColumns = {
		key: row.key,
		type: row.type,
		attempt: row.attempt === null ? null : Number(row.attempt),
		learner_id: row.learner_id === null ? null : String(row.learner_id),
		hash: row.hash,
	};
	const column = (Object.keys(expected) as Array<keyof EntryColumns>).find(
		(name) => stored[name] !== expected[name],
	);
	return column === undefined
		? undefined
		: {
				kind: 'edited',
				detail: `the ${column} column of row ${seq} differs from its signed entry`,
			};
}

export function readEntry(text: string, where: number): LedgerEntry {
	const read = parseEntryLine(text);
	if (read.ok) return read.entry;
	throw new LedgerError(
		'malformed_line',
		`The stored entry at row ${where} cannot be read: ${read.problem}`,
		{ details: { line: where } },
	);
}

/**
 * The head row is the chain's checkpoint: rows deleted below it or added past it mean the
 * table was changed behind the ledger's back, and appending on top would bury that.
 */
export async function checkLastRowIsHead(
	client: PgQueryable,
	tables: LedgerTables,
	head: ChainHead,
): Promise<void> {
	const { rows } = await client.query(
		`SELECT seq, line FROM ${tables.entries} ORDER BY seq DESC LIMIT 1`,
	);
	const lastSeq = rows.length === 0 ? 0 : Number(rows[0].seq);
	const tail = rows.length === 0 ? undefined : readLineTail(String(rows[0].line));
	const lastHash = rows.length === 0 ? head.hash : tail?.hash;
	if (lastSeq === head.seq && lastHash === head.hash && (tail?.seq ?? 0) === head.seq) return;
	throw new LedgerError(
		'malformed_line',
		`The ledger's head row names entry ${head.seq} but the last stored row is entry ${lastSeq} or differs from it: rows were changed outside the ledger. Nothing was written; run Verify to find the first bad entry.`,
		{ details: { line: lastSeq } },
	);
}
