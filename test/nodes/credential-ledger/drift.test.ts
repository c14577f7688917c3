// Get Configuration Drift inside n8n, against the Moodle web-services simulator: the rule set,
// Moodle's course list and the completions the ledger decided, compared; then the same from a
// course list given as input items, and bad input refused naming the field; and Canvas's list.
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { CANVAS_API_TOKEN, MOODLE_WS_TOKEN } from '../../simulators/lms/sample-data';
import { NEW_COURSE } from '../../simulators/lms/moodle';
import { useLmsSimulator } from '../lms/support';
import {
	RESERVE_PARAMS,
	completionItem,
	decision,
	ledgerFolder,
	runLedger,
} from '../support/credential-ledger';

const { url, control: moodle } = useLmsSimulator('moodle');
const canvas = useLmsSimulator('canvas', { reset: false });

const rules = (courseIds: string[]) =>
	[
		'id: completion-rules',
		'version: "3"',
		'courses:',
		...courseIds.flatMap((id) => [`  "${id}":`, '    passingScore: 80']),
	].join('\n');

const DRIFT: INodeParameters = {
	resource: 'report',
	operation: 'drift',
	courseSource: 'moodle',
	ruleSetSource: 'parameter',
};

/** A ledger with completions decided for Moodle courses 12 (two learners) and 17 (one). */
async function ledgerWithCompletions(): Promise<string> {
	const folder = ledgerFolder();
	const decided = await runLedger({
		folder,
		items: [completionItem('L-1', '12'), completionItem('L-2', '12'), completionItem('L-3', '17')],
		parameters: { ...RESERVE_PARAMS, operation: 'recordDecision' },
	});
	expect(decided.status).toBe('success');
	return folder;
}

async function drift(folder: string, parameters: INodeParameters, items: IDataObject[] = [{}]) {
	return await runLedger({
		folder,
		items,
		parameters: { ...DRIFT, ...parameters },
		credentials: { moodleApi: { baseUrl: url(), token: MOODLE_WS_TOKEN } },
	});
}

