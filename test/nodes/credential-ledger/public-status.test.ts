// Get Public Status inside n8n's engine, with what feeds it: Record Issued's Holder Name as
// Printed (private evidence, never in the chain) and Attributes, Revoke's Public Reason Category.
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import {
	RESERVE,
	RESERVE_PARAMS,
	chainEntries,
	completionItem,
	derivedKey,
	ledgerFolder,
	runCredentialOperation,
	runLedger,
} from '../support/credential-ledger';

const ISSUED_WITH_PUBLIC_FIELDS = {
	resource: 'credential',
	operation: 'record',
	outcome: 'issued',
	platform: 'certificate-pdf',
	externalId: 'C-7K3M-9QXH-2B4N-T8VW',
	recordOptions: {
		holderName: 'Ana Lima',
		attributes: '{"credentialTitle": "Workplace Safety", "issuer": "Example Institute"}',
	},
};

async function issuedCertificate(): Promise<string> {
	const folder = ledgerFolder();
	const reserved = await runLedger({
		folder,
		items: [completionItem()],
		parameters: RESERVE_PARAMS,
	});
	await runLedger({
		folder,
		items: (reserved.outputs[RESERVE.new] ?? []).map((item) => item.json),
		parameters: ISSUED_WITH_PUBLIC_FIELDS,
	});
	return folder;
}

async function publicStatus(folder: string, certificateId: string, accept = '') {
	const run = await runLedger({
		folder,
		items: [{ params: { certificateId }, headers: { accept } }],
		parameters: { resource: 'credential', operation: 'publicStatus' },
	});
	expect(run.status).toBe('success');
	const item = run.outputs[0][0] as INodeExecutionData;
	return {
		view: item.json.publicStatus as IDataObject,
		response: item.json.response as { statusCode: number; contentType: string; body: string },
	};
}

describe('Credential Ledger: Get Public Status', () => {
	test('reads the id from the webhook path and answers JSON with the public fields', async () => {
		const folder = await issuedCertificate();
		const { view, response } = await publicStatus(
			folder,
			'C-7K3M-9QXH-2B4N-T8VW',
			'application/json',
		);
		expect(view).toMatchObject({
			status: 'valid',
			holderName: 'Ana Lima',
			credentialTitle: 'Workplace Safety',
			issuer: 'Example Institute',
		});
		expect(response.statusCode).toBe(200);
		expect(response.contentType).toMatch(/^application\/json/);
		expect(JSON.parse(response.body)).toEqual(view);
		expect(response.body).not.toContain(derivedKey());
	});

	test('the printed name is private evidence: never written to the chain', async () => {
		const folder = await issuedCertificate();
		const issued = chainEntries(folder).find((entry) => entry.type === 'issued') as IDataObject;
		expect(JSON.stringify(issued)).not.toContain('Ana Lima');
		expect(issued.evidenceHash).toMatch(/^[0-9a-f]{64}$/);
	});

	test('a browser gets the page; an unknown id is 404, a malformed one 400', async () => {
		const folder = await issuedCertificate();
		const page = await publicStatus(folder, 'C-7K3M-9QXH-2B4N-T8VW', 'text/html');
		expect(page.response.contentType).toMatch(/^text\/html/);
		expect(page.response.body).toContain('<h1 id="status">Valid</h1>');
		expect((await publicStatus(folder, 'C-NOPE')).response.statusCode).toBe(404);
		expect((await publicStatus(folder, 'x'.repeat(10_240))).response.statusCode).toBe(400);
	});

	test('Revoke with a Public Reason Category: the page shows the category, not the reason', async () => {
		const folder = await issuedCertificate();
		const revoked = await runCredentialOperation(folder, 'revoke', {
			idempotencyKey: derivedKey(),
			reason: 'exam taken by someone else',
			operator: 'registrar',
			category: 'misconduct',
		});
		expect(revoked.status).toBe('success');
		const { view, response } = await publicStatus(folder, 'C-7K3M-9QXH-2B4N-T8VW');
		expect(view).toMatchObject({ status: 'revoked', revocation: { category: 'misconduct' } });
		expect(response.body).toContain('reason: misconduct');
		expect(response.body).not.toContain('someone else');
	});
});
