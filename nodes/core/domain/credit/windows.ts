import {
	clipSourced,
	mergeSourced,
	type Interval,
	type SourcedWindow,
} from '../attendance/intervals';
import type { Timeline } from '../attendance/timeline';
import type { Grace } from '../model';
import type { CreditReason } from './reason-codes';
import type { SharedParts } from './shared-parts';

/** The presence a policy accepts for one attendee in one session, and why. */
export interface CreditWindows {
	windows: SourcedWindow[];
	reasons: CreditReason[];
}

const GRACE = 'grace';
const minutes = (ms: number): string => `${Math.round(ms / 600) / 100} min`;

/**
 * Applies the policy's grace to a timeline: entries without exit and exits without entry are
 * extended, reviewed or left out as the policy says; a grace extension stops where the attendee
 * shows up in another session. Late arrival and early departure within the grace count from the
 * start or to the end. Extended stretches carry the source "grace" so auditors see them.
 * `elsewhere` is the attendee's presence in other sessions, sorted and disjoint.
 */
export function creditWindows(
	timeline: Timeline,
	grace: Grace,
	elsewhere: () => readonly Interval[],
	shared: SharedParts,
): CreditWindows {
	const { evidence, session } = timeline;
	const reasons: CreditReason[] = [];
	let windows = timeline.presence;
	if (evidence.open.length > 0 || evidence.orphanExits.length > 0) {
		const extra: Array<Interval & { source: string }> = [];
		for (const open of evidence.open) {
			reasons.push(entryWithoutExit(open, timeline, grace, elsewhere, shared, extra));
		}
		for (const exit of evidence.orphanExits) {
			reasons.push(exitWithoutEntry(exit, timeline, grace, elsewhere, shared, extra));
		}
		if (extra.length > 0) {
			windows = clipSourced(mergeSourced([...evidence.closed, ...extra]), session.content);
		}
	}
	if (windows.length === 0) return { windows, reasons };
	const contentStart = session.content[0].start;
	const contentEnd = session.content[session.content.length - 1].end;
	const first = windows[0];
	const last = windows[windows.length - 1];
	const late = first.start - contentStart;
	const early = contentEnd - last.end;
	if (
		late > 0 &&
		late <= grace.lateArrivalMinutes * 60_000 &&
		previousEnd(elsewhere(), first.start) <= contentStart
	) {
		// Copy on write: presence windows belong to the timeline and stay as the evidence shows.
		windows = windows.slice();
		windows[0] = { ...windows[0], start: contentStart, sources: withGrace(windows[0].sources) };
		reasons.push(
			shared.reason(
				'LATE_ARRIVAL_GRACE_APPLIED',
				[late, grace.lateArrivalMinutes],
				() =>
					`arrived ${minutes(late)} after the start, within the ${grace.lateArrivalMinutes} min grace`,
			),
		);
	} else if (late > 0) {
		reasons.push(
			shared.reason(
				'ARRIVED_LATE',
				[late],
				() => `presence starts ${minutes(late)} after the content start`,
			),
		);
	}
	if (
		early > 0 &&
		early <= grace.earlyDepartureMinutes * 60_000 &&
		nextStart(elsewhere(), last.end) >= contentEnd
	) {
		const index = windows.length - 1;
		if (windows === timeline.presence) windows = windows.slice();
		windows[index] = {
			...windows[index],
			end: contentEnd,
			sources: withGrace(windows[index].sources),
		};
		reasons.push(
			shared.reason(
				'EARLY_DEPARTURE_GRACE_APPLIED',
				[early, grace.earlyDepartureMinutes],
				() =>
					`left ${minutes(early)} before the end, within the ${grace.earlyDepartureMinutes} min grace`,
			),
		);
	} else if (early > 0) {
		reasons.push(
			shared.reason(
				'LEFT_EARLY',
				[early],
				() => `presence ends ${minutes(early)} before the content end`,
			),
		);
	}
	return { windows, reasons };
}

type Extra = Array<Interval & { source: string }>;

