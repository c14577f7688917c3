import type { AttendanceSignal } from '../model';
import type { SignalUse } from './evidence';
import type { Finding } from './findings';
import { totalLength } from './intervals';
import type { AttendanceFamily, Timeline } from './timeline';

/** A timeline as plain JSON (one n8n item per attendee and session). Times are UTC ISO-8601. */
export interface TimelineJson {
	attendeeId: string;
	sessionId: string;
	sessionTitle: string;
	timezone: string;
	contentMinutes: number;
	/** Closed presence inside the content, before any credit policy's grace. */
	presence: Array<{ start: string; end: string; sources: string[] }>;
	presenceMinutes: number;
	entriesWithoutExit: Array<{ at: string; source: string }>;
	exitsWithoutEntry: Array<{ at: string; source: string }>;
	polls: { answered: string[]; seen: string[] };
	family: AttendanceFamily;
	findings: Finding[];
	/** Every signal, in time order, with what it contributed. */
	signals: Array<AttendanceSignal & { use: SignalUse }>;
}

const iso = (ms: number): string => new Date(ms).toISOString();
const minutes = (ms: number): number => Math.floor(ms / 600) / 100;

export function timelineToJson(timeline: Timeline): TimelineJson {
	const { evidence, session } = timeline;
	return {
		attendeeId: timeline.attendeeId,
		sessionId: session.id,
		sessionTitle: session.session.title,
		timezone: session.zone,
		contentMinutes: minutes(session.contentMs),
		presence: timeline.presence.map((w) => ({
			start: iso(w.start),
			end: iso(w.end),
			sources: w.sources,
		})),
		presenceMinutes: minutes(totalLength(timeline.presence)),
		entriesWithoutExit: evidence.open.map((o) => ({ at: iso(o.start), source: o.source })),
		exitsWithoutEntry: evidence.orphanExits.map((o) => ({ at: iso(o.end), source: o.source })),
		polls: { answered: [...evidence.pollsAnswered].sort(), seen: [...evidence.pollsSeen].sort() },
		family: timeline.family,
		findings: timeline.findings,
		signals: timeline.signals.map((p, index) => ({ ...p.signal, use: evidence.uses[index] })),
	};
}
