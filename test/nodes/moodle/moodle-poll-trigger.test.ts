// Moodle Poll Trigger in the real engine against the Moodle web-services simulator: a manual run
// ("Fetch Test Event") returns the latest completion; active polls run in n8n's own PollContext
// with the cursor in the node's static data, which survives a restart only as JSON.
import type { IDataObject } from 'n8n-workflow';

import { MOODLE_WS_TOKEN } from '../../simulators/lms/sample-data';
import { pollTrigger, useLmsSimulator } from '../lms/support';

const NODE = 'Moodle Poll Trigger';
const { url, control: moodle } = useLmsSimulator('moodle');
const { manualRun, activePoll, courseOptions } = pollTrigger({
	name: NODE,
	type: 'n8n-nodes-certificate-delivery.moodlePollTrigger',
	credentialType: 'moodleApi',
	credentialName: 'Moodle',
	credentialData: (token = MOODLE_WS_TOKEN) => ({ baseUrl: url(), token }),
});

test('a manual run returns the latest completion as an exact completion event', async () => {
	await moodle('/__control/complete', { courseId: 12, userId: 57, at: 1717430400 });
	await moodle('/__control/complete', { courseId: 12, userId: 58, at: 1717430100 });
	const result = await manualRun({ courseIds: ['12'] });
	expect(result.status).toBe('success');
	const items = result.outputs[NODE][0].map((item) => item.json);
	expect(items).toHaveLength(1);
	expect(items[0]).toMatchObject({
		source: 'moodle',
		learner: { id: '57', email: 'ana.lima@example.org', name: 'Ana Lima' },
		course: { id: '12', name: 'Workplace Safety Fundamentals' },
		completedAt: '2024-06-03T16:00:00.000Z',
		completedAtOriginal: 1717430400,
		businessKey: 'moodle|57|12|2024-06-03T16:00:00Z',
		raw: {
			courseid: '12',
			userid: '57',
			completionstatus: expect.objectContaining({ completed: true }),
		},
	});
});

test('"all courses" reads every tracked course and skips the one without criteria', async () => {
	await moodle('/__control/complete', { courseId: 13, userId: 59, at: 1717430400 });
	const result = await manualRun();
	expect(result.status).toBe('success');
	expect(result.outputs[NODE][0][0].json).toMatchObject({
		course: { id: '13', name: 'Data Protection Basics' },
		// "any criterion": dated by the first criterion the learner met.
		completedAt: '2024-06-03T16:00:00.000Z',
	});
	expect(result.outputs[NODE][0]).toHaveLength(1);
});

test('a wrong token (HTTP 200 exception body) fails with the code and the fix, leaking no token', async () => {
	const result = await manualRun({ courseIds: ['12'] }, 'wrong-token-4711');
	expect(result.status).toBe('error');
	expect(result.error?.message).toContain('[invalidtoken]');
	expect(result.error?.description).toContain('Manage tokens');
	expect(JSON.stringify(result.error)).not.toContain('wrong-token-4711');
	expect(JSON.stringify(result.run.data)).not.toContain('wrong-token-4711');
});

test('a named course without completion criteria fails with nocriteriaset and names the course', async () => {
	const result = await manualRun({ courseIds: ['14'] });
	expect(result.status).toBe('error');
	expect(result.error?.message).toContain('[nocriteriaset]');
	expect(result.error?.message).toContain('course 14');
	expect(result.error?.description).toContain('completion criteria');
});

test('an unknown course id fails with invalidrecord and names the course', async () => {
	const result = await manualRun({ courseIds: ['99'] });
	expect(result.status).toBe('error');
	expect(result.error?.message).toContain('[invalidrecord]');
	expect(result.error?.message).toContain('course 99');
	expect(result.error?.description).toContain('course ids');
});

test('a function missing from the token’s service fails with accessexception and says which', async () => {
	await moodle('/__control/seed', {
		removeFunctions: ['core_completion_get_course_completion_status'],
	});
	const result = await manualRun({ courseIds: ['12'] });
	expect(result.status).toBe('error');
	expect(result.error?.message).toContain(
		'Moodle refused core_completion_get_course_completion_status',
	);
	expect(result.error?.description).toContain('External services');
});

test('a course id that is not a number is refused before Moodle is called', async () => {
	const result = await manualRun({ courseIds: 'SAFE101' });
	expect(result.status).toBe('error');
	expect(result.error?.message).toContain('"SAFE101"');
});

test('active polls: boundary-second completions are neither lost nor repeated, also after a restart', async () => {
	const parameters = { courseIds: ['12'] };
	// Activation: the cursor starts at "now", nothing is emitted, Moodle is not asked.
	let poll = await activePoll(parameters, {});
	expect(poll.items).toEqual([]);
	const now = Math.floor(Date.now() / 1000) + 5;
	await moodle('/__control/complete', { courseId: 12, at: now, count: 3 });
	poll = await activePoll(parameters, poll.staticData);
	expect(poll.items).toHaveLength(3);
	const first = poll.items.map((item) => item.businessKey);
	expect(JSON.stringify(poll.staticData).length).toBeLessThan(2000);

	// Two more learners finish in the same second, seen only now (cron was late).
	await moodle('/__control/complete', { courseId: 12, at: now, count: 2 });
	poll = await activePoll(parameters, poll.staticData);
	expect(poll.items).toHaveLength(2);
	const second = poll.items.map((item) => item.businessKey);
	expect(second.filter((key) => first.includes(key))).toEqual([]);

	// A restart: only the JSON static data comes back.
	const restored = JSON.parse(JSON.stringify(poll.staticData)) as IDataObject;
	poll = await activePoll(parameters, restored);
	expect(poll.items).toEqual([]);
	await moodle('/__control/complete', { courseId: 12, userId: 58, at: now + 1 });
	poll = await activePoll(parameters, poll.staticData);
	expect(poll.items.map((item) => item.learner)).toEqual([
		{ id: '58', email: 'john.smith@example.org', name: 'John Smith' },
	]);
});

