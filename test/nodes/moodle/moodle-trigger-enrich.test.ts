// Moodle Trigger's "Add Learner Details" in n8n's WebhookContext: a course_completed delivery is
// looked up through the Moodle web-services simulator with the moodleApi credential. Refusals
// (HTTP 200 exception bodies) mark the event partial or failed; the event is always emitted.
import type { IDataObject } from 'n8n-workflow';

import { MOODLE_WEBHOOK_TOKEN, MOODLE_WS_TOKEN } from '../../simulators/lms/sample-data';
import { callWebhook } from '../support/node-contexts';
import { useLmsSimulator } from '../lms/support';

const TYPE = 'n8n-nodes-certificate-delivery.moodleTrigger';
const { url, control: moodle, requests } = useLmsSimulator('moodle');
// Each delivery gets its own completion time: the trigger remembers emitted completions.
let clock = 1_717_430_400;

async function requestedFunctions(): Promise<string[]> {
	return (await requests()).map((r) => r.path);
}

const completedEvent = (learner: number, course: number) => ({
	eventname: '\\core\\event\\course_completed',
	component: 'core',
	action: 'completed',
	target: 'course',
	objecttable: 'course_completions',
	objectid: 812,
	crud: 'u',
	edulevel: 2,
	contextid: 145,
	contextlevel: 50,
	contextinstanceid: course,
	userid: 2,
	courseid: course,
	relateduserid: learner,
	anonymous: 0,
	other: { relateduserid: learner },
	timecreated: ++clock,
	token: MOODLE_WEBHOOK_TOKEN,
});

async function deliver(options: {
	enrich: boolean;
	wsToken?: string;
	baseUrl?: string;
	learner?: number;
	course?: number;
}) {
	const outcome = await callWebhook({
		type: TYPE,
		parameters: { enrich: options.enrich },
		credentials: {
			moodleWebhookApi: { token: MOODLE_WEBHOOK_TOKEN },
			moodleApi: {
				baseUrl: options.baseUrl ?? url(),
				token: options.wsToken ?? MOODLE_WS_TOKEN,
			},
		},
		nodeCredentials: {
			moodleWebhookApi: { id: '1', name: 'Moodle webhook token' },
			moodleApi: { id: '2', name: 'Moodle web services' },
		},
		body: completedEvent(options.learner ?? 57, options.course ?? 16),
	});
	expect(outcome.items).toHaveLength(1);
	return { ...outcome, item: outcome.items[0] };
}

test('enrich on: name, email, course name, grade on 0-100 and prerequisites are filled', async () => {
	await moodle('/__control/complete', { courseId: 12, userId: 57, at: 1717000000 });
	const { item, result } = await deliver({ enrich: true });
	expect(result.workflowData?.[0]).toHaveLength(1);
	expect(item).toMatchObject({
		source: 'moodle',
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
		enrichment: {
			status: 'enriched',
			source: 'moodle web services',
			fields: ['learner.email', 'learner.name', 'course.name', 'score', 'prerequisites'],
		},
	});
	expect(item.timeSpentMinutes).toBeUndefined();
	expect(item.enrichment).not.toHaveProperty('errors');
});

test('enrich off: the event is emitted as sent and Moodle is not asked', async () => {
	const { item } = await deliver({ enrich: false });
	expect(item.learner).toEqual({ id: '57' });
	expect(item).not.toHaveProperty('enrichment');
	expect(await requestedFunctions()).toEqual([]);
});

test('the grade report missing from the service: partial, accessexception and the fix', async () => {
	await moodle('/__control/seed', { removeFunctions: ['gradereport_user_get_grade_items'] });
	const { item } = await deliver({ enrich: true, course: 12 });
	expect(item).toMatchObject({
		learner: { id: '57', email: 'ana.lima@example.org', name: 'Ana Lima' },
		course: { id: '12', name: 'Workplace Safety Fundamentals' },
		prerequisites: [],
	});
	expect(item).not.toHaveProperty('score');
	const enrichment = item.enrichment as IDataObject;
	expect(enrichment.status).toBe('partial');
	expect(enrichment.errors).toEqual([
		{
			step: 'grade',
			message: expect.stringContaining(
				'Moodle refused gradereport_user_get_grade_items: Access control exception [accessexception]. Add gradereport_user_get_grade_items to the external service the token belongs to',
			),
		},
	]);
});

test('a bad web-service token: status failed with the fix, the completion still emitted', async () => {
	const { item, result } = await deliver({ enrich: true, wsToken: 'wrong-ws-token-4711' });
	expect(result.workflowData?.[0]).toHaveLength(1);
	expect(item).toMatchObject({
		learner: { id: '57' },
		course: { id: '16' },
		enrichment: {
			status: 'failed',
			fields: [],
			errors: [{ step: 'lookup', message: expect.stringContaining('[invalidtoken]') }],
		},
	});
	expect(((item.enrichment as IDataObject).errors as IDataObject[])[0].message).toContain(
		'Manage tokens',
	);
});

test('a Moodle API credential without a Site URL marks the lookup failed, not the delivery', async () => {
	const { item, result } = await deliver({ enrich: true, baseUrl: '' });
	expect(result.workflowData?.[0]).toHaveLength(1);
	expect(item.enrichment).toEqual({
		status: 'failed',
		source: 'moodle web services',
		fields: [],
		errors: [{ step: 'lookup', message: expect.stringContaining('no usable Site URL') }],
	});
});

test('no token, key or request URL appears in any output', async () => {
	await moodle('/__control/seed', { removeFunctions: ['core_user_get_users_by_field'] });
	const outputs = [
		await deliver({ enrich: true }),
		await deliver({ enrich: true, wsToken: 'wrong-ws-token-4711' }),
		await deliver({ enrich: true, learner: 58 }),
	].map(({ items, result, response }) => JSON.stringify({ items, result, response }));
	for (const text of outputs) {
		expect(text).not.toContain(MOODLE_WS_TOKEN);
		expect(text).not.toContain('wrong-ws-token-4711');
		expect(text).not.toContain(MOODLE_WEBHOOK_TOKEN);
		expect(text).not.toContain('wstoken');
		expect(text).not.toContain('server.php');
	}
	expect(outputs[0]).toContain('[accessexception]');
});
