import { parseIsoInstant } from '../../../domain/model/completion-event';
import type { KeyedCompletion } from '../result';

/**
 * The whole state a polling trigger keeps between polls (small, JSON, in node static data):
 * the newest completion time emitted and the keys emitted AT that instant. Sources are queried
 * with `completedAt >= since` (inclusive), so completions sharing the boundary second that arrive
 * late are still seen, and the ones already emitted are recognised by key instead of repeated.
 */
export interface PollCursor {
	/** Epoch milliseconds of the newest completion emitted, cut to whole seconds. */
	since: number;
	boundaryKeys: string[];
}

const secondsOf = (event: KeyedCompletion): number =>
	Math.floor((parseIsoInstant(event.event.completedAt) ?? 0) / 1000) * 1000;

/** A cursor that emits only what completes from `startAt` on (first activation: "from now"). */
export function startCursor(startAt: number): PollCursor {
	return { since: Math.floor(startAt / 1000) * 1000, boundaryKeys: [] };
}

/** Reads a cursor back from static data; anything unusable becomes undefined (start over). */
export function readCursor(value: unknown): PollCursor | undefined {
	if (typeof value !== 'object' || value === null) return undefined;
	const { since, boundaryKeys } = value as Partial<PollCursor>;
	if (typeof since !== 'number' || !Number.isFinite(since) || !Array.isArray(boundaryKeys)) {
		return undefined;
	}
	return { since, boundaryKeys: boundaryKeys.filter((key) => typeof key === 'string') };
}

/**
 * Picks the completions to emit from what a poll fetched (any order, may include old ones and
 * duplicates), oldest first, at most `limit`, and the cursor to store afterwards. When the limit
 * cuts a second in half, the rest of that second is emitted next time.
 */
export function selectNew(
	cursor: PollCursor,
	fetched: KeyedCompletion[],
	limit = Number.POSITIVE_INFINITY,
): { emit: KeyedCompletion[]; cursor: PollCursor } {
	const known = new Set(cursor.boundaryKeys);
	const candidates = new Map<string, KeyedCompletion>();
	for (const completion of fetched) {
		const at = secondsOf(completion);
		if (at < cursor.since) continue;
		if (at === cursor.since && known.has(completion.businessKey)) continue;
		if (!candidates.has(completion.businessKey)) candidates.set(completion.businessKey, completion);
	}
	const ordered = [...candidates.values()].sort(
		(a, b) => secondsOf(a) - secondsOf(b) || a.businessKey.localeCompare(b.businessKey),
	);
	const emit = ordered.slice(0, Math.max(0, limit));
	if (emit.length === 0) return { emit, cursor };
	const since = secondsOf(emit[emit.length - 1]);
	const atBoundary = emit.filter((c) => secondsOf(c) === since).map((c) => c.businessKey);
	const boundaryKeys =
		since === cursor.since ? [...cursor.boundaryKeys, ...atBoundary] : atBoundary;
	return { emit, cursor: { since, boundaryKeys } };
}
