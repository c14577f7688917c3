/**
 * A small bounded memory of business keys already emitted by one trigger node. It lives in the
 * node's static data, so it is a guard against re-deliveries, not a ledger: the Credential Ledger
 * remains the exactly-once record.
 */
export interface DedupeState {
	keys?: string[];
}

export const DEFAULT_DEDUPE_LIMIT = 500;

export function splitSeen(
	state: DedupeState,
	keys: string[],
	limit = DEFAULT_DEDUPE_LIMIT,
): { fresh: string[]; seen: string[] } {
	const known = new Set(Array.isArray(state.keys) ? state.keys : []);
	const fresh: string[] = [];
	const seen: string[] = [];
	for (const key of keys) {
		if (known.has(key)) seen.push(key);
		else {
			known.add(key);
			fresh.push(key);
		}
	}
	const all = [...(Array.isArray(state.keys) ? state.keys : []), ...fresh];
	state.keys = all.slice(Math.max(0, all.length - limit));
	return { fresh, seen };
}
