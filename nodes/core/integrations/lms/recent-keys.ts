/** How many business keys one push trigger remembers (oldest forgotten first). */
export const DEFAULT_REPLAY_LIMIT = 5000;

/**
 * The bounded, insertion-ordered set of business keys one trigger node has emitted. When full, the
 * oldest key is forgotten first (FIFO), so the memory and its file always agree on what is kept.
 */
export class RecentKeys {
	private readonly keys = new Set<string>();

	constructor(
		readonly limit = DEFAULT_REPLAY_LIMIT,
		initial: Iterable<string> = [],
	) {
		if (!Number.isInteger(limit) || limit < 1)
			throw new RangeError('limit must be a positive integer');
		for (const key of initial) this.add(key);
	}

	get size(): number {
		return this.keys.size;
	}

	has(key: string): boolean {
		return this.keys.has(key);
	}

	/** Adds a key; false when it was already known. Evicts the oldest keys past the limit. */
	add(key: string): boolean {
		if (this.keys.has(key)) return false;
		this.keys.add(key);
		while (this.keys.size > this.limit) this.keys.delete(this.keys.values().next().value as string);
		return true;
	}

	/**
	 * Splits one delivery's keys into those never emitted (now remembered) and those already
	 * seen, here or in `alsoKnown`; a key repeated inside one delivery is fresh once, then seen.
	 */
	split(
		keys: readonly string[],
		alsoKnown: ReadonlySet<string> = new Set(),
	): { fresh: string[]; seen: string[] } {
		const fresh: string[] = [];
		const seen: string[] = [];
		for (const key of keys) {
			if (!alsoKnown.has(key) && this.add(key)) fresh.push(key);
			else seen.push(key);
		}
		return { fresh, seen };
	}

	list(): string[] {
		return [...this.keys];
	}
}
