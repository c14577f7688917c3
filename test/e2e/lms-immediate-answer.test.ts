// "Immediately" must not lose a completion whose run could not start. In a real n8n, an external
// hook refuses to start the run of the first delivery (as a database that cannot take the new
// execution does); the LMS's identical retry must then be accepted as fresh and start exactly one
// run. n8n 2.x answers "Immediately" only once the run is started, so the first answer is an
// error status; n8n 1.x answers before it starts the run, which the node cannot change: there the
// operator picks "When Last Node Finishes" (docs/nodes/MoodleTrigger.md), and this file pins that
// limit so a change in it is noticed.
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { createInstanceWithPackage } from './support/describe-workflows';
import {
	currentLine,
	harness,
	restSessions,
	type HttpResponse,
	type Instance,
	type LoadedWorkflow,
	type RestSession,
} from './support/harness';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const lmsSender = require('../simulators/lms/webhook-sender') as {
	moodle(
		event: object,
		options: { token: string },
	): { body: string; headers: Record<string, string> };
};
// eslint-disable-next-line @typescript-eslint/no-require-imports
const lmsSamples = require('../simulators/lms/sample-data') as { MOODLE_WEBHOOK_TOKEN: string };

const { line, n8nVersion } = currentLine();
const MOODLE_CREDENTIAL = { id: 'immediate-moodle-token', name: 'Moodle webhook token' };
const workflowJson = {
	name: 'Test: Moodle completion answered Immediately',
	nodes: [
		{
			id: 'immediate-trigger',
			name: 'Moodle Trigger',
			type: 'n8n-nodes-certificate-delivery.moodleTrigger',
			typeVersion: 1,
			position: [0, 0],
			webhookId: '4f0d9e52-6a0b-4b83-9d1c-3f4f2a9b7e10',
			// The default answer is Immediately: left unset, as a new node has it.
			parameters: {},
			credentials: { moodleWebhookApi: MOODLE_CREDENTIAL },
		},
		{
			id: 'immediate-done',
			name: 'Handled',
			type: 'n8n-nodes-base.noOp',
			typeVersion: 1,
			position: [220, 0],
			parameters: {},
		},
	],
	connections: { 'Moodle Trigger': { main: [[{ node: 'Handled', type: 'main', index: 0 }]] } },
	settings: { executionOrder: 'v1' },
};

// One delivery, sent byte for byte again as the LMS retries it.
const delivery = lmsSender.moodle(
	{
		eventname: '\\core\\event\\course_completed',
		component: 'core',
		action: 'completed',
		target: 'course',
		objecttable: 'course_completions',
		objectid: 902,
		courseid: 12,
		userid: 2,
		relateduserid: 58,
		timecreated: Math.floor(Date.now() / 1000),
	},
	{ token: lmsSamples.MOODLE_WEBHOOK_TOKEN },
);

/** n8n's external hook: while the flag file exists, no run of any workflow may start. */
const hookSource = (flag: string) => `
const { existsSync } = require('node:fs');
module.exports = {
	workflow: {
		preExecute: [
			async () => {
				if (existsSync(${JSON.stringify(flag)})) throw new Error('The run could not be started');
			},
		],
	},
};
`;

