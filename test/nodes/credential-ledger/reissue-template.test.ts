// The reissue template in the real engine, branch by branch: the Try-it branch issues a PDF
// certificate through the ledger; a reissue request renders a new PDF with a new ID that names
// the old one and supersedes the old credential; repeats, unknown IDs and incomplete requests
// are refused; a run that stopped after issuing the replacement is completed, not repeated.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { IConnections, IDataObject, INodeExecutionData } from 'n8n-workflow';

import { extractTexts } from '../../unit/certificate/support/pdf-tools';
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
const chainLength = () =>
	readFileSync(path.join(ledgerFolder(), 'chain.jsonl'), 'utf8').split('\n').filter(Boolean).length;

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

describe('template 12-reissue-a-certificate', () => {
	let originalId: string;
	let replacementId: string;

	test('the Try-it branch issues a certificate through the ledger', async () => {
		originalId = await issueSample();
		expect(originalId).toMatch(/^C-/);
	});

	test('a reissue renders a new ID that names the old one and supersedes it in the ledger', async () => {
		const run = await reissue(request(originalId));
		const answer = only(run, 'Respond: Reissued');
		const certificate = answer.json.certificate as IDataObject;
		replacementId = String(certificate.certificateId);
		expect(replacementId).toMatch(/^C-/);
		expect(replacementId).not.toBe(originalId);
		expect(certificate).toMatchObject({
			recipientName: 'Ana Lima',
			supersedes: { certificateId: originalId, reason: 'name corrected' },
		});
		const pdf = Buffer.from(String(answer.json.pdfBase64), 'base64');
		const [text] = extractTexts([pdf]);
		expect(text).toContain('Ana Lima');
		expect(text).toContain(
			`Reissued: this certificate supersedes certificate ${originalId} (name corrected)`,
		);
		// The replacement is a credential of its own, issued, and the old one points at it.
		expect(ledgerOf(only(run, 'Record the replacement issued'))).toMatchObject({
			recorded: 'issued',
			entry: {
				actor: 'registrar@example.org',
				payload: { platform: 'certificate-pdf', externalId: replacementId },
			},
		});
		expect(ledgerOf(answer)).toMatchObject({
			recorded: 'superseded',
			entry: {
				actor: 'registrar@example.org',
				payload: {
					reason: 'name corrected',
					operator: 'registrar@example.org',
					newCredential: { platform: 'certificate-pdf', externalId: replacementId },
				},
			},
		});
	});

	test('the same certificate again is refused as already superseded (409)', async () => {
		const refusal = refusalOf(await reissue(request(originalId)));
		expect(refusal.status).toBe(409);
		expect(refusal.error).toContain(
			`Certificate ${originalId} was already superseded by ${replacementId}`,
		);
	});

	test('the replacement can itself be reissued later', async () => {
		const run = await reissue({ ...request(replacementId), correctedName: 'Ana Lima Souza' });
		const certificate = only(run, 'Respond: Reissued').json.certificate as IDataObject;
		expect(certificate.certificateId).not.toBe(replacementId);
		expect(certificate.certificateId).not.toBe(originalId);
		expect(certificate.supersedes).toMatchObject({ certificateId: replacementId });
	});

	test('an ID the ledger does not know is refused (404) and writes nothing', async () => {
		const before = chainLength();
		const refusal = refusalOf(await reissue(request('C-0000-0000-0000-0000')));
		expect(refusal).toEqual({
			status: 404,
			error: expect.stringContaining(
				'Certificate C-0000-0000-0000-0000 is not in the Credential Ledger for learner L-2041',
			),
		});
		// The same ID for another learner is not found either: lookups stay within the learner.
		const other = refusalOf(await reissue(request(originalId, 'L-9999')));
		expect(other.status).toBe(404);
		expect(chainLength()).toBe(before);
	});

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

	test('an incomplete request is refused (422) naming the missing fields', async () => {
		const refusal = refusalOf(
			await reissue({ ...request('C-0000-0000-0000-0000'), reason: ' ', operator: undefined }),
		);
		expect(refusal).toEqual({
			status: 422,
			error: expect.stringMatching(/^Missing reason, operator: /),
		});
		const noLearner = await reissue({ ...request(originalId), learnerId: '' });
		expect(only(noLearner, 'Respond: Refused').json.error).toMatch(/learnerId/);
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
