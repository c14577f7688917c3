// The Open Badge node in a real n8n process (not jest): the packed package loads the W3C VC
// libraries, which are ES modules, from its CommonJS build, issues a badge through the ledger
// and serves the status list; the badge and list are checked here with the independent verifier.
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { verifyInChildProcess } from './support/badge-verifier';
import { createInstanceWithPackage } from './support/describe-workflows';
import { currentLine, harness, type Instance } from './support/harness';

const { line, n8nVersion } = currentLine();
const BASE = 'https://n8n.example.org/webhook/badges/status';
const CREDENTIALS = {
	openBadgeIssuerApi: { id: 'ob-issuer-e2e', name: 'Open Badge issuer (test)' },
	credentialLedgerSigningApi: { id: 'ob-ledger-e2e', name: 'Ledger key (test)' },
};
const node = (name: string, x: number, parameters: Record<string, unknown>) => ({
	id: `ob-${x}`,
	name,
	type: 'n8n-nodes-certificate-delivery.openBadge',
	typeVersion: 1,
	position: [x, 0],
	credentials: CREDENTIALS,
	parameters: { resource: 'badge', statusBaseUrl: BASE, ...parameters },
});
const workflow = {
	name: 'Test: issue an Open Badge and serve its status list',
	nodes: [
		{
			id: 'ob-t',
			name: 'Start',
			type: 'n8n-nodes-base.manualTrigger',
			typeVersion: 1,
			position: [0, 0],
			parameters: {},
		},
		node('Issue', 220, {
			operation: 'issue',
			key: 'badge:e2e:L-1',
			decision:
				'={{ { subject: { learnerId: "L-1", courseId: "SAFE-101", source: "moodle", businessKey: "moodle|L-1|SAFE-101|2026-05-04" }, outcome: "verified", reasons: [{ code: "ALL_CRITERIA_MET", detail: "ok" }], dataPoints: {}, ruleSetId: "r", ruleVersion: "1", ruleHash: "' +
				'c'.repeat(64) +
				'", decidedAt: "2026-05-04T09:30:01.000Z" } }}',
			achievementName: 'Safe Lifting Basics',
			achievementDescription: 'Completed the Safe Lifting Basics course.',
			criteria: 'Pass the final assessment.',
			recipientEmail: 'learner@example.org',
			issuedOn: '2026-05-04T10:00:00Z',
		}),
		node('Status List', 440, {
			operation: 'getStatusList',
			statusPurpose: 'revocation',
			listNumber: 0,
		}),
	],
	connections: {
		Start: { main: [[{ node: 'Issue', type: 'main', index: 0 }]] },
		Issue: { main: [[{ node: 'Status List', type: 'main', index: 0 }]] },
	},
	settings: { executionOrder: 'v1' },
};

describe(`Open Badge node in n8n ${n8nVersion}`, () => {
	let n8n: Instance;
	let folder: string;

	beforeAll(async () => {
		n8n = await createInstanceWithPackage(line);
		const pem = (type: 'ed25519') =>
			generateKeyPairSync(type).privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
		await n8n.importCredentials([
			{
				...CREDENTIALS.openBadgeIssuerApi,
				type: 'openBadgeIssuerApi',
				data: { privateKey: pem('ed25519'), identity: 'key', issuerName: 'Example Training Ltd' },
			},
			{
				...CREDENTIALS.credentialLedgerSigningApi,
				type: 'credentialLedgerSigningApi',
				data: { algorithm: 'ed25519', privateKey: pem('ed25519'), keyId: 'e2e-ledger' },
			},
		]);
		folder = mkdtempSync(path.join(tmpdir(), 'open-badge-flow-'));
		writeFileSync(path.join(folder, 'open-badge.json'), JSON.stringify(workflow));
		await n8n.importWorkflows(harness.loadWorkflowDir(folder));
	});

	afterAll(async () => {
		await n8n?.dispose();
		if (folder) rmSync(folder, { recursive: true, force: true });
	});

	test('issues a badge and a status list the independent verifier accepts', async () => {
		const [flow] = harness.loadWorkflowDir(folder);
		const run = await n8n.execute(flow.id);
		expect(run.data?.resultData?.error).toBeUndefined();
		// eslint-disable-next-line @typescript-eslint/no-explicit-any
		const [issued] = harness.nodeOutput(run, 'Status List') as Array<Record<string, any>>;
		expect(issued.openBadge).toMatchObject({ status: 'issued', key: 'badge:e2e:L-1' });
		const lists = { [`${BASE}/revocation/0`]: issued.statusListCredential };
		expect(verifyInChildProcess(issued.openBadge.credential, lists)).toEqual({
			verified: true,
			status: { revocation: false },
			errors: [],
		});
	});
});
