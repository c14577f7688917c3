import { open, stat } from 'node:fs/promises';

import { EMPTY_HEAD, type ChainHead, type LedgerEntry } from '../../../domain/ledger/entry';
import { LedgerError } from '../../../domain/ledger/errors';
import { parseEntryLine } from '../../../domain/ledger/line-format';
import type { ChainHealth } from '../../../domain/ledger/store';
import { readChainLines } from './chain-lines';

/**
 * In-memory index of a chain file: the head, and where each key's lines are (byte offset and
 * length, not the entries themselves, so a million entries cost tens of megabytes, not gigabytes).
 * Kept current by reading only the bytes appended since the last look, by this process or others.
 */
export class ChainIndex {
	head: ChainHead = EMPTY_HEAD;
	/** The last entry's key id and signature, to catch a wrong signing key before appending. */
	lastSeal: { seq: number; hash: string; keyId: string; signature: string } | undefined;
	/** Bytes of complete lines indexed so far. */
	size = 0;
	lineCount = 0;
	health: ChainHealth = { status: 'ok', head: EMPTY_HEAD, entries: 0 };
	private byKey = new Map<string, number[]>();
	private byLearner = new Map<string, Set<string>>();
	private byCredential = new Map<string, Set<string>>();

	constructor(readonly path: string) {}

	/**
	 * Reads what was appended since the last call. Only a caller holding the folder lock may call
	 * an incomplete last line torn: without the lock it may be another process's write in progress.
	 */
	async catchUp(locked: boolean): Promise<void> {
		const size = (await stat(this.path)).size;
		if (size < this.size) this.reset();
		if (size === this.size) {
			if (this.health.status !== 'malformed') this.health = this.okHealth();
			return;
		}
		let rereadFromStart = false;
		const start = this.size;
		const linkedTo = this.lineCount > 0 ? this.head.hash : undefined;
		for await (const batch of readChainLines(this.path, {
			from: this.size,
			firstLineNumber: this.lineCount + 1,
		})) {
			for (const line of batch) {
				if (!line.complete) {
					if (locked) {
						this.health = {
							status: 'torn_tail',
							offset: line.offset,
							seq: this.head.seq + 1,
							length: size - line.offset,
							head: this.head,
						};
					}
					return;
				}
				const read = parseEntryLine(line.text);
				if (!read.ok) {
					this.health = {
						status: 'malformed',
						offset: line.offset,
						lineNumber: line.lineNumber,
						seq: this.head.seq + 1,
						problem: read.problem,
					};
					return;
				}
				if (line.offset === start && linkedTo !== undefined && read.entry.prevHash !== linkedTo) {
					// Earlier bytes changed under us (restored backup, manual edit): index from scratch.
					rereadFromStart = true;
					break;
				}
				this.add(read.entry, line.offset, line.offset + Buffer.byteLength(line.text) + 1);
			}
			if (rereadFromStart) break;
		}
		if (rereadFromStart) {
			this.reset();
			return this.catchUp(locked);
		}
		this.health = this.okHealth();
	}

	/** Records an entry whose line spans [offset, end). */
	add(entry: LedgerEntry, offset: number, end: number): void {
		this.head = { seq: entry.seq, hash: entry.hash };
		this.lastSeal = {
			seq: entry.seq,
			hash: entry.hash,
			keyId: entry.keyId,
			signature: entry.signature,
		};
		this.size = end;
		this.lineCount++;
		const spans = this.byKey.get(entry.key);
		if (spans) spans.push(offset, end - offset);
		else this.byKey.set(entry.key, [offset, end - offset]);
		const learnerId = learnerOf(entry);
		if (learnerId !== undefined) addKey(this.byLearner, learnerId, entry.key);
		const credential = credentialOf(entry);
		if (credential !== undefined) addKey(this.byCredential, credential, entry.key);
	}

	keysOf(learnerId: string): string[] {
		return [...(this.byLearner.get(learnerId) ?? [])];
	}

	keysOfCredential(platform: string, externalId: string): string[] {
		return [...(this.byCredential.get(credentialIndexKey(platform, externalId)) ?? [])];
	}

	async entriesFor(key: string): Promise<LedgerEntry[]> {
		const spans = this.byKey.get(key);
		if (!spans) return [];
		const handle = await open(this.path, 'r');
		try {
			const entries: LedgerEntry[] = [];
			for (let i = 0; i < spans.length; i += 2) {
				const buffer = Buffer.allocUnsafe(spans[i + 1]);
				await handle.read(buffer, 0, buffer.length, spans[i]);
				const read = parseEntryLine(buffer.toString('utf8', 0, buffer.length - 1));
				if (!read.ok) {
					throw new LedgerError(
						'malformed_line',
						`The chain line at byte ${spans[i]} changed and cannot be read: ${read.problem}`,
						{
							details: { offset: spans[i] },
						},
					);
				}
				entries.push(read.entry);
			}
			return entries;
		} finally {
			await handle.close();
		}
	}

	okHealth(): ChainHealth {
		return { status: 'ok', head: this.head, entries: this.lineCount };
	}

	private reset(): void {
		this.head = EMPTY_HEAD;
		this.lastSeal = undefined;
		this.size = 0;
		this.lineCount = 0;
		this.byKey = new Map();
		this.byLearner = new Map();
		this.byCredential = new Map();
		this.health = this.okHealth();
	}
}

function learnerOf(entry: LedgerEntry): string | undefined {
	if (entry.type !== 'decided') return undefined;
	const subject = entry.payload.subject;
	if (typeof subject !== 'object' || subject === null || Array.isArray(subject)) return undefined;
	const learnerId = subject.learnerId;
	return typeof learnerId === 'string' ? learnerId : undefined;
}

/** Platform and external id of an `issued` entry, as one map key (JSON keeps the pair apart). */
function credentialOf(entry: LedgerEntry): string | undefined {
	if (entry.type !== 'issued') return undefined;
	const { platform, externalId } = entry.payload;
	if (typeof platform !== 'string' || typeof externalId !== 'string') return undefined;
	return credentialIndexKey(platform, externalId);
}

function credentialIndexKey(platform: string, externalId: string): string {
	return JSON.stringify([platform, externalId]);
}

function addKey(index: Map<string, Set<string>>, by: string, key: string): void {
	const keys = index.get(by) ?? new Set<string>();
	keys.add(key);
	index.set(by, keys);
}

/** The error a writer raises while the chain is not healthy. */
export function unhealthyError(health: ChainHealth): LedgerError | undefined {
	if (health.status === 'torn_tail') {
		return new LedgerError(
			'torn_tail',
			`The chain ends in an incomplete line at byte ${health.offset} (it would have been entry ${health.seq}, ${health.length} bytes), probably from a crash or power loss. Nothing was dropped; run the repair to move it aside before appending.`,
			{ details: { offset: health.offset, seq: health.seq, length: health.length } },
		);
	}
	if (health.status === 'malformed') {
		return new LedgerError(
			'malformed_line',
			`Line ${health.lineNumber} of the chain (byte ${health.offset}, entry ${health.seq}) cannot be read: ${health.problem}. Run Verify for details; nothing is appended until it is fixed.`,
			{ details: { offset: health.offset, line: health.lineNumber, seq: health.seq } },
		);
	}
	return undefined;
}
