import type { SessionEvidence } from './evidence';
import type { Finding } from './findings';
import {
	intersectIntervals,
	longestLength,
	mergeIntervals,
	subtractIntervals,
	type Interval,
} from './intervals';

const minutes = (ms: number): string => `${Math.round(ms / 600) / 100} min`;

/**
 * Do the sources agree? Once a source has seen the attendee, the time it shows no presence is
 * its claim of absence (an open check-in claims presence to the end; a moderator's confirmation
 * claims nothing about absence). Another source's presence inside that claim, or a poll answered
 * there, is a disagreement. Stretches up to the clock-skew tolerance are skew; longer ones are
 * conflicts. Nothing is deleted either way: the union of presence stays the evidence.
 */
export function sourceAgreement(
	evidence: SessionEvidence,
	content: readonly Interval[],
	skewMs: number,
): Finding | undefined {
	const bySource = new Map<string, { presence: Interval[]; claimsAbsence: boolean }>();
	const entryFor = (source: string) => {
		let entry = bySource.get(source);
		if (!entry) bySource.set(source, (entry = { presence: [], claimsAbsence: false }));
		return entry;
	};
	for (const interval of evidence.closed) {
		const entry = entryFor(interval.source);
		entry.presence.push(interval);
		if (!interval.manual) entry.claimsAbsence = true;
	}
	for (const exit of evidence.orphanExits) entryFor(exit.source).claimsAbsence = true;
	for (const open of evidence.open) entryFor(open.source);
	if (bySource.size + (evidence.pollTimes.length > 0 ? 1 : 0) < 2) return undefined;
	const clippedBy = new Map<string, Interval[]>();
	for (const [source, entry] of bySource) {
		clippedBy.set(source, intersectIntervals(mergeIntervals(entry.presence), content));
	}
	let worst = 0;
	let pair = '';
	for (const [sourceA, entry] of bySource) {
		if (!entry.claimsAbsence) continue;
		const absence = claimedAbsence(sourceA, entry.presence, evidence, content);
		if (absence.length === 0) continue;
		for (const [sourceB, presenceB] of clippedBy) {
			if (sourceB === sourceA) continue;
			const stretch = longestLength(intersectIntervals(presenceB, absence));
			if (stretch > worst)
				[worst, pair] = [
					stretch,
					`${sourceB} shows presence for ${minutes(stretch)} while ${sourceA} shows absence`,
				];
		}
		for (const at of evidence.pollTimes) {
			const gap = absence.find((a) => at > a.start && at < a.end);
			if (!gap) continue;
			const stretch = Math.min(at - gap.start, gap.end - at);
			if (stretch > worst)
				[worst, pair] = [
					stretch,
					`a poll was answered ${minutes(stretch)} inside a stretch where ${sourceA} shows absence`,
				];
		}
	}
	if (worst === 0) return undefined;
	return worst > skewMs
		? { code: 'CONFLICTING_SOURCES', detail: `${pair}; tolerance ${minutes(skewMs)}` }
		: { code: 'CLOCK_SKEW_TOLERATED', detail: `${pair}, within the ${minutes(skewMs)} tolerance` };
}

function claimedAbsence(
	source: string,
	presence: readonly Interval[],
	evidence: SessionEvidence,
	content: readonly Interval[],
): Interval[] {
	let observedFrom = Infinity;
	for (const interval of presence) observedFrom = Math.min(observedFrom, interval.start);
	const stillPresent: Interval[] = [];
	for (const open of evidence.open) {
		if (open.source !== source) continue;
		observedFrom = Math.min(observedFrom, open.start);
		stillPresent.push({ start: open.start, end: Infinity });
	}
	for (const exit of evidence.orphanExits) {
		if (exit.source === source) observedFrom = Math.min(observedFrom, exit.end);
	}
	if (observedFrom === Infinity) return [];
	const watched = intersectIntervals([{ start: observedFrom, end: Infinity }], content);
	return subtractIntervals(watched, mergeIntervals([...presence, ...stillPresent]));
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
