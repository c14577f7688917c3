// Canvas Poll Trigger in the real engine against the Canvas REST simulator: a manual run
// ("Fetch Test Event") returns the latest completion, looked up; active polls run in n8n's own
// PollContext with the cursor in the node's static data, which survives a restart only as JSON.
import type { IDataObject } from 'n8n-workflow';

import { CANVAS_API_TOKEN } from '../../simulators/lms/sample-data';
import { pollTrigger, useLmsSimulator } from '../lms/support';

const NODE = 'Canvas Poll Trigger';
const { url, control: canvas } = useLmsSimulator('canvas');
const { manualRun, activePoll, courseOptions } = pollTrigger({
	name: NODE,
	type: 'n8n-nodes-certificate-delivery.canvasPollTrigger',
	credentialType: 'canvasApi',
	credentialName: 'Canvas account',
	credentialData: (accessToken = CANVAS_API_TOKEN) => ({ baseUrl: url(), accessToken }),
});

test('a manual run returns the latest completion with score, time on task and email looked up', async () => {
	const result = await manualRun({ courseIds: ['565'] });
	expect(result.status).toBe('success');
	const items = result.outputs[NODE][0].map((item) => item.json);
	expect(items).toEqual([
		{
			source: 'canvas',
			learner: { id: '124', name: 'Ada Lovelace', email: 'ada.lovelace@example.org' },
			course: { id: '565', name: 'Computer Science I' },
			completedAt: '2024-06-03T16:00:00.000Z',
			completedAtOriginal: '2024-06-03T16:00:00Z',
			score: 88,
			maxScore: 100,
			scoreOriginal: { value: 88, min: 0, max: 100 },
			timeSpentMinutes: 255,
			enrichment: {
				status: 'enriched',
				source: 'canvas rest api',
				fields: ['learner.email', 'score', 'timeSpentMinutes'],
			},
			raw: expect.objectContaining({ course_id: '565', user_id: '124' }),
			businessKey: 'canvas|124|565|2024-06-03T16:00:00Z',
		},
	]);
	expect(JSON.stringify(result.run.data)).not.toContain(CANVAS_API_TOKEN);
});

test('a wrong token fails with Canvas’s message and the fix, leaking no token', async () => {
	const result = await manualRun({ courseIds: ['565'] }, 'wrong-token-4711');
	expect(result.status).toBe('error');
	expect(result.error?.message).toContain('HTTP 401: Invalid access token.');
	expect(result.error?.description).toContain('Approved Integrations');
	expect(JSON.stringify(result.error)).not.toContain('wrong-token-4711');
	expect(JSON.stringify(result.run.data)).not.toContain('wrong-token-4711');
});

test('an unknown course id fails naming the field and the course', async () => {
	const result = await manualRun({ courseIds: ['565', '999'] });
	expect(result.status).toBe('error');
	expect(result.error?.message).toBe(
		'"Course Names or IDs": Canvas does not know course 999 (HTTP 404)',
	);
	expect(result.error?.description).toContain('the number after /courses/');
});

test('a course id that is not a number is refused before Canvas is called', async () => {
	const result = await manualRun({ courseIds: 'CS101' });
	expect(result.status).toBe('error');
	expect(result.error?.message).toContain('"Course Names or IDs" holds "CS101"');
});

test('a named course without module requirements fails with the fix', async () => {
	const result = await manualRun({ courseIds: ['567'] });
	expect(result.status).toBe('error');
	expect(result.error?.message).toContain('HTTP 400');
	expect(result.error?.description).toContain('module requirements');
});

test('active polls: boundary-second completions are neither lost nor repeated, also after a restart', async () => {
	const parameters = { courseIds: ['565', '566'] };
	let poll = await activePoll(parameters, {});
	expect(poll.items).toEqual([]);
	const at = new Date(Math.floor(Date.now() / 1000) * 1000 + 5000).toISOString();
	await canvas('/__control/complete', { courseId: 565, at, count: 3 });
	poll = await activePoll(parameters, poll.staticData);
	expect(poll.items).toHaveLength(3);
	expect(poll.items.every((item) => typeof item.score === 'number')).toBe(true);
	const first = poll.items.map((item) => item.businessKey);
	expect(JSON.stringify(poll.staticData).length).toBeLessThan(2000);

	// Two more in the same second, in the other course.
	await canvas('/__control/complete', { courseId: 566, at, count: 2 });
	poll = await activePoll(parameters, poll.staticData);
	expect(poll.items.map((item) => (item.course as IDataObject).id)).toEqual(['566', '566']);
	expect(poll.items.filter((item) => first.includes(item.businessKey))).toEqual([]);

	const restored = JSON.parse(JSON.stringify(poll.staticData)) as IDataObject;
	poll = await activePoll(parameters, restored);
	expect(poll.items).toEqual([]);
	await canvas('/__control/complete', { courseId: 566, userId: 125, at });
	poll = await activePoll(parameters, poll.staticData);
	expect(poll.items.map((item) => item.learner)).toEqual([
		{ id: '125', name: 'Grace Hopper', email: 'grace.hopper@example.org' },
	]);
});

test('"Completed Since" emits earlier completions on activation', async () => {
	let poll = await activePoll({ courseIds: ['565'], since: '2024-01-01T00:00:00Z' }, {});
	expect(poll.items.map((item) => (item.learner as IDataObject).id)).toEqual(['124']);
	poll = await activePoll({ courseIds: ['565'], since: '2024-01-01T00:00:00Z' }, poll.staticData);
	expect(poll.items).toEqual([]);
	poll = await activePoll({ courseIds: ['565'], since: '2019-01-01T00:00:00Z' }, poll.staticData);
	expect(poll.items.map((item) => (item.learner as IDataObject).id)).toEqual(['123', '124']);
});

test('the course dropdown lists the courses the token can see', async () => {
	expect(await courseOptions()).toEqual([
		{ name: 'Computer Science I (565)', value: '565' },
		{ name: 'Workplace Safety Fundamentals (566)', value: '566' },
		{ name: 'Open Reading Room (no modules) (567)', value: '567' },
	]);
});
