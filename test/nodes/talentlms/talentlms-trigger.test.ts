// TalentLMS Trigger in the real engine: a manual poll ("Fetch Test Event") reads the simulator's
// timeline through the credential's Basic auth and returns the latest completion as an event.
import { TALENTLMS_API_KEY } from '../../simulators/lms/sample-data';
import { runWorkflow } from '../support/run-workflow';
import { useLmsSimulator } from '../lms/support';

const NODE = 'TalentLMS Trigger';
const { url, control } = useLmsSimulator('talentlms');

const workflow = {
	name: 'talentlms poll',
	nodes: [
		{
			name: NODE,
			type: 'n8n-nodes-certificate-delivery.talentLmsTrigger',
			typeVersion: 1,
			position: [0, 0] as [number, number],
			parameters: {},
			credentials: { talentLmsApi: { id: '1', name: 'TalentLMS' } },
		},
	],
	connections: {},
};

const credentials = (apiKey = TALENTLMS_API_KEY) => ({
	talentLmsApi: { environment: 'custom', baseUrl: url(), apiKey },
});

async function complete(body: object) {
	await control('/__control/complete', body);
}

test('a manual poll returns the latest completion as a completion event', async () => {
	await complete({ userId: '40457', courseId: '348', at: 1598158733 });
	await complete({ userId: '40458', courseId: '349', at: 1598158800 });
	const result = await runWorkflow(workflow, { credentials: credentials() });
	expect(result.status).toBe('success');
	expect(result.outputs[NODE][0].map((item) => item.json)).toEqual([
		expect.objectContaining({
			source: 'talentlms',
			learner: { id: '40458', email: 'ana.lima@example.org', name: 'Ana Lima' },
			course: { id: '349', name: 'Workplace Safety Fundamentals' },
			completedAt: '2020-08-23T05:00:00.000Z',
			completedAtOriginal: '1598158800',
			businessKey: 'talentlms|40458|349|2020-08-23T05:00:00Z',
		}),
	]);
});

test('a wrong API key fails with TalentLMS message and the fix, and leaks no key', async () => {
	await complete({ userId: '40457', courseId: '348', at: 1598158733 });
	const result = await runWorkflow(workflow, { credentials: credentials('wrong-key-123') });
	expect(result.status).toBe('error');
	expect(result.error?.message).toContain('Invalid API key provided');
	expect(result.error?.description).toContain('API key in the TalentLMS credential');
	expect(JSON.stringify(result.error)).not.toContain('wrong-key-123');
});

test('an empty timeline gives no items', async () => {
	const result = await runWorkflow(workflow, { credentials: credentials() });
	expect(result.status).toBe('success');
	expect(result.outputs[NODE]?.[0] ?? []).toEqual([]);
});

const enrichWorkflow = {
	...workflow,
	nodes: [{ ...workflow.nodes[0], parameters: { enrich: true } }],
};

test('"Add Learner Details": time on task and the course test score on the emitted completion', async () => {
	await complete({ userId: '40457', courseId: '348', at: 1598158733 });
	const result = await runWorkflow(enrichWorkflow, { credentials: credentials() });
	expect(result.status).toBe('success');
	expect(result.outputs[NODE][0].map((item) => item.json)).toEqual([
		expect.objectContaining({
			learner: { id: '40457', email: 'john.smith@example.org', name: 'John Smith' },
			course: { id: '348', name: 'Compliance 101' },
			timeSpentMinutes: 63.28,
			score: 85,
			maxScore: 100,
			scoreOriginal: { value: 85, min: 0, max: 100, text: '85.00%' },
			enrichment: {
				status: 'enriched',
				source: 'talentlms api v1',
				fields: ['score', 'timeSpentMinutes'],
			},
		}),
	]);
	expect(JSON.stringify(result.run.data)).not.toContain(TALENTLMS_API_KEY);
});

test('"Add Learner Details" for a course without a test: time only, and a refusal marks partial', async () => {
	await complete({ userId: '40458', courseId: '349', at: 1598158800 });
	let result = await runWorkflow(enrichWorkflow, { credentials: credentials() });
	expect(result.outputs[NODE][0][0].json).toMatchObject({
		timeSpentMinutes: 0,
		enrichment: { status: 'enriched', fields: ['timeSpentMinutes'] },
	});
	expect(result.outputs[NODE][0][0].json).not.toHaveProperty('score');

	// The learner's test answers are gone: the score step fails, the time still arrives.
	await control('/__control/seed', {
		progress: [{ courseId: '348', userId: '40458', total_time: '47m 5s' }],
	});
	await complete({ userId: '40458', courseId: '348', at: 1598158900 });
	result = await runWorkflow(enrichWorkflow, { credentials: credentials() });
	expect(result.outputs[NODE][0][0].json).toMatchObject({
		timeSpentMinutes: 47.08,
		enrichment: {
			status: 'partial',
			fields: ['timeSpentMinutes'],
			errors: [
				{
					step: 'score',
					message: expect.stringContaining(
						'TalentLMS refused gettestanswers: The requested user has not completed this test',
					),
				},
			],
		},
	});
});
