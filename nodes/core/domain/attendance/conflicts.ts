import type { SessionEvidence, SourcedInterval } from './evidence';
import type { Finding } from './findings';
import { intersectIntervals, mergeIntervals, totalLength, type Interval } from './intervals';

const minutes = (ms: number): string => `${Math.round(ms / 600) / 100} min`;

/** One source's record that the attendee left: the end of its presence, or an exit alone. */
interface Exit {
	at: number;
	source: string;
}

/**
 * Do the sources contradict each other? Devices see different doors: a device that saw nothing
 * is not evidence of absence, so presence recorded by several devices one after another is one
 * timeline. The only claims of absence are exits (a check-out, a Zoom leave, the last heartbeat),
 * and an exit claims absence only until someone sees the attendee enter again. A contradiction is
 * an exit inside another source's continuous presence, or a poll answered after an exit before any
 * re-entry. Stretches up to the clock-skew tolerance are skew; longer ones are conflicts. A
 * moderator's confirmation says where someone was, never where they were not. Nothing is deleted
 * either way: the union of presence stays the evidence.
 */
export function sourceAgreement(
	evidence: SessionEvidence,
	content: readonly Interval[],
	skewMs: number,
	at: (ms: number) => string,
): Finding | undefined {
	const bySource = new Map<string, SourcedInterval[]>();
	for (const interval of evidence.closed) {
		const list = bySource.get(interval.source);
		if (list) list.push(interval);
		else bySource.set(interval.source, [interval]);
	}
	// One source cannot contradict itself; most attendee-sessions stop here.
	const claimants = new Set(bySource.keys());
	for (const exit of evidence.orphanExits) claimants.add(exit.source);
	if (claimants.size + (evidence.pollTimes.length > 0 ? 1 : 0) < 2) return undefined;
	const presence = new Map<string, Interval[]>();
	const exits: Exit[] = [];
	const entries: number[] = [];
	for (const [source, intervals] of bySource) {
		const merged = mergeIntervals(intervals);
		presence.set(source, merged);
		for (const interval of merged) entries.push(interval.start);
		// Only ends that are not covered by the same source's manual confirmation are exits.
		const claimed = mergeIntervals(intervals.filter((interval) => !interval.manual));
		for (const interval of claimed) {
			if (!merged.some((m) => m.start < interval.end && m.end > interval.end))
				exits.push({ at: interval.end, source });
		}
	}
	for (const exit of evidence.orphanExits) exits.push({ at: exit.end, source: exit.source });
	for (const open of evidence.open) entries.push(open.start);
	if (exits.length === 0) return undefined;
	entries.sort((a, b) => a - b);
	let worst = 0;
	let detail = '';
	for (const exit of exits) {
		// The exit claims absence until the next entry seen by any source.
		const next = entries.find((start) => start >= exit.at) ?? Infinity;
		if (next === exit.at) continue;
		const absence = intersectIntervals([{ start: exit.at, end: next }], content);
		if (absence.length === 0) continue;
		for (const [source, intervals] of presence) {
			if (source === exit.source) continue;
			const around = intervals.find((i) => i.start < exit.at && i.end > exit.at);
			if (!around) continue;
			const stretch = totalLength(intersectIntervals(absence, [around]));
			if (stretch > worst)
				[worst, detail] = [
					stretch,
					`${exit.source} recorded an exit at ${at(exit.at)} while ${source} shows continuous presence from ${at(around.start)} to ${at(around.end)} (${minutes(stretch)} in dispute)`,
				];
		}
		for (const answered of evidence.pollTimes) {
			const gap = absence.find((a) => answered > a.start && answered < a.end);
			if (!gap) continue;
			const stretch = Math.min(answered - gap.start, gap.end - answered);
			if (stretch > worst)
				[worst, detail] = [
					stretch,
					`a poll was answered at ${at(answered)}, after ${exit.source} recorded an exit at ${at(exit.at)} and before any re-entry (${minutes(stretch)} in dispute)`,
				];
		}
	}
	if (worst === 0) return undefined;
	return worst > skewMs
		? { code: 'CONFLICTING_SOURCES', detail: `${detail}; tolerance ${minutes(skewMs)}` }
		: {
				code: 'CLOCK_SKEW_TOLERATED',
				detail: `${detail}, within the ${minutes(skewMs)} tolerance`,
			};
}

export interface SessionPresence {
	sessionId: string;
	/** Presence inside the session's content, sorted and disjoint. */
	presence: readonly Interval[];
}

/**
 * One attendee in two sessions at once (two rooms, two webinars): the longest simultaneous
 * stretch per pair of sessions, reported on both when it is longer than the skew tolerance.
 */
export function overlappingSessions(
	sessions: readonly SessionPresence[],
	skewMs: number,
): Map<string, Finding[]> {
	const tagged: Array<Interval & { sessionId: string }> = [];
	for (const entry of sessions) {
		for (const interval of entry.presence) tagged.push({ ...interval, sessionId: entry.sessionId });
	}
	tagged.sort((a, b) => a.start - b.start || a.end - b.end || (a.sessionId < b.sessionId ? -1 : 1));
	const longest = new Map<string, number>();
	for (let i = 0; i < tagged.length; i++) {
		for (let j = i + 1; j < tagged.length && tagged[j].start < tagged[i].end; j++) {
			if (tagged[j].sessionId === tagged[i].sessionId) continue;
			const overlap = Math.min(tagged[i].end, tagged[j].end) - tagged[j].start;
			const [a, b] = [tagged[i].sessionId, tagged[j].sessionId].sort();
			const key = `${a}\u0000${b}`;
			if (overlap > (longest.get(key) ?? 0)) longest.set(key, overlap);
		}
	}
	const findings = new Map<string, Finding[]>();
	for (const [key, overlap] of [...longest].sort()) {
		if (overlap <= skewMs) continue;
		const [a, b] = key.split('\u0000');
		for (const [self, other] of [
			[a, b],
			[b, a],
		]) {
			const list = findings.get(self) ?? [];
			list.push({
				code: 'ATTENDED_OVERLAPPING_SESSIONS',
				detail: `present in session "${other}" at the same time for ${minutes(overlap)}`,
			});
			findings.set(self, list);
		}
	}
	return findings;
}
