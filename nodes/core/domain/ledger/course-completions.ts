import { SYSTEM_KEY, type LedgerEntry } from './entry';
import { isPlainObject, type JsonValue } from './json';
import { periodOf } from './metrics-scan';

/** Completions the ledger holds decisions for, per source system and course. */
export interface CourseCompletions {
	/** The decision's subject.source, e.g. "moodle". */
	source: string;
	courseId: string;
	/** Credentials (ledger keys) decided for this course in the period. */
	completions: number;
	/** When the latest of those decisions was recorded. */
	lastDecidedAt: string;
}

/**
 * Every course that had a completion decided in [periodStart, periodEnd), with how many
 * credentials were decided for it: whatever the outcome, a decision means the LMS sent a
 * completion. A credential decided twice (a re-run) counts once.
 */
export async function courseCompletions(
	entries: AsyncIterable<LedgerEntry>,
	options: { periodStart: string; periodEnd: string },
): Promise<CourseCompletions[]> {
	const period = periodOf(options.periodStart, options.periodEnd);
	const courses = new Map<string, { keys: Set<string>; row: CourseCompletions }>();
	for await (const entry of entries) {
		if (entry.type !== 'decided' || entry.key === SYSTEM_KEY) continue;
		const at = Date.parse(entry.at);
		if (!(at >= period.from && at < period.to)) continue;
		const subject = isPlainObject(entry.payload.subject) ? entry.payload.subject : {};
		const courseId = text(subject.courseId);
		if (courseId === undefined) continue;
		const source = text(subject.source) ?? '';
		const group = `${source}\u0000${courseId}`;
		let course = courses.get(group);
		if (course === undefined) {
			course = {
				keys: new Set(),
				row: { source, courseId, completions: 0, lastDecidedAt: entry.at },
			};
			courses.set(group, course);
		}
		course.keys.add(entry.key);
		course.row.completions = course.keys.size;
		if (entry.at > course.row.lastDecidedAt) course.row.lastDecidedAt = entry.at;
	}
	return [...courses.values()].map((course) => course.row);
}

function text(value: JsonValue | undefined): string | undefined {
	return typeof value === 'string' && value !== '' ? value : undefined;
}
