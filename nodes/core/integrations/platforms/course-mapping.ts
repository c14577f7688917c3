/**
 * Course → template mapping: the table an operator fills in (course id → group or badge
 * template) instead of code in an expression. Course ids are compared exactly, as text, after
 * trimming: "PROG-101" and "prog-101" are different courses (LMS course ids are case-sensitive).
 */

export interface CourseMappingRow {
	courseId?: unknown;
	templateId?: unknown;
}

/** course id → template id (or name, where the platform accepts names). */
export type CourseMapping = ReadonlyMap<string, string>;

export type CourseMappingResult =
	| { ok: true; mapping: CourseMapping }
	| { ok: false; problem: string; fix: string };

/** The machine-readable outcome of a course without a row, for workflows to branch on. */
export const COURSE_NOT_MAPPED = 'course_not_mapped';

export type CourseTemplateResult =
	| { ok: true; templateId: string }
	| { ok: false; code?: typeof COURSE_NOT_MAPPED; courseId?: string; problem: string; fix: string };

/** A course id as the table and the items compare it: text, trimmed. */
export function courseIdText(value: unknown): string {
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	return typeof value === 'string' ? value.trim() : '';
}

/**
 * Builds the mapping from the table's rows. A row without a course or a template, or a course
 * listed twice, refuses the whole table: which template would win is a guess nobody should make.
 */
export function parseCourseMapping(rows: readonly CourseMappingRow[]): CourseMappingResult {
	const mapping = new Map<string, string>();
	for (const [index, row] of rows.entries()) {
		const courseId = courseIdText(row.courseId);
		const templateId = courseIdText(row.templateId);
		const rowName = `row ${index + 1}${courseId === '' ? '' : ` (course "${courseId}")`}`;
		if (courseId === '') {
			return {
				ok: false,
				problem: `${rowName} has no Course ID`,
				fix: 'fill it in or delete the row',
			};
		}
		if (templateId === '') {
			return {
				ok: false,
				problem: `${rowName} has no template`,
				fix: 'choose one or delete the row',
			};
		}
		if (mapping.has(courseId)) {
			return {
				ok: false,
				problem: `course "${courseId}" is listed twice`,
				fix: `keep one row for course "${courseId}"`,
			};
		}
		mapping.set(courseId, templateId);
	}
	return { ok: true, mapping };
}

/** The template of one course; a course with no row is an answer to act on, never a default. */
export function templateForCourse(mapping: CourseMapping, course: unknown): CourseTemplateResult {
	const courseId = courseIdText(course);
	if (courseId === '') {
		return {
			ok: false,
			problem: 'the item has no course id',
			fix: 'set "Course ID" to the expression that reads the course id of the completion',
		};
	}
	const templateId = mapping.get(courseId);
	if (templateId !== undefined) return { ok: true, templateId };
	return {
		ok: false,
		code: COURSE_NOT_MAPPED,
		courseId,
		problem: `no row for course "${courseId}"`,
		fix: `add a row for course "${courseId}" in "Course Mapping"`,
	};
}
