// The Accredible template run in-process against the simulator: a verified completion is
// issued once and answered with the credential link; sending it again finds the same one.
import { readFileSync } from 'node:fs';
import path from 'node:path';

import { REPO_ROOT } from '../support/pinned-n8n';
import { runWorkflow, type WorkflowJson } from '../support/run-workflow';
import { startSim, type AccredibleSim } from '../support/accredible';

// Loading n8n and the node types can take more than jest's default 5 s on a busy machine.
jest.setTimeout(60_000);

let sim: AccredibleSim;
beforeAll(async () => {
	sim = await startSim();
});
afterAll(() => sim.sim.stop());

const shipped = JSON.parse(
	readFileSync(path.join(REPO_ROOT, 'workflows', '03-completion-to-accredible.json'), 'utf8'),
) as WorkflowJson;
// In-process runs have no HTTP request: the webhook becomes a Manual Trigger of the same name
// (its pinned item has the webhook's shape, { headers, query, body }) and each Respond node a
// No Op, whose output is what it was given. The e2e test calls the real webhook.
const template: WorkflowJson = {
	...shipped,
	nodes: shipped.nodes.map((node) => {
		if (node.name === 'Completion Webhook')
			return { ...node, type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, parameters: {} };
		if (node.type === 'n8n-nodes-base.respondToWebhook')
			return { ...node, type: 'n8n-nodes-base.noOp', typeVersion: 1, parameters: {} };
		return node;
	}),
};

const completion = {
	source: 'moodle',
	learner: { id: '42', name: 'Ana Lima', email: 'Ana@Example.com' },
	course: { id: 'PROG-101' },
	completedAt: '2026-05-04T09:30:00Z',
	score: 86,
	timeSpentMinutes: 120,
	modules: ['variables', 'loops', 'final-project'].map((id) => ({ id, status: 'completed' })),
};

async function post(body: unknown) {
	// The template's credential reference has a null id, as shipped; n8n links it by name on
	// import. Here the test credential stands in for it.
	const run = await runWorkflow(template, {
		pinData: { 'Completion Webhook': [{ json: { headers: {}, query: {}, body } as never }] },
		credentials: { accredibleApi: sim.credentialData },
	});
	expect(run.error).toBeUndefined();
	expect(run.status).toBe('success');
	return run;
}

describe('template 03: completion to Accredible', () => {
	test('verified: issued once with a link; the same completion again returns the same credential', async () => {
		const first = await post(completion);
		const [issued] = first.outputs['Respond: Credential'][0];
		expect(issued.json).toMatchObject({ status: 'issued', newlyIssued: true, groupId: '12472' });
		const again = await post(completion);
		const [repeat] = again.outputs['Respond: Credential'][0];
		expect(repeat.json).toMatchObject({
			status: 'already_issued',
			credentialId: issued.json.credentialId,
			url: issued.json.url,
		});
		const { total, duplicates } = await sim.control.issued();
		expect(total).toBe(1);
		expect(duplicates).toEqual([]);
	});

	test('not eligible and review outcomes issue nothing', async () => {
		await sim.control.reset();
		const low = await post({ ...completion, score: 40 });
		expect(low.outputs['Respond: Not Eligible'][0]).toHaveLength(1);
		const near = await post({ ...completion, score: 69 });
		expect(near.outputs['Respond: Needs Review'][0]).toHaveLength(1);
		expect((await sim.control.issued()).total).toBe(0);
	});

	test('a verified learner without an email goes to Issue Failed, naming the field', async () => {
		const run = await post({ ...completion, learner: { id: '7', name: 'No Mail' } });
		const [failed] = run.outputs['Respond: Issue Failed'][0];
		expect(String(failed.json.error)).toMatch(/Recipient Email/);
	});
});
