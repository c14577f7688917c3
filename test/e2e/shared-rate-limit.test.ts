// Parallel executions on one credential share one rate limiter. Template 04 (completion →
// Credly badge) is called for several learners at once in a real n8n; Credly allows 100
// requests a minute, so whatever the executions interleave, the requests reaching the Credly
// simulator must keep to one 600 ms slot each. A limiter per execution would send them together.
import * as path from 'path';

import { createInstanceWithPackage } from './support/describe-workflows';
import { currentLine, harness, REPO_ROOT } from './support/harness';
import type { Instance, LoadedWorkflow } from './support/harness';
import type { RunningSimulators } from './support/simulators';
import { startSimulatorsWithCredentials } from './support/simulators';
import { webhookTokenHeaders } from './support/webhook-token';

const TEMPLATE = '04-completion-to-credly-badge.json';
// CREDLY_RATE_LIMIT: 100 requests per 60 s, evenly spaced (burst 1).
const SLOT_MS = 600;
// Arrival times are taken by the simulator's clock; allow for timer and socket jitter.
const JITTER_MS = 60;
const LEARNERS = 6;

const completion = (i: number) => ({
	source: 'moodle',
	learner: { id: `rate-${i}`, name: `Learner ${i}`, email: `rate.${i}@example.org` },
	course: { id: 'SAFE-101' },
	completedAt: '2026-05-04T09:30:00Z',
	score: 86,
	timeSpentMinutes: 120,
	modules: ['hazard-basics', 'protective-equipment', 'final-quiz'].map((id) => ({
		id,
		status: 'completed',
	})),
});

const { line, n8nVersion } = currentLine();

describe(`one Credly rate limiter for parallel executions on n8n ${n8nVersion}`, () => {
	let n8n: Instance;
	let simulators: RunningSimulators;
	let workflow: LoadedWorkflow;

	beforeAll(async () => {
		n8n = await createInstanceWithPackage(line);
		simulators = await startSimulatorsWithCredentials(n8n);
		const found = harness
			.loadWorkflowDir(path.join(REPO_ROOT, 'workflows'))
			.find((wf) => wf.fileName === TEMPLATE);
		if (!found) throw new Error(`${TEMPLATE} not found`);
		workflow = found;
		await n8n.importWorkflow(workflow);
		await n8n.activate(workflow.id);
		await n8n.start();
		await n8n.waitForWebhook({ ...workflow.webhooks[0], workflowId: workflow.id });
	});
	afterAll(async () => {
		await n8n?.dispose();
		await simulators?.stop();
	});

	test(`${LEARNERS} simultaneous completions reach Credly one slot apart`, async () => {
		const credly = simulators.urls.credly;
		await fetch(`${credly}/__control/requests`, { method: 'DELETE' });
		const webhook = workflow.webhooks[0];
		const sentAt = Date.now();
		const responses = await Promise.all(
			Array.from({ length: LEARNERS }, (_, i) =>
				n8n.request(webhook.method, webhook.path, {
					body: completion(i),
					headers: webhookTokenHeaders(),
					timeoutMs: 120_000,
				}),
			),
		);
		expect(responses.map((r) => [r.status, (r.body as { status?: string }).status])).toEqual(
			Array.from({ length: LEARNERS }, () => [200, 'issued']),
		);

		const log = (await (await fetch(`${credly}/__control/requests`)).json()) as {
			requests: Array<{ at: number; method: string; path: string }>;
		};
		const times = log.requests.map((r) => r.at).sort((a, b) => a - b);
		// At least one issuing request per learner went through the limiter.
		expect(log.requests.filter((r) => r.method === 'POST').length).toBe(LEARNERS);
		// The limiter books slot i at (first booking + i × 600 ms), the first booking being no
		// earlier than the moment the completions were sent; a late timer may delay one request
		// (and shorten the gap to the next), but never lets one go before its slot.
		const early = times
			.map((at, i) => ({ request: i, msBeforeSlot: sentAt + i * SLOT_MS - at }))
			.filter((r) => r.msBeforeSlot > JITTER_MS);
		expect(early).toEqual([]);
	});
});
