import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { hmacSigner, sealEntry, type ChainHead, type EntryDraft, type LedgerEntry, type TamperKind, type VerifyResult } from '../../../../nodes/core/domain/ledger';
import { EmbeddedStore } from '../../../../nodes/core/integrations/ledger-storage';
import { tempFolder, testSigner } from './fixtures';
import { between, pick, seededRandom } from './random';

export const CHAIN_LENGTH = 40;
const WRONG = hmacSigner({ keyId: 'k1', secret: 'an-attacker-secret-of-enough-length' });

function drafts(random: () => number): EntryDraft[] {
	const types = ['decided', 'reserved', 'issued', 'delivered', 'review'] as const;
	return Array.from({ length: CHAIN_LENGTH }, (_, i) => ({
		type: pick(random, types),
		key: `key-${between(random, 1, 12)}`,
		at: new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString(),
		actor: `workflow:${between(random, 1, 5)}`,
		payload: {
			n: i,
			note: `Zoë ✓ ${Math.floor(random() * 1e6)}`,
			nested: { list: [1, 'two', null, true], q: 'say "hi"' },
		},
		...(random() < 0.5 ? { evidenceHash: 'e'.repeat(64) } : {}),
	}));
}

export async function buildChain(): Promise<{
	lines: string[];
	head: ChainHead;
	entries: LedgerEntry[];
}> {
	const folder = tempFolder();
	const store = await EmbeddedStore.open({ folder, signer: testSigner(), durability: 'write' });
	const entries = await store.append(drafts(seededRandom(99)));
	const head = await store.head();
	await store.close();
	const lines = readFileSync(join(folder, 'chain.jsonl'), 'utf8').split('\n').slice(0, -1);
	return { lines, head, entries };
}

export interface Tampering {
	name: string;
	text: string;
	seq: number;
	kind: TamperKind;
}

function payloadRange(line: string): [number, number] {
	return [line.indexOf('"payload":{') + 11, line.indexOf(',"prevHash"') - 1];
}

function editByte(line: string, random: () => number): string {
	const [from, to] = payloadRange(line);
	const at = between(random, from, to - 1);
	const replacement = line[at] === 'x' ? 'y' : 'x';
	return line.slice(0, at) + replacement + line.slice(at + 1);
}

function resign(line: string, entries: LedgerEntry[], index: number, edit: boolean): string {
	const entry = entries[index];
	const { type, key, at, actor, payload, evidenceHash } = entry;
	const draft: EntryDraft = {
		type,
		key,
		at,
		actor,
		payload: edit ? { ...payload, n: -1 } : payload,
		...(evidenceHash ? { evidenceHash } : {}),
	};
	const head = { seq: entry.seq - 1, hash: entry.prevHash };
	const forged = sealEntry(draft, head, WRONG).line;
	return edit
		? forged
		: line.replace(
				/"signature":"[^"]+"/,
				forged.slice(forged.indexOf('"signature":')).slice(0, -1),
			);
}

/** One seeded random tampering of the chain's lines, with where and how it must be detected. */
export function tamper(random: () => number, lines: string[], entries: LedgerEntry[]): Tampering {
	const n = lines.length;
	const join = (ls: string[]) => `${ls.join('\n')}\n`;
	const kind = pick(random, [
		'edit',
		'delete',
		'swap',
		'insert',
		'replay',
		'truncate',
		'resign',
	] as const);
	const i = between(random, 0, n - 1);
	switch (kind) {
		case 'edit': {
			const copy = [...lines];
			copy[i] = editByte(copy[i], random);
			return {
				name: `edit a payload byte of line ${i + 1}`,
				text: join(copy),
				seq: i + 1,
				kind: 'edited',
			};
		}
		case 'delete': {
			const copy = lines.filter((_, j) => j !== i);
			return i === n - 1
				? { name: 'delete the last line', text: join(copy), seq: n, kind: 'truncated' }
				: { name: `delete line ${i + 1}`, text: join(copy), seq: i + 1, kind: 'deleted' };
		}
		case 'swap': {
			const j = between(random, 0, n - 2);
			const [a, b] = j >= i ? [i, j + 1] : [j, i];
			const copy = [...lines];
			[copy[a], copy[b]] = [copy[b], copy[a]];
			return {
				name: `swap lines ${a + 1} and ${b + 1}`,
				text: join(copy),
				seq: a + 1,
				kind: 'reordered',
			};
		}
		case 'insert': {
			const p = between(random, 0, n);
			const head = { seq: p, hash: p === 0 ? '0'.repeat(64) : entries[p - 1].hash };
			const forged = sealEntry(
				{
					type: 'issued',
					key: 'key-1',
					at: '2026-01-02T00:00:00.000Z',
					actor: 'intruder',
					payload: { platform: 'x', externalId: 'fake' },
				},
				head,
				WRONG,
			).line;
			const copy = [...lines.slice(0, p), forged, ...lines.slice(p)];
			return p === n
				? { name: 'append a forged line', text: join(copy), seq: n + 1, kind: 'bad_signature' }
				: {
						name: `insert a forged line before line ${p + 1}`,
						text: join(copy),
						seq: p + 1,
						kind: 'inserted',
					};
		}
		case 'replay': {
			const p = between(random, 0, n);
			const copy = [...lines.slice(0, p), lines[i], ...lines.slice(p)];
			// A copy placed right before its original is only out of place at the second copy.
			return {
				name: `replay line ${i + 1} at position ${p + 1}`,
				text: join(copy),
				seq: i === p ? p + 2 : p + 1,
				kind: 'inserted',
			};
		}
		case 'truncate': {
			const text = join(lines);
			const cut = between(random, 1, text.length - 1);
			const kept = text.slice(0, cut);
			return {
				name: `truncate at byte ${cut}`,
				text: kept,
				seq: kept.split('\n').length,
				kind: 'truncated',
			};
		}
		case 'resign': {
			const copy = [...lines];
			const edit = random() < 0.5;
			copy[i] = resign(copy[i], entries, i, edit);
			return {
				name: `${edit ? 'edit and ' : ''}re-sign line ${i + 1} with a wrong key`,
				text: join(copy),
				seq: i + 1,
				kind: 'bad_signature',
			};
		}
	}
}

export type BuiltChain = Awaited<ReturnType<typeof buildChain>>;

/** Every kind the seeded tamperings must produce several times over. */
export const TAMPER_KINDS = [
	'edited',
	'deleted',
	'reordered',
	'inserted',
	'bad_signature',
	'truncated',
] as const;

/**
 * The shared tamper table: `rounds` seeded random tamperings of `chain`, each stored and verified
 * by `verify` (a file, memory, a database), with the cases not detected at the right seq with the
 * right kind, and how often each kind came up.
 */
export async function runTamperings(
	chain: BuiltChain,
	verify: (tampering: Tampering, round: number) => Promise<VerifyResult>,
	rounds = 200,
): Promise<{ misses: string[]; seen: Map<TamperKind, number> }> {
	const random = seededRandom(2026);
	const seen = new Map<TamperKind, number>();
	const misses: string[] = [];
	for (let round = 0; round < rounds; round++) {
		const t = tamper(random, chain.lines, chain.entries);
		const result = await verify(t, round);
		if (result.ok || result.seq !== t.seq || result.kind !== t.kind) {
			misses.push(`${t.name}: expected ${t.kind} at ${t.seq}, got ${JSON.stringify(result)}`);
		}
		seen.set(t.kind, (seen.get(t.kind) ?? 0) + 1);
	}
	return { misses, seen };
}
