// The course → template table: exact, trimmed text matching; gaps and duplicates refused by name.
import {
	parseCourseMapping,
	templateForCourse,
	type CourseMapping,
} from '../../../nodes/core/integrations/platforms/course-mapping';

function mappingOf(rows: Array<{ courseId?: unknown; templateId?: unknown }>): CourseMapping {
	const parsed = parseCourseMapping(rows);
	if (!parsed.ok) throw new Error(`unexpected refusal: ${parsed.problem}`);
	return parsed.mapping;
}

const table = mappingOf([
	{ courseId: 'PROG-101', templateId: '12472' },
	{ courseId: ' ETHICS-4 ', templateId: 'Professional Ethics (4 CPE)' },
	{ courseId: 42, templateId: '777' },
]);

describe('course mapping lookup', () => {
	test('a mapped course gets its row, compared as trimmed text', () => {
		expect(templateForCourse(table, 'PROG-101')).toEqual({ ok: true, templateId: '12472' });
		expect(templateForCourse(table, '  ETHICS-4')).toEqual({
			ok: true,
			templateId: 'Professional Ethics (4 CPE)',
		});
		// LMS ids often arrive as numbers (Moodle): 42 and "42" are the same course.
		expect(templateForCourse(table, '42')).toEqual({ ok: true, templateId: '777' });
		expect(templateForCourse(table, 42)).toEqual({ ok: true, templateId: '777' });
	});

	test('matching is exact: another case or a prefix is another course', () => {
		for (const course of ['prog-101', 'PROG-10', 'PROG-1011', 'ETHICS']) {
			const found = templateForCourse(table, course);
			expect(found.ok).toBe(false);
		}
	});

	test('an unmapped course says so in a code, and names the course and the fix', () => {
		expect(templateForCourse(table, ' DATA-200 ')).toEqual({
			ok: false,
			code: 'course_not_mapped',
			courseId: 'DATA-200',
			problem: 'no row for course "DATA-200"',
			fix: 'add a row for course "DATA-200" in "Course Mapping"',
		});
	});

	test('an item without a course id is refused, never matched to a row', () => {
		for (const course of [undefined, null, '', '   ', {}]) {
			const found = templateForCourse(table, course);
			expect(found).toMatchObject({ ok: false, problem: 'the item has no course id' });
			expect(found).not.toHaveProperty('code');
		}
	});

	test('an empty table maps nothing', () => {
		expect(templateForCourse(mappingOf([]), 'PROG-101').ok).toBe(false);
	});
});

describe('course mapping table', () => {
	test('a course listed twice (after trimming) is refused naming it', () => {
		const parsed = parseCourseMapping([
			{ courseId: 'PROG-101', templateId: '1' },
			{ courseId: 'ETHICS-4', templateId: '2' },
			{ courseId: 'PROG-101 ', templateId: '3' },
		]);
		expect(parsed).toEqual({
			ok: false,
			problem: 'course "PROG-101" is listed twice',
			fix: 'keep one row for course "PROG-101"',
		});
	});

	test('courses differing only in case are two rows', () => {
		const mapping = mappingOf([
			{ courseId: 'prog-101', templateId: '1' },
			{ courseId: 'PROG-101', templateId: '2' },
		]);
		expect(templateForCourse(mapping, 'prog-101')).toEqual({ ok: true, templateId: '1' });
		expect(templateForCourse(mapping, 'PROG-101')).toEqual({ ok: true, templateId: '2' });
	});

	test('a half-filled row is refused naming the row', () => {
		expect(
			parseCourseMapping([{ courseId: 'A', templateId: '1' }, { templateId: '2' }]),
		).toMatchObject({
			ok: false,
			problem: 'row 2 has no Course ID',
		});
		expect(parseCourseMapping([{ courseId: 'A', templateId: ' ' }])).toMatchObject({
			ok: false,
			problem: 'row 1 (course "A") has no template',
		});
	});
});
