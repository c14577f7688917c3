/** Deterministic pseudo-random numbers (mulberry32), as in bench/support.js. */
export function seededRandom(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

export function pick<T>(random: () => number, items: ReadonlyArray<T>): T {
	return items[Math.floor(random() * items.length)];
}

export function between(random: () => number, low: number, high: number): number {
	return low + Math.floor(random() * (high - low + 1));
}