describe(`LMS trigger answering Immediately, in n8n ${n8nVersion}`, () => {
	let n8n: Instance;
	let folder: string;
	let flow: LoadedWorkflow;
	let session: RestSession;
	const flag = () => path.join(folder, 'refuse-runs');

	beforeAll(async () => {
		folder = mkdtempSync(path.join(tmpdir(), 'immediate-answer-'));
		writeFileSync(path.join(folder, 'hooks.js'), hookSource(flag()));
		const flows = path.join(folder, 'workflows');
		mkdirSync(flows);
		writeFileSync(path.join(flows, 'immediate.json'), JSON.stringify(workflowJson));
		[flow] = harness.loadWorkflowDir(flows);
		n8n = await createInstanceWithPackage(line);
		await n8n.importCredentials([
			{
				...MOODLE_CREDENTIAL,
				type: 'moodleWebhookApi',
				data: { token: lmsSamples.MOODLE_WEBHOOK_TOKEN },
			},
		]);
		await n8n.importWorkflow(flow);
		await n8n.activate(flow.id);
		await n8n.start({ extraEnv: { EXTERNAL_HOOK_FILES: path.join(folder, 'hooks.js') } });
		await n8n.waitForHttp('/rest/settings');
		session = restSessions.createSession(n8n.baseUrl);
		if (await session.ownerMissing())
			await session.setupOwner({
				email: 'owner@example.org',
				password: restSessions.generatePassword(),
			});
		await n8n.waitForWebhook({ ...flow.webhooks[0], workflowId: flow.id });
	});

	afterAll(async () => {
		await n8n?.dispose();
		if (folder) rmSync(folder, { recursive: true, force: true });
	});

	const deliver = async (): Promise<HttpResponse> =>
		await n8n.request('POST', flow.webhooks[0].path, {
			body: delivery.body,
			headers: delivery.headers,
		});

	/** The LMS's retry: a 409 (the first answer still settling) is retried as its Retry-After says. */
	const retry = async (): Promise<HttpResponse> => {
		const deadline = Date.now() + 10_000;
		for (;;) {
			const answer = await deliver();
			if (answer.status !== 409 || Date.now() > deadline) return answer;
			await new Promise((resolve) => setTimeout(resolve, 200));
		}
	};

	/** This workflow's stored executions, once `expected` are stored or 15 s have passed. */
	const executions = async (expected: number): Promise<Array<{ status: string }>> => {
		const filter = encodeURIComponent(JSON.stringify({ workflowId: flow.id }));
		const deadline = Date.now() + 15_000;
		for (;;) {
			const listed = (await session.get(`/rest/executions?filter=${filter}`)) as {
				data: { results: Array<{ status: string }> };
			};
			const finished = listed.data.results.filter((e) => !['new', 'running'].includes(e.status));
			if (finished.length >= expected || Date.now() > deadline) return finished;
			await new Promise((resolve) => setTimeout(resolve, 250));
		}
	};

	const withLog = (answer: HttpResponse, check: () => void) => {
		try {
			check();
		} catch (error) {
			(error as Error).message +=
				`\n--- answer ---\n${answer.status} ${answer.text.slice(0, 500)}\n--- server log ---\n` +
				(n8n.server?.logTail() ?? '');
			throw error;
		}
	};

	if (line !== '1') {
		test('a run that could not start gets an error status; the retry starts exactly one run', async () => {
			writeFileSync(flag(), '');
			const refused = await deliver();
			withLog(refused, () => expect(refused.status).toBeGreaterThanOrEqual(500));
			rmSync(flag());

			const accepted = await retry();
			withLog(accepted, () => {
				expect(accepted.status).toBe(200);
				// n8n's own answer once the run started, not a response built before it.
				expect(accepted.body).toEqual({ message: 'Workflow was started' });
			});
			expect((await executions(1)).map((e) => e.status)).toEqual(['success']);

			const replay = await retry();
			withLog(replay, () =>
				expect(replay.body).toEqual({ status: 'duplicate', duplicates: [expect.any(String)] }),
			);
			expect(await executions(2)).toHaveLength(1);
			expect(existsSync(flag())).toBe(false);
		});
	} else {
		test('n8n 1.x answers 200 before it starts the run: the retry is a duplicate', async () => {
			writeFileSync(flag(), '');
			const first = await deliver();
			withLog(first, () =>
				expect(first).toMatchObject({ status: 200, body: { message: 'Workflow was started' } }),
			);
			rmSync(flag());
			const replay = await retry();
			withLog(replay, () =>
				expect(replay.body).toEqual({ status: 'duplicate', duplicates: [expect.any(String)] }),
			);
		});
	}
});