test('"Completed Since" emits earlier completions on activation, and changing it restarts', async () => {
	await moodle('/__control/complete', { courseId: 12, userId: 57, at: 1717430400 });
	await moodle('/__control/complete', { courseId: 12, userId: 58, at: 1717000000 });
	let poll = await activePoll({ courseIds: ['12'], since: '2024-06-01T00:00:00Z' }, {});
	expect(poll.items.map((item) => (item.learner as IDataObject).id)).toEqual(['57']);
	poll = await activePoll({ courseIds: ['12'], since: '2024-06-01T00:00:00Z' }, poll.staticData);
	expect(poll.items).toEqual([]);
	poll = await activePoll({ courseIds: ['12'], since: '2024-01-01T00:00:00Z' }, poll.staticData);
	expect(poll.items.map((item) => (item.learner as IDataObject).id)).toEqual(['58', '57']);
});

test('the course dropdown lists the courses the token can see, without the front page', async () => {
	expect(await courseOptions()).toEqual([
		{ name: 'Workplace Safety Fundamentals (12)', value: '12' },
		{ name: 'Data Protection Basics (13)', value: '13' },
		{ name: 'Draft Course (no criteria) (14)', value: '14' },
		{ name: 'Open Reading Room (15)', value: '15' },
		{ name: 'Advanced Workplace Safety (16)', value: '16' },
	]);
});

test('"Add Learner Details": a manual run adds the grade and prerequisites to the sample', async () => {
	await moodle('/__control/complete', { courseId: 12, userId: 57, at: 1717000000 });
	await moodle('/__control/complete', { courseId: 16, userId: 57, at: 1717430400 });
	const result = await manualRun({ courseIds: ['16'], enrich: true });
	expect(result.status).toBe('success');
	expect(result.outputs[NODE][0].map((item) => item.json)).toEqual([
		expect.objectContaining({
			learner: { id: '57', email: 'ana.lima@example.org', name: 'Ana Lima' },
			course: { id: '16', name: 'Advanced Workplace Safety' },
			score: 85,
			maxScore: 100,
			scoreOriginal: { value: 17, min: 0, max: 20, text: '17.00' },
			prerequisites: [
				{
					courseId: '12',
					name: 'Workplace Safety Fundamentals',
					status: 'completed',
					completedAt: '2024-05-29T16:26:40.000Z',
				},
			],
			// Name, email and course name came with the poll: only the rest was looked up.
			enrichment: {
				status: 'enriched',
				source: 'moodle web services',
				fields: ['score', 'prerequisites'],
			},
		}),
	]);
});

test('"Add Learner Details" on active polls looks up only what is emitted', async () => {
	const parameters = { courseIds: ['12'], enrich: true };
	let poll = await activePoll(parameters, {});
	const now = Math.floor(Date.now() / 1000) + 5;
	await moodle('/__control/complete', { courseId: 12, userId: 57, at: now });
	poll = await activePoll(parameters, poll.staticData);
	expect(poll.items).toEqual([
		expect.objectContaining({
			score: 86.5,
			enrichment: expect.objectContaining({ status: 'enriched' }),
		}),
	]);
	// The next poll reads the same completion again but emits nothing: no grade lookups.
	const before = await gradeLookups();
	await moodle('/__control/complete', { courseId: 12, userId: 58, at: now + 1 });
	poll = await activePoll(parameters, poll.staticData);
	expect(poll.items.map((item) => [(item.learner as IDataObject).id, item.score])).toEqual([
		['58', 64],
	]);
	expect((await gradeLookups()) - before).toBe(1);
});

test('"Add Learner Details" with the grade report refused: partial, the poll goes on', async () => {
	await moodle('/__control/complete', { courseId: 12, userId: 57, at: 1717430400 });
	await moodle('/__control/seed', { removeFunctions: ['gradereport_user_get_grade_items'] });
	const result = await manualRun({ courseIds: ['12'], enrich: true });
	expect(result.status).toBe('success');
	const item = result.outputs[NODE][0][0].json;
	expect(item.enrichment).toMatchObject({
		status: 'partial',
		fields: ['prerequisites'],
		errors: [{ step: 'grade', message: expect.stringContaining('[accessexception]') }],
	});
	expect(JSON.stringify(result.run.data)).not.toContain(MOODLE_WS_TOKEN);
});

async function gradeLookups(): Promise<number> {
	const response = await fetch(`${url()}/__control/calls`);
	const { calls } = (await response.json()) as { calls: Record<string, number> };
	return calls.gradereport_user_get_grade_items ?? 0;
}
