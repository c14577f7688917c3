import { GENESIS_HASH, type ChainHead } from './entry';
import { entryHash, readKeyId, readLineTail, sha256Fast, type LineTail } from './line-format';
import { isPlainObject } from './json';
import { keyringOf, type LedgerVerifier } from './signing';
import type { RecordedHeadObserver, StoredLine } from './store';

export type TamperKind =
	| 'edited'
	| 'deleted'
	| 'reordered'
	| 'inserted'
	| 'bad_signature'
	| 'truncated'
	| 'malformed';

export type VerifyResult =
	| { ok: true; entries: number; head: ChainHead }
	| {
			ok: false;
			/** The seq where the chain first goes wrong: the entry that should be at that place. */
			seq: number;
			kind: TamperKind;
			detail: string;
			lineNumber: number;
			offset: number;
	  };

export interface VerifyOptions {
	/** Every key the chain may have been signed with, across rotations. */
	keyring: ReadonlyArray<LedgerVerifier>;
	/**
	 * A head saved earlier (e.g. a signed-off checkpoint). Without one, losing whole lines at the
	 * end of the chain cannot be told apart from a shorter chain.
	 */
	expectedHead?: ChainHead;
}

/**
 * Reads the lines again from the start; verification needs a second pass only to classify. A
 * store with a head record of its own reports it through the observer (see LedgerStore.readLines).
 */
export type LineSource = (onRecordedHead?: RecordedHeadObserver) => AsyncIterable<StoredLine[]>;

type LineCheck =
	| { authentic: true; tail: LineTail }
	| { authentic: false; kind: 'edited' | 'bad_signature' | 'malformed'; detail: string };

/**
 * Recomputes every hash, checks every signature and every link, and names the first bad entry.
 * Classification: an unauthentic line followed by a line that links to the entry before it was
 * inserted; an authentic line with an earlier seq, or one that appears twice, was inserted
 * (replayed); an authentic line from later in the chain means the expected entry was moved
 * (it appears further on) or deleted (it does not).
 */
export async function verifyChain(
	source: LineSource,
	options: VerifyOptions,
): Promise<VerifyResult> {
	const keyring = keyringOf(options.keyring);
	const expected = options.expectedHead;
	let seq = 1;
	let prevHash = GENESIS_HASH;
	let checkpointHash: string | undefined;
	let recorded: ChainHead | undefined;
	let recordedHash: string | undefined;

	/** Why `line` (the first one that did not verify and link) is bad; `next` helps tell insertions. */
	const explain = async (line: StoredLine, next: StoredLine | undefined): Promise<VerifyResult> => {
		const fail = (kind: TamperKind, detail: string): VerifyResult => ({
			ok: false,
			seq,
			kind,
			detail,
			lineNumber: line.lineNumber,
			offset: line.offset,
		});
		if (!line.complete) {
			return fail(
				'truncated',
				`line ${line.lineNumber} stops after ${line.text.length} characters without a line end`,
			);
		}
		const check = checkLine(line.text, keyring);
		if (!check.authentic) {
			if (next && linksAfter(next, seq, prevHash, keyring)) {
				return fail(
					'inserted',
					`line ${line.lineNumber} is not part of the chain (${check.detail}); the next line continues from entry ${seq - 1}`,
				);
			}
			return fail(check.kind, check.detail);
		}
		const { tail } = check;
		if (line.inconsistency && tail.seq === seq && tail.prevHash === prevHash) {
			return fail(line.inconsistency.kind, line.inconsistency.detail);
		}
		if (tail.seq < seq) {
			return fail(
				'inserted',
				`line ${line.lineNumber} repeats entry ${tail.seq} where entry ${seq} belongs`,
			);
		}
		if (tail.seq === seq) {
			return fail(
				'inserted',
				`entry ${seq} on line ${line.lineNumber} does not link to entry ${seq - 1}`,
			);
		}
		const later = await scanAfter(source, line.lineNumber, seq, tail.hash);
		if (later.duplicate) {
			return fail(
				'inserted',
				`line ${line.lineNumber} holds a copy of entry ${tail.seq}, which appears again later`,
			);
		}
		if (later.foundAt !== undefined) {
			return fail(
				'reordered',
				`entry ${seq} is on line ${later.foundAt}; line ${line.lineNumber} holds entry ${tail.seq}`,
			);
		}
		return fail(
			'deleted',
			`entry ${seq} is missing: line ${line.lineNumber} holds entry ${tail.seq}`,
		);
	};

	// Fast path: one pass, no allocation beyond the tail; the first line that fails it is
	// explained with the help of the line after it.
	let failing: StoredLine | undefined;
	for await (const batch of source((head) => (recorded = head))) {
		for (const line of batch) {
			if (failing) return explain(failing, line);
			const tail = line.complete ? readLineTail(line.text, false) : undefined;
			if (
				tail &&
				tail.seq === seq &&
				tail.prevHash === prevHash &&
				!line.inconsistency &&
				isAuthentic(tail, keyring)
			) {
				if (expected && seq === expected.seq) checkpointHash = tail.hash;
				if (recorded && seq === recorded.seq) recordedHash = tail.hash;
				prevHash = tail.hash;
				seq++;
			} else {
				failing = line;
			}
		}
	}
	if (failing) return explain(failing, undefined);

	const head = { seq: seq - 1, hash: prevHash };
	const mismatch =
		(expected && checkReaches(head, expected, checkpointHash, 'the checkpoint')) ||
		(recorded && checkReaches(head, recorded, recordedHash, "the store's recorded head"));
	if (mismatch) return mismatch;
	return { ok: true, entries: head.seq, head };
}

