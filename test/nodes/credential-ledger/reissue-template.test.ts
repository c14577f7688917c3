// The reissue template in the real engine, for the two cases the end-to-end run of the template
// (test/e2e/templates/12-reissue-a-certificate.cases.ts, which covers every other answer) cannot
// set up: a certificate revoked in the ledger outside the template is refused, and a run that
// stopped after issuing the replacement is completed, not repeated.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { IConnections, IDataObject, INodeExecutionData } from 'n8n-workflow';

import { SIGNING, decision, ed25519Key, ledgerOf, runLedger } from '../support/credential-ledger';
import { REPO_ROOT } from '../support/pinned-n8n';
import { runWorkflow, type WorkflowJson, type WorkflowRunResult } from '../support/run-workflow';

const TEMPLATE = path.join(REPO_ROOT, 'workflows', '12-reissue-a-certificate.json');
const template = JSON.parse(readFileSync(TEMPLATE, 'utf8')) as WorkflowJson;
const credentials = { [SIGNING]: ed25519Key('template-key') };

/** The nodes reachable from `start` (the Manual Trigger or the webhook), as their own workflow. */
function branchFrom(workflow: WorkflowJson, start: string): WorkflowJson {
	const reached = new Set([start]);
	for (let grew = true; grew; ) {
		grew = false;
		for (const [from, outputs] of Object.entries(workflow.connections)) {
			if (!reached.has(from)) continue;
			for (const target of (outputs.main ?? []).flat()) {
				if (target && !reached.has(target.node)) {
					reached.add(target.node);
					grew = true;
				}
			}
		}
	}
	const connections: IConnections = Object.fromEntries(
		Object.entries(workflow.connections).filter(([from]) => reached.has(from)),
	);
	return { ...workflow, nodes: workflow.nodes.filter((n) => reached.has(n.name)), connections };
}

const ledgerFolder = () =>
	path.join(String(process.env.N8N_USER_FOLDER), '.n8n', 'credential-ledger');

const tryIt = branchFrom(template, 'Try it: issue a sample certificate');
// A manual run starts at a trigger: a Manual Trigger feeds the webhook node, whose request is
// pinned, so the Respond to Webhook nodes still find their webhook.
const webhookBranch = branchFrom(template, 'Reissue Request');
const reissueFlow: WorkflowJson = {
	...webhookBranch,
	nodes: [
		{
			name: 'Start',
			type: 'n8n-nodes-base.manualTrigger',
			typeVersion: 1,
			position: [-300, 0],
			parameters: {},
		},
		...webhookBranch.nodes,
	],
	connections: {
		Start: { main: [[{ node: 'Reissue Request', type: 'main', index: 0 }]] },
		...webhookBranch.connections,
	},
};

async function issueSample(learnerId = 'L-2041', name = 'Ana Lmia'): Promise<string> {
	return (await issueSampleWithKey(learnerId, name)).certificateId;
}

async function issueSampleWithKey(
	learnerId: string,
	name: string,
): Promise<{ certificateId: string; key: string }> {
	const pinData =
		learnerId === 'L-2041'
			? undefined
			: {
					'Sample verified completion': [
						{
							json: {
								learner: { id: learnerId, name },
								course: { id: 'SAFE-101', name: 'Workplace Safety Fundamentals' },
								completedAt: '2026-05-04T09:30:00.000Z',
								decision: decision(learnerId),
							},
						},
					],
				};
	const run = await runWorkflow(tryIt, { credentials, pinData });
	expect(run.error).toBeUndefined();
	const [recorded] = run.outputs['Record issued'][0];
	expect(ledgerOf(recorded)).toMatchObject({ recorded: 'issued' });
	const certificate = recorded.json.certificate as IDataObject;
	expect(certificate.recipientName).toBe(name);
	return { certificateId: String(certificate.certificateId), key: String(ledgerOf(recorded).key) };
}

async function reissue(body: IDataObject, workflow = reissueFlow): Promise<WorkflowRunResult> {
	const run = await runWorkflow(workflow, {
		credentials,
		pinData: { 'Reissue Request': [{ json: { headers: {}, params: {}, query: {}, body } }] },
	});
	expect(run.error).toBeUndefined();
	return run;
}

const request = (certificateId: string, learnerId = 'L-2041'): IDataObject => ({
	certificateId,
	learnerId,
	correctedName: 'Ana Lima',
	reason: 'name corrected',
	operator: 'registrar@example.org',
	courseTitle: 'Workplace Safety Fundamentals',
	completedOn: '2026-05-04',
});

const only = (run: WorkflowRunResult, node: string, output = 0): INodeExecutionData => {
	const items = run.outputs[node]?.[output] ?? [];
	expect(items).toHaveLength(1);
	return items[0];
};

function refusalOf(run: WorkflowRunResult): IDataObject {
	expect(run.outputs['Respond: Reissued']).toBeUndefined();
	return only(run, 'Respond: Cannot Reissue').json.refusal as IDataObject;
}

describe('template 12-reissue-a-certificate: what a real n8n run cannot set up', () => {
	test('a revoked certificate is refused (409) with the revocation', async () => {
		const { certificateId, key } = await issueSampleWithKey('L-4001', 'Alan Turnig');
		const revoked = await runLedger({
			folder: ledgerFolder(),
			signing: credentials[SIGNING],
			parameters: {
				resource: 'credential',
				operation: 'revoke',
				idempotencyKey: key,
				reason: 'issued in error',
				operator: 'registrar@example.org',
			},
		});
		expect(ledgerOf(revoked.outputs[0][0]).recorded).toBe('revoked');
		const refusal = refusalOf(await reissue(request(certificateId, 'L-4001')));
		expect(refusal.status).toBe(409);
		expect(refusal.error).toMatch(
			new RegExp(`^Certificate ${certificateId} was revoked on \\S+ \\(issued in error\\)`),
		);
	});

	test('a run that stopped after issuing the replacement is completed with the same ID', async () => {
		const oldId = await issueSample('L-3001', 'Grace Hoper');
		// The first run "crashes" after Record: Supersede never runs.
		const crashed: WorkflowJson = {
			...reissueFlow,
			connections: Object.fromEntries(
				Object.entries(reissueFlow.connections).filter(
					([from]) => from !== 'Record the replacement issued',
				),
			),
		};
		const first = await reissue(
			{ ...request(oldId, 'L-3001'), correctedName: 'Grace Hopper' },
			crashed,
		);
		const issuedId = (only(first, 'Record the replacement issued').json.certificate as IDataObject)
			.certificateId;
		expect(first.outputs['Supersede the original']).toBeUndefined();

		const again = await reissue({ ...request(oldId, 'L-3001'), correctedName: 'Grace Hopper' });
		expect(ledgerOf(only(again, 'Reserve the replacement', 1)).status).toBe('already_issued');
		expect(again.outputs['Record the replacement issued']).toBeUndefined();
		const answer = only(again, 'Respond: Reissued');
		expect((answer.json.certificate as IDataObject).certificateId).toBe(issuedId);
		expect(ledgerOf(answer)).toMatchObject({
			recorded: 'superseded',
			entry: { payload: { newCredential: { externalId: issuedId } } },
		});
	});
});
