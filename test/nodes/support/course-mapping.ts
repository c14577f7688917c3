// The "From a Course Mapping Table" template choice, the same scenarios for every issuing node:
// each node only says how to run it and what its simulator issued.
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { NodeRunResult, NodeSettings } from './run-node';

export interface IssuedOnSimulator {
	templateId: string;
	email: string;
}

export interface CourseMappingCase {
	/** The platform as the node's errors name it. */
	platform: string;
	/** Two templates of the simulator, as the table's template column and issued() show them. */
	templates: [string, string];
	/** The operation's parameters for one learner per item (name/email from the item). */
	parameters: INodeParameters;
	run(
		parameters: INodeParameters,
		items: IDataObject[],
		settings?: NodeSettings,
	): Promise<NodeRunResult>;
	issued(): Promise<IssuedOnSimulator[]>;
}

/** Verify Completion's output shape, and a completion as the LMS trigger emits it. */
const decided = (email: string, courseId: string): IDataObject => ({
	email,
	name: 'Ada Lovelace',
	first: 'Ada',
	last: 'Lovelace',
	decision: { subject: { courseId } },
});
const completion = (email: string, courseId: string | number): IDataObject => ({
	email,
	name: 'Bo Jones',
	first: 'Bo',
	last: 'Jones',
	course: { id: courseId },
});

export function describeCourseMapping(spec: CourseMappingCase): void {
	const [first, second] = spec.templates;
	const mapped = (rows: Array<[string, string]>): INodeParameters => ({
		...spec.parameters,
		templateSource: 'courseMapping',
		courseMapping: { rows: rows.map(([courseId, templateId]) => ({ courseId, templateId })) },
	});
	const table = mapped([
		['PROG-101', first],
		['42', second],
	]);
	const issuedByEmail = async () =>
		Object.fromEntries((await spec.issued()).map((i) => [i.email.toLowerCase(), i.templateId]));

	describe(`${spec.platform}: template from a course mapping table`, () => {
		test('each item is issued with the template of its course (decision or completion shape)', async () => {
			const run = await spec.run(table, [
				decided('ada@example.com', ' PROG-101 '),
				completion('bo@example.com', 42),
			]);
			expect(run.error).toBeUndefined();
			expect(run.outputs[0]).toHaveLength(2);
			expect(await issuedByEmail()).toEqual({
				'ada@example.com': first,
				'bo@example.com': second,
			});
		});

		test('a course without a row fails naming the course and the fix; nothing is issued', async () => {
			const run = await spec.run(table, [decided('ada@example.com', 'DATA-200')]);
			expect(run.status).toBe('error');
			expect(run.error?.message).toContain('no row for course "DATA-200"');
			expect(run.error?.message).toContain('add a row for course "DATA-200" in "Course Mapping"');
			expect(await spec.issued()).toEqual([]);
		});

		test('course ids match exactly: another case is another course', async () => {
			const run = await spec.run(table, [decided('ada@example.com', 'prog-101')]);
			expect(run.error?.message).toContain('no row for course "prog-101"');
			expect(await spec.issued()).toEqual([]);
		});

		test('with Continue On Fail the unmapped item carries the error; the others are issued', async () => {
			const run = await spec.run(
				table,
				[
					decided('ada@example.com', 'PROG-101'),
					decided('cy@example.com', 'DATA-200'),
					completion('bo@example.com', '42'),
				],
				{ onError: 'continueRegularOutput' },
			);
			expect(run.status).toBe('success');
			const items = run.outputs[0];
			expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
			expect(items[1].json.error).toMatch(/^Item 1: .*no row for course "DATA-200"/);
			expect(items[0].json.error).toBeUndefined();
			expect(items[2].json.error).toBeUndefined();
			expect(await issuedByEmail()).toEqual({
				'ada@example.com': first,
				'bo@example.com': second,
			});
		});

		test('with the error output the unmapped item goes there, paired, for an alert', async () => {
			const run = await spec.run(
				table,
				[decided('ada@example.com', 'PROG-101'), decided('cy@example.com', 'DATA-200')],
				{ onError: 'continueErrorOutput' },
			);
			expect(run.outputs[0].map((item) => item.pairedItem)).toEqual([{ item: 0 }]);
			expect(run.outputs[1].map((item) => item.pairedItem)).toEqual([{ item: 1 }]);
			expect(run.outputs[1][0].json.error).toContain('course "DATA-200"');
			expect(Object.keys(await issuedByEmail())).toEqual(['ada@example.com']);
		});

		test('set to output it as held, the unmapped item comes out held with code course_not_mapped; nothing issued for it', async () => {
			const run = await spec.run(
				{ ...table, unmappedCourse: 'hold' },
				[decided('ada@example.com', 'PROG-101'), decided('cy@example.com', ' DATA-200 ')],
				{ onError: 'continueErrorOutput' },
			);
			expect(run.status).toBe('success');
			expect(run.outputs[0].map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
			expect(run.outputs[1] ?? []).toEqual([]);
			const held = run.outputs[0][1].json;
			expect(held).toEqual({
				held: true,
				code: 'course_not_mapped',
				courseId: 'DATA-200',
				message: expect.stringContaining('add a row for course "DATA-200" in "Course Mapping"'),
			});
			expect(run.outputs[0][0].json.held).toBeUndefined();
			expect(Object.keys(await issuedByEmail())).toEqual(['ada@example.com']);
		});

		test('set to output it as held, other failures stay errors', async () => {
			const run = await spec.run(
				{ ...table, unmappedCourse: 'hold' },
				[{ ...decided('', 'PROG-101'), email: '' }],
				{ onError: 'continueErrorOutput' },
			);
			expect(run.outputs[0]).toEqual([]);
			expect(run.outputs[1]).toHaveLength(1);
			expect(run.outputs[1][0].json.held).toBeUndefined();
			expect(await spec.issued()).toEqual([]);
		});

		test('a course listed twice stops the run before any item is issued, naming it', async () => {
			const run = await spec.run(
				mapped([
					['PROG-101', first],
					['PROG-101 ', second],
				]),
				[completion('bo@example.com', 'PROG-101')],
				{ onError: 'continueRegularOutput' },
			);
			const message = run.error?.message ?? String(run.outputs[0]?.[0]?.json.error);
			expect(message).toContain('course "PROG-101" is listed twice');
			expect(await spec.issued()).toEqual([]);
		});
	});
}