describe('Credential Ledger: Get Configuration Drift (Moodle)', () => {
	beforeEach(async () => {
		await moodle('/__control/seed', { courses: [NEW_COURSE] });
	});

	test('a Moodle course with completions but no rule, and a rule for a course Moodle lacks', async () => {
		const folder = await ledgerWithCompletions();
		const run = await drift(folder, { ruleSet: rules(['12', '13', '16', '98']) }, [{}, {}]);
		expect(run.status).toBe('success');
		expect(run.outputs[0]).toHaveLength(1);
		const [item] = run.outputs[0];
		expect(item.pairedItem).toEqual([{ item: 0 }, { item: 1 }]);
		expect(item.json).toMatchObject({
			lms: 'Moodle',
			ruleSetId: 'completion-rules',
			ruleVersion: '3',
			driftFound: true,
			// 12, 13, 14, 15, 16 and 17; not the front page (course 1).
			coursesListed: 6,
			rulesChecked: 4,
			coursesWithCompletions: 2,
			subject: 'Configuration drift in Moodle: 2 finding(s)',
		});
		expect(item.json.findings).toEqual([
			expect.objectContaining({
				kind: 'course_without_rule',
				lms: 'Moodle',
				courseId: '17',
				courseName: 'Fire Warden Refresher',
				completions: 1,
			}),
			expect.objectContaining({ kind: 'rule_without_course', lms: 'Moodle', courseId: '98' }),
		]);
		expect(item.json.text).toContain('- 17 "Fire Warden Refresher": 1 completion(s) but no rule');
	});

	test('adding the rule for the course and removing the stale one clears the report', async () => {
		const folder = await ledgerWithCompletions();
		const run = await drift(folder, { ruleSet: rules(['12', '13', '16', '17']) });
		expect(run.status).toBe('success');
		expect(run.outputs[0][0].json).toMatchObject({
			driftFound: false,
			findings: [],
			subject: 'No configuration drift in Moodle',
		});
	});

	test('a rule set for several LMSs: Course IDs in Other LMSs are not reported missing', async () => {
		const folder = await ledgerWithCompletions();
		const run = await drift(folder, {
			ruleSet: rules(['12', '17', 'PROG-101']),
			driftOptions: { otherLmsCourseIds: 'PROG-101, 565' },
		});
		expect(run.outputs[0][0].json.findings).toEqual([]);
	});

	test('an invalid rule set fails before Moodle is asked, naming the bad field', async () => {
		const folder = await ledgerWithCompletions();
		const run = await drift(folder, {
			ruleSet: 'id: r\nversion: "1"\ncourses:\n  "12":\n    passingscore: 80',
		});
		expect(run.status).toBe('error');
		expect(run.error?.message).toMatch(/Invalid rule set \(Rule Set parameter\) at "courses\.12/);
		const calls = (await (await fetch(`${url()}/__control/calls`)).json()) as IDataObject;
		expect(calls.calls).toEqual({});
	});

	test('a wrong Moodle token fails with Moodle’s error code and the fix', async () => {
		const folder = await ledgerWithCompletions();
		const run = await runLedger({
			folder,
			items: [{}],
			parameters: { ...DRIFT, ruleSet: rules(['12']) },
			credentials: { moodleApi: { baseUrl: url(), token: 'not-the-token' } },
		});
		expect(run.status).toBe('error');
		expect(run.error?.message).toContain('[invalidtoken]');
	});
});

describe('Credential Ledger: Get Configuration Drift (courses as input items)', () => {
	const INPUT: INodeParameters = {
		...DRIFT,
		courseSource: 'input',
		lmsName: 'moodle',
		listedCourseId: '={{ $json.code }}',
		listedCourseName: '={{ $json.title }}',
	};

	test('one item per course, from any LMS listing', async () => {
		const folder = await ledgerWithCompletions();
		const run = await drift(folder, { ...INPUT, ruleSet: rules(['12', '13']) }, [
			{ code: '12', title: 'Workplace Safety Fundamentals' },
			{ code: 17, title: 'Fire Warden Refresher' },
		]);
		expect(run.status).toBe('success');
		expect(run.outputs[0][0].json).toMatchObject({
			lms: 'moodle',
			coursesListed: 2,
			findings: [
				expect.objectContaining({
					kind: 'course_without_rule',
					courseId: '17',
					courseName: 'Fire Warden Refresher',
				}),
				expect.objectContaining({ kind: 'rule_without_course', courseId: '13' }),
			],
		});
	});

	test('an item without a course id is refused, naming the field and the item', async () => {
		const folder = await ledgerWithCompletions();
		const run = await drift(folder, { ...INPUT, ruleSet: rules(['12']) }, [
			{ code: '12' },
			{ title: 'x' },
		]);
		expect(run.status).toBe('error');
		expect(run.error?.message).toBe('Course ID is empty in item 1');
	});

	test('an LMS expression that comes out empty is refused, naming the field', async () => {
		const folder = await ledgerWithCompletions();
		const lmsName = '={{ $json.lms }}';
		const run = await drift(folder, { ...INPUT, lmsName, ruleSet: rules(['12']) }, [
			{ code: '12' },
		]);
		expect(run.status).toBe('error');
		expect(run.error?.message).toBe('LMS is empty');
	});
});

describe('Credential Ledger: Get Configuration Drift (Canvas)', () => {
	/** A Canvas completion as Verify Completion decided it: source canvas. */
	const canvasItem = (learnerId: string, courseId: string) => {
		const businessKey = `canvas|${learnerId}|${courseId}|2026-05-04T09:30:00.000Z`;
		const subject = { learnerId, courseId, source: 'canvas', businessKey };
		return {
			...completionItem(learnerId, courseId),
			decision: decision(learnerId, courseId, { subject }),
		};
	};

	test('Canvas courses against the rules; Moodle completions in the same ledger are not compared', async () => {
		const folder = await ledgerWithCompletions();
		const decided = await runLedger({
			folder,
			items: [canvasItem('L-7', '565'), canvasItem('L-8', '566')],
			parameters: { ...RESERVE_PARAMS, operation: 'recordDecision' },
		});
		expect(decided.status).toBe('success');
		const run = await runLedger({
			folder,
			items: [{}],
			// 565 keyed by its course code by mistake.
			parameters: { ...DRIFT, courseSource: 'canvas', ruleSet: rules(['566', 'CS101']) },
			credentials: { canvasApi: { baseUrl: canvas.url(), accessToken: CANVAS_API_TOKEN } },
		});
		expect(run.status).toBe('success');
		expect(run.outputs[0][0].json).toMatchObject({ lms: 'Canvas', coursesListed: 3 });
		expect(run.outputs[0][0].json.findings).toEqual([
			expect.objectContaining({
				kind: 'course_without_rule',
				lms: 'Canvas',
				courseId: '565',
				courseName: 'Computer Science I',
				completions: 1,
			}),
			expect.objectContaining({
				kind: 'rule_without_course',
				courseId: 'CS101',
				action: 'Canvas course 565 is called "CS101": key the rule by the course id "565".',
			}),
		]);
	});
});
