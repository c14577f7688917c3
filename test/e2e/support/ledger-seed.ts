// A test-only workflow that puts an issued credential into the n8n instance's ledger, as an
// issuing template would (Reserve a decision, then Record Issued with the platform and its ID),
// and small HTTP helpers for tests that drive simulators and wait on what a workflow did.

export const SEED_PATH = 'claim-test-seed-issued';

const LEDGER_KEY_CREDENTIAL = {
	credentialLedgerSigningApi: { id: null, name: 'Credential Ledger signing key' },
};

/** POST {platform, externalId, template, decision} → the Record Issued output (ledger.key). */
export const seedWorkflow = {
	name: 'Test: seed an issued credential',
	nodes: [
		{
			id: 'seed-webhook',
			name: 'Seed',
			type: 'n8n-nodes-base.webhook',
			typeVersion: 2,
			position: [0, 0],
			webhookId: '5d1c3d4e-18aa-4c55-9f0e-5eed0000c1a1',
			parameters: { httpMethod: 'POST', path: SEED_PATH, responseMode: 'lastNode', options: {} },
		},
		{
			id: 'seed-reserve',
			name: 'Reserve',
			type: 'n8n-nodes-certificate-delivery.credentialLedger',
			typeVersion: 1,
			position: [220, 0],
			credentials: LEDGER_KEY_CREDENTIAL,
			parameters: {
				resource: 'credential',
				operation: 'reserve',
				learnerId: '={{ $json.body.decision.subject.learnerId }}',
				credentialTemplate: '={{ $json.body.template }}',
				courseId: '={{ $json.body.decision.subject.courseId }}',
				completion: '={{ $json.body.decision.subject.businessKey }}',
				decision: '={{ $json.body.decision }}',
				storeEvidence: false,
			},
		},
		{
			id: 'seed-issued',
			name: 'Record Issued',
			type: 'n8n-nodes-certificate-delivery.credentialLedger',
			typeVersion: 1,
			position: [440, 0],
			credentials: LEDGER_KEY_CREDENTIAL,
			parameters: {
				resource: 'credential',
				operation: 'record',
				outcome: 'issued',
				platform: '={{ $json.body.platform }}',
				externalId: '={{ $json.body.externalId }}',
			},
		},
	],
	connections: {
		Seed: { main: [[{ node: 'Reserve', type: 'main', index: 0 }]] },
		Reserve: { main: [[{ node: 'Record Issued', type: 'main', index: 0 }]] },
	},
	settings: { executionOrder: 'v1' },
};

export function decision(learnerId: string, courseId: string) {
	return {
		subject: {
			learnerId,
			courseId,
			source: 'moodle',
			businessKey: `moodle|${learnerId}|${courseId}|2026-05-04T09:30:00Z`,
		},
		outcome: 'verified',
		reasons: [{ code: 'ALL_CRITERIA_MET', detail: 'all criteria met' }],
		dataPoints: { score: 91 },
		ruleSetId: 'completion-rules',
		ruleVersion: '2026.1',
		ruleHash: 'b'.repeat(64),
		decidedAt: '2026-05-04T09:30:01.000Z',
	};
}

/** Polls `read` every 200 ms until `done` holds (30 s at most). */
export async function until<T>(what: string, read: () => Promise<T>, done: (value: T) => boolean) {
	const deadline = Date.now() + 30_000;
	for (;;) {
		const value = await read();
		if (done(value)) return value;
		if (Date.now() > deadline)
			throw new Error(`timed out waiting for ${what}: ${JSON.stringify(value)}`);
		await new Promise((resolve) => setTimeout(resolve, 200));
	}
}

export async function postJson(url: string, body: unknown): Promise<unknown> {
	const response = await fetch(url, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(body),
	});
	if (!response.ok)
		throw new Error(`POST ${url} answered ${response.status}: ${await response.text()}`);
	return await response.json();
}

export async function getJson(url: string): Promise<unknown> {
	const response = await fetch(url);
	if (!response.ok) throw new Error(`GET ${url} answered ${response.status}`);
	return await response.json();
}
