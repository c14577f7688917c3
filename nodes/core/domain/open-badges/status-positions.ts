import { createHash, createHmac } from 'node:crypto';

/**
 * A keyed permutation of 0..size-1: which bit of a status list a credential gets. The ledger
 * hands out positions in issue order (exactly once, across workers); the Bitstring Status List
 * spec asks that indexes not reveal that order, so each list scrambles its slots with a small
 * Feistel network keyed by a secret only the issuer holds. A permutation never maps two inputs
 * to one output, so scrambled positions can never collide.
 */
export class KeyedPermutation {
	private readonly halfBits: number;
	private readonly rounds: Uint16Array[];

	constructor(
		secret: Buffer,
		/** Separates the permutations of different lists under one secret. */
		label: string,
		readonly size: number,
	) {
		const bits = Math.max(2, Math.ceil(Math.log2(size)));
		this.halfBits = Math.ceil(bits / 2);
		const entries = 1 << this.halfBits;
		// Four rounds with independent round functions: a pseudo-random permutation (Luby-Rackoff).
		// Each round function is a table drawn from HMAC-SHA256, so a position costs table reads.
		this.rounds = [0, 1, 2, 3].map((round) => {
			const table = new Uint16Array(entries);
			for (let block = 0; block * 16 < entries; block++) {
				const bytes = createHmac('sha256', secret).update(`${label}|${round}|${block}`).digest();
				for (let i = 0; i < 16 && block * 16 + i < entries; i++)
					table[block * 16 + i] = bytes.readUInt16BE(i * 2) & (entries - 1);
			}
			return table;
		});
	}

	/** The scrambled slot of `position` (0..size-1). */
	apply(position: number): number {
		if (!Number.isInteger(position) || position < 0 || position >= this.size)
			throw new RangeError(`position ${position} is outside 0..${this.size - 1}`);
		// Cycle-walking: the network permutes 0..2^(2*halfBits)-1; values past size walk on until
		// they land inside, which keeps the result a permutation of 0..size-1.
		let value = position;
		do value = this.feistel(value);
		while (value >= this.size);
		return value;
	}

	private feistel(value: number): number {
		const mask = (1 << this.halfBits) - 1;
		let left = value >>> this.halfBits;
		let right = value & mask;
		for (const table of this.rounds) [left, right] = [right, left ^ table[right]];
		return (left << this.halfBits) | right;
	}
}

/** A short public name of a secret: tells which permutation a ledger entry was placed with. */
export function permutationId(secret: Buffer): string {
	return `keyed-${createHash('sha256').update(secret).digest('hex').slice(0, 16)}`;
}