/** How an entry without exit and an exit without entry are named and which grace decides. */
const UNMATCHED = {
	entry: {
		setting: 'missingCheckout',
		missing: 'entry has no exit',
		uncounted: 'after the entry',
		reviewCode: 'MISSING_CHECKOUT',
		notCountedCode: 'MISSING_CHECKOUT_NOT_COUNTED',
	},
	exit: {
		setting: 'missingCheckIn',
		missing: 'exit has no entry',
		uncounted: 'before the exit',
		reviewCode: 'CHECK_OUT_WITHOUT_CHECK_IN',
		notCountedCode: 'MISSING_CHECKIN_NOT_COUNTED',
	},
} as const;

/**
 * The reason for an unmatched entry or exit the policy does not extend (sent to review or not
 * counted), or undefined when the policy's grace extends it.
 */
function notExtended(
	side: keyof typeof UNMATCHED,
	source: string,
	grace: Grace,
	shared: SharedParts,
): CreditReason | undefined {
	const names = UNMATCHED[side];
	const detail = `${source} ${names.missing}`;
	switch (grace[names.setting]) {
		case 'needs_review':
			return shared.reason(
				names.reviewCode,
				[source],
				() => `${detail}; nothing counted ${names.uncounted} until reviewed`,
			);
		case 'not_counted':
			return shared.reason(
				names.notCountedCode,
				[source],
				() => `${detail}; nothing counted ${names.uncounted}`,
			);
		default:
			return undefined;
	}
}

/**
 * An entry without exit, as the policy says: counted to the session end (or to the next presence
 * elsewhere), sent to review, or not counted.
 */
function entryWithoutExit(
	open: { start: number; source: string },
	timeline: Timeline,
	grace: Grace,
	elsewhere: () => readonly Interval[],
	shared: SharedParts,
	extra: Extra,
): CreditReason {
	const held = notExtended('entry', open.source, grace, shared);
	if (held) return held;
	const sessionEnd = timeline.session.endMs;
	const end = Math.min(sessionEnd, nextStart(elsewhere(), open.start));
	extra.push({ start: open.start, end, source: `${open.source}+${GRACE}` });
	const counted = minutes(Math.max(0, end - open.start));
	const until = end < sessionEnd ? 'the next presence elsewhere' : 'the session end';
	return shared.reason(
		'MISSING_CHECKOUT_GRACE_APPLIED',
		[open.source, end - open.start, until],
		() => `${open.source} ${UNMATCHED.entry.missing}; counted ${counted} to ${until}`,
	);
}

/**
 * An exit without entry: counted from the session start (or from the last presence before it),
 * sent to review, or not counted.
 */
function exitWithoutEntry(
	exit: { end: number; source: string },
	timeline: Timeline,
	grace: Grace,
	elsewhere: () => readonly Interval[],
	shared: SharedParts,
	extra: Extra,
): CreditReason {
	const held = notExtended('exit', exit.source, grace, shared);
	if (held) return held;
	const start = Math.max(
		timeline.session.startMs,
		previousEnd(elsewhere(), exit.end),
		previousEnd(timeline.evidence.closed, exit.end),
	);
	extra.push({ start, end: exit.end, source: `${exit.source}+${GRACE}` });
	const counted = minutes(Math.max(0, exit.end - start));
	return shared.reason(
		'MISSING_CHECKIN_GRACE_APPLIED',
		[exit.source, exit.end - start],
		() => `${exit.source} ${UNMATCHED.exit.missing}; counted ${counted} before the exit`,
	);
}

// Source lists with grace added, one per list: equal windows then share one list (and JSON).
const graceLists = new WeakMap<string[], string[]>();
function withGrace(sources: string[]): string[] {
	if (sources.includes(GRACE)) return sources;
	let list = graceLists.get(sources);
	if (!list) graceLists.set(sources, (list = [...sources, GRACE].sort()));
	return list;
}

/** Start of the first interval beginning after `at`, or Infinity. */
function nextStart(intervals: readonly Interval[], at: number): number {
	let next = Infinity;
	for (const interval of intervals)
		if (interval.start > at && interval.start < next) next = interval.start;
	return next;
}

/** End of the last interval ending at or before `at`, or -Infinity. */
function previousEnd(intervals: readonly Interval[], at: number): number {
	let previous = -Infinity;
	for (const interval of intervals)
		if (interval.end <= at && interval.end > previous) previous = interval.end;
	return previous;
}
