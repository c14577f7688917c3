// The exactly-once template runs in the real engine with the ledger in its default folder
// (inside n8n's user folder): New, issued, the re-sent completion Already Issued, chain intact;
// a second run answers Already Issued at the first Reserve.
import { readFileSync } from 'node:fs';
import path from 'node:path';

import { SIGNING, ed25519Key, ledgerOf } from '../support/credential-ledger';
import { REPO_ROOT } from '../support/pinned-n8n';
import { runWorkflow, type WorkflowJson } from '../support/run-workflow';

const TEMPLATE = path.join(REPO_ROOT, 'workflows', '02-issue-exactly-once-with-ledger.json');

describe('template 02-issue-exactly-once-with-ledger', () => {
	const workflow = JSON.parse(readFileSync(TEMPLATE, 'utf8')) as WorkflowJson;
	const credentials = { [SIGNING]: ed25519Key('template-key') };

	test('first run: New, issued, the duplicate is Already Issued, the chain verifies', async () => {
		const run = await runWorkflow(workflow, { credentials });
		expect(run.error).toBeUndefined();
		expect(run.status).toBe('success');
		const reserved = run.outputs['Reserve credential'];
		expect(reserved[0].map((item) => ledgerOf(item).status)).toEqual(['new']);
		expect(ledgerOf(run.outputs['Record issued'][0][0])).toMatchObject({
			recorded: 'issued',
			seq: 3,
		});
		const again = run.outputs['Completion re-sent: Reserve again'];
		expect(again[0]).toEqual([]);
		expect(ledgerOf(again[1][0])).toMatchObject({
			status: 'already_issued',
			credential: { platform: 'demo-platform' },
		});
		expect(run.outputs['Verify ledger'][0][0].json).toMatchObject({
			ok: true,
			entries: 3,
			location: path.join(String(process.env.N8N_USER_FOLDER), '.n8n', 'credential-ledger'),
		});
	});

	test('second run: the first Reserve already answers Already Issued', async () => {
		const run = await runWorkflow(workflow, { credentials });
		const reserved = run.outputs['Reserve credential'];
		expect(reserved[0]).toEqual([]);
		expect(ledgerOf(reserved[1][0]).status).toBe('already_issued');
		expect(run.outputs['Record issued']).toBeUndefined();
		expect(run.outputs['Verify ledger'][0][0].json).toMatchObject({ ok: true, entries: 3 });
	});
});