/** A chain must reach a head it was given (or the store recorded) and pass through it. */
function checkReaches(
	head: ChainHead,
	checkpoint: ChainHead,
	hashThere: string | undefined,
	name: string,
): VerifyResult | undefined {
	const finding = (seq: number, kind: TamperKind, detail: string): VerifyResult => ({
		ok: false,
		seq,
		kind,
		detail,
		lineNumber: seq,
		offset: -1,
	});
	if (head.seq < checkpoint.seq) {
		return finding(
			head.seq + 1,
			'truncated',
			`the chain ends at entry ${head.seq} but ${name} names entry ${checkpoint.seq}`,
		);
	}
	if (checkpoint.seq > 0 && hashThere !== checkpoint.hash) {
		return finding(checkpoint.seq, 'edited', `entry ${checkpoint.seq} differs from ${name}`);
	}
	return undefined;
}

function isAuthentic(tail: LineTail, keyring: ReadonlyMap<string, LedgerVerifier>): boolean {
	if (sha256Fast(tail.bodyText) !== tail.hash) return false;
	const keyId = readKeyId(tail.bodyText);
	const verifier = keyId === undefined ? undefined : keyring.get(keyId);
	return verifier !== undefined && verifier.verify(tail.hash, tail.signature);
}

function checkLine(text: string, keyring: ReadonlyMap<string, LedgerVerifier>): LineCheck {
	const tail = readLineTail(text);
	if (!tail || sha256Fast(tail.bodyText) !== tail.hash) {
		// Same content in another layout (keys reordered, spaces added) is not an edit of the content.
		if (reformatted(text)) {
			return {
				authentic: false,
				kind: 'malformed',
				detail: 'the entry was rewritten in a non-canonical layout',
			};
		}
		if (!tail) {
			return {
				authentic: false,
				kind: 'malformed',
				detail: 'the line is not a ledger entry (its end is not hash and signature)',
			};
		}
		return {
			authentic: false,
			kind: 'edited',
			detail: `the content of entry ${tail.seq} does not match its hash`,
		};
	}
	const keyId = readKeyId(tail.bodyText);
	const verifier = keyId === undefined ? undefined : keyring.get(keyId);
	if (!verifier) {
		return {
			authentic: false,
			kind: 'bad_signature',
			detail: `entry ${tail.seq} is signed with key id ${JSON.stringify(keyId ?? '')}, which is not in the keyring`,
		};
	}
	if (!verifier.verify(tail.hash, tail.signature)) {
		return {
			authentic: false,
			kind: 'bad_signature',
			detail: `the signature of entry ${tail.seq} does not verify with key "${verifier.keyId}"`,
		};
	}
	return { authentic: true, tail };
}

/** Whether a line is the authentic entry `seq` linked to `prevHash`. */
function linksAfter(
	line: StoredLine,
	seq: number,
	prevHash: string,
	keyring: ReadonlyMap<string, LedgerVerifier>,
): boolean {
	if (!line.complete) return false;
	const check = checkLine(line.text, keyring);
	return check.authentic && check.tail.seq === seq && check.tail.prevHash === prevHash;
}

function reformatted(text: string): boolean {
	try {
		const parsed: unknown = JSON.parse(text);
		if (!isPlainObject(parsed) || typeof parsed.hash !== 'string') return false;
		return entryHash(parsed) === parsed.hash;
	} catch {
		return false;
	}
}

async function scanAfter(
	source: LineSource,
	lineNumber: number,
	missingSeq: number,
	hash: string,
): Promise<{ foundAt?: number; duplicate: boolean }> {
	let foundAt: number | undefined;
	for await (const batch of source()) {
		for (const line of batch) {
			if (line.lineNumber <= lineNumber || !line.complete) continue;
			const tail = readLineTail(line.text);
			if (!tail) continue;
			if (tail.hash === hash) return { foundAt, duplicate: true };
			if (
				tail.seq === missingSeq &&
				foundAt === undefined &&
				sha256Fast(tail.bodyText) === tail.hash
			) {
				foundAt = line.lineNumber;
			}
		}
	}
	return { foundAt, duplicate: false };
}
