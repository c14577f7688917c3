// Record Outcome → Issued with *Attributes From Certificate*: the public facts of the PDF the
// Certificate node rendered for the item go into the Issued entry, as template 06 records them,
// without a JavaScript expression; the holder's name never does, and an item without a
// certificate is refused naming the option, writing nothing.
import type { INodeParameters } from 'n8n-workflow';

import {
	RESERVE,
	RESERVE_PARAMS,
	chainEntries,
	completionItem,
	derivedKey,
	ledgerFolder,
	runLedger,
} from '../support/credential-ledger';

/** What Certificate (Render PDF) puts on an item, the fields Record reads and one it must not. */
const CERTIFICATE = {
	certificateId: 'CERT-7F3A',
	recipientName: 'Ana Lima',
	courseTitle: 'Spring CPE Conference 2026',
	sponsorName: 'Spring CPE Conference',
	creditUnit: 'CPE credits',
	credits: [
		{ credits: '2.6', fieldOfStudy: 'Accounting' },
		{ credits: '1', fieldOfStudy: 'Auditing' },
	],
	sha256: 'c'.repeat(64),
};

const issuedWith = (recordOptions: INodeParameters): INodeParameters => ({
	resource: 'credential',
	operation: 'record',
	idempotencyKey: derivedKey(),
	outcome: 'issued',
	platform: 'certificate-pdf',
	externalId: '={{ $json.certificate.certificateId }}',
	recordOptions,
});

async function reserved(folder: string) {
	const run = await runLedger({ folder, items: [completionItem()], parameters: RESERVE_PARAMS });
	return run.outputs[RESERVE.new][0].json;
}

test('the Issued entry holds title, issuer, credits with unit and field, and the PDF hash', async () => {
	const folder = ledgerFolder();
	const item = { ...(await reserved(folder)), certificate: CERTIFICATE };
	const run = await runLedger({
		folder,
		items: [item],
		parameters: issuedWith({ attributesFromCertificate: true }),
	});
	expect(run.status).toBe('success');
	const issued = chainEntries(folder).find((entry) => entry.type === 'issued');
	expect(issued?.payload).toEqual({
		platform: 'certificate-pdf',
		externalId: 'CERT-7F3A',
		attributes: {
			credentialTitle: 'Spring CPE Conference 2026',
			issuer: 'Spring CPE Conference',
			credits: [
				{ credits: '2.6', unit: 'CPE credits', fieldOfStudy: 'Accounting' },
				{ credits: '1', unit: 'CPE credits', fieldOfStudy: 'Auditing' },
			],
			sha256: 'c'.repeat(64),
		},
	});
	expect(JSON.stringify(chainEntries(folder))).not.toContain('Ana Lima');
});

test('a field also set in Attributes keeps the Attributes value', async () => {
	const folder = ledgerFolder();
	const item = { ...(await reserved(folder)), certificate: CERTIFICATE };
	await runLedger({
		folder,
		items: [item],
		parameters: issuedWith({
			attributesFromCertificate: true,
			attributes: '{"issuer": "Spring CPE Conference (sponsor 000000)", "room": "Hall B"}',
		}),
	});
	const issued = chainEntries(folder).find((entry) => entry.type === 'issued');
	expect(issued?.payload).toMatchObject({
		attributes: {
			credentialTitle: 'Spring CPE Conference 2026',
			issuer: 'Spring CPE Conference (sponsor 000000)',
			room: 'Hall B',
			sha256: 'c'.repeat(64),
		},
	});
});

test('an item without a certificate is refused naming the option, and nothing is written', async () => {
	const folder = ledgerFolder();
	const item = await reserved(folder);
	const before = chainEntries(folder).length;
	const run = await runLedger({
		folder,
		items: [item],
		parameters: { ...issuedWith({ attributesFromCertificate: true }), externalId: 'CERT-1' },
	});
	expect(run.status).toBe('error');
	expect(run.error?.message).toMatch(
		/^Item 0: .*Attributes From Certificate: the item has no certificate field/,
	);
	expect(chainEntries(folder)).toHaveLength(before);
});
