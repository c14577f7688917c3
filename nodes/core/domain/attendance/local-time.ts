import type { LocalTimeNote } from '../model';

/** A wall-clock reading without a zone. */
export interface WallTime {
	year: number;
	month: number;
	day: number;
	hour: number;
	minute: number;
	second: number;
	millisecond: number;
}

export interface ZonedInstant {
	ms: number;
	note?: LocalTimeNote;
}

const DAY_MS = 86_400_000;
// Zone offsets change at whole local minutes on 15-minute UTC boundaries in every modern zone,
// so one lookup per 15-minute bucket is exact and keeps Intl (slow) off the hot path.
const BUCKET_MS = 900_000;
const formatters = new Map<string, Intl.DateTimeFormat>();
const offsetCache = new Map<string, number>();

function formatterFor(zone: string): Intl.DateTimeFormat {
	let formatter = formatters.get(zone);
	if (!formatter) {
		formatter = new Intl.DateTimeFormat('en-US', {
			timeZone: zone,
			hourCycle: 'h23',
			year: 'numeric',
			month: 'numeric',
			day: 'numeric',
			hour: 'numeric',
			minute: 'numeric',
			second: 'numeric',
			era: 'short',
		});
		formatters.set(zone, formatter);
	}
	return formatter;
}

/** Milliseconds to add to a UTC instant to get the wall time in `zone` at that instant. */
export function zoneOffsetMs(zone: string, utcMs: number): number {
	const bucket = Math.floor(utcMs / BUCKET_MS);
	const key = `${zone}|${bucket}`;
	const cached = offsetCache.get(key);
	if (cached !== undefined) return cached;
	const probe = bucket * BUCKET_MS;
	const fields: Record<string, number> = {};
	for (const part of formatterFor(zone).formatToParts(new Date(probe))) {
		if (part.type !== 'literal' && part.type !== 'era') fields[part.type] = Number(part.value);
	}
	const wall = Date.UTC(
		fields.year,
		fields.month - 1,
		fields.day,
		fields.hour,
		fields.minute,
		fields.second,
	);
	const offset = wall - probe;
	if (offsetCache.size > 100_000) offsetCache.clear();
	offsetCache.set(key, offset);
	return offset;
}

/**
 * The instant a wall time in `zone` denotes. In the repeated hour of a fall-back change the
 * earlier instant is taken; a time in the skipped hour of a spring-forward change is moved
 * forward by the gap (Temporal's "compatible" rule). Either case is noted, never hidden.
 */
export function wallTimeToInstant(wall: WallTime, zone: string): ZonedInstant {
	const local = Date.UTC(
		wall.year,
		wall.month - 1,
		wall.day,
		wall.hour,
		wall.minute,
		wall.second,
		wall.millisecond,
	);
	if (zone === 'UTC' || zone === 'Etc/UTC') return { ms: local };
	const offsetBefore = zoneOffsetMs(zone, local - DAY_MS);
	const offsetAfter = zoneOffsetMs(zone, local + DAY_MS);
	const early = local - offsetBefore;
	const late = local - offsetAfter;
	const earlyFits = zoneOffsetMs(zone, early) === offsetBefore;
	const lateFits = zoneOffsetMs(zone, late) === offsetAfter;
	if (earlyFits && lateFits && early !== late) {
		return { ms: Math.min(early, late), note: 'dst_ambiguous' };
	}
	if (earlyFits) return { ms: early };
	if (lateFits) return { ms: late };
	// Neither offset reproduces the wall time: it lies in the gap. The offset in force before
	// the change moves it forward by the length of the gap.
	return { ms: early, note: 'dst_gap' };
}

/** The wall time of an instant in `zone`, as "YYYY-MM-DD HH:mm" (for messages and reports). */
export function formatWallTime(utcMs: number, zone: string): string {
	const wall = new Date(utcMs + zoneOffsetMs(zone, utcMs)).toISOString();
	return `${wall.slice(0, 10)} ${wall.slice(11, 16)}`;
}
