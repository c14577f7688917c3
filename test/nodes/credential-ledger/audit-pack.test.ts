// Get Audit Pack inside n8n: attendees reserved with CPE Credit's evidence file come back in one
// zip per event (read with unzip), with the evidence the chain committed to and nothing of
// another event; an unknown event id fails the item by name.
import { createHash } from 'node:crypto';

import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { canonicalJson } from '../../../nodes/core/domain/canonical';
import { deriveAttendeeEventKey } from '../../../nodes/core/domain/ledger';
import { removeTempFolders } from '../../unit/ledger/support/fixtures';
import { openZip } from '../../unit/ledger/support/zip-reader';
import { RULE_HASH, chainEntries, ledgerFolder, runLedger } from '../support/credential-ledger';

afterEach(removeTempFolders);

const EVENT = 'SPRING-CPE-2026';
const OTHER = 'FALL-CPE-2026';
const sha256 = (bytes: Buffer | string) => createHash('sha256').update(bytes).digest('hex');
const AUDIT_PACK = { resource: 'report', operation: 'auditPack' };

/** A roll-up item as CPE Credit passes it on, with its evidence file as binary "evidence". */
function attendeeItem(attendeeId: string, eventId: string): INodeExecutionData {
	const decision = {
		subject: { attendeeId, sessionId: 'A1', sessionIds: ['A1'] },
		outcome: 'full_credit',
		credits: '2',
		maxCredits: '2',
		attendedMinutes: 100,
		contentMinutes: 100,
		attendedPercent: 100,
		deliveryMethod: 'group-live',
		windowsUsed: [],
		reasons: [{ code: 'FULL_ATTENDANCE', detail: '' }],
		dataPoints: {},
		ruleSetId: 'nasba-fifths',
		ruleVersion: '2026.1',
		ruleHash: RULE_HASH,
		decidedAt: '2026-05-20T09:59:00.000Z',
	};
	const file = canonicalJson({ attendeeId, eventId, decisions: [decision], signals: [] });
	const json: IDataObject = {
		subject: { attendeeId, eventId, sessionIds: ['A1'] },
		outcome: 'full_credit',
		credits: '2',
		ruleSetId: 'nasba-fifths',
		ruleVersion: '2026.1',
		ruleHash: RULE_HASH,
		decidedAt: '2026-05-20T09:59:00.000Z',
		evidenceDigest: sha256(file),
	};
	return {
		json,
		binary: {
			evidence: {
				data: Buffer.from(file, 'utf8').toString('base64'),
				mimeType: 'application/json',
				fileName: 'evidence.json',
			},
		},
	};
}

async function eventLedger(): Promise<string> {
	const folder = ledgerFolder();
	const reserved = await runLedger({
		folder,
		inputItems: [
			attendeeItem('ada@example.com', EVENT),
			attendeeItem('A-0002', EVENT),
			attendeeItem('grace@example.com', OTHER),
		],
		parameters: {
			resource: 'credential',
			operation: 'reserve',
			keySource: 'attendeeEvent',
			decision: '={{ $json }}',
		},
	});
	expect(reserved.status).toBe('success');
	const issued = await runLedger({
		folder,
		items: [{ key: deriveAttendeeEventKey({ attendeeId: 'ada@example.com', eventId: EVENT }) }],
		parameters: {
			resource: 'credential',
			operation: 'record',
			idempotencyKey: '={{ $json.key }}',
			outcome: 'issued',
			platform: 'certificate-pdf',
			externalId: 'CERT-ADA',
			recordOptions: { attributes: JSON.stringify({ sha256: 'c'.repeat(64) }) },
		},
	});
	expect(issued.status).toBe('success');
	return folder;
}

describe('Credential Ledger: Get Audit Pack', () => {
	test("one zip per event: the event's attendees, their evidence as committed, the chain verified", async () => {
		const folder = await eventLedger();
		const run = await runLedger({
			folder,
			items: [{ event: EVENT }],
			parameters: { ...AUDIT_PACK, eventId: '={{ $json.event }}' },
		});
		expect(run.status).toBe('success');
		const [item] = run.outputs[0];
		const file = item.binary?.data;
		expect(file).toMatchObject({ mimeType: 'application/zip' });
		expect(file?.fileName).toMatch(/^audit-pack-SPRING-CPE-2026-\d{4}-\d{2}-\d{2}\.zip$/);
		expect(item.json.auditPack).toMatchObject({
			eventId: EVENT,
			attendees: 2,
			certificates: { valid: 1, not_issued: 1 },
			evidence: { present: 2 },
			chainVerified: true,
		});
		const pack = openZip(Buffer.from(String(file?.data), 'base64'));
		expect(pack.tested).toMatch(/No errors detected/);
		const certificates = pack.csv('certificates.csv');
		expect(
			certificates.map((row) => [row.attendee_id, row.certificate_id, row.pdf_sha256]),
		).toEqual([
			['ada@example.com', 'CERT-ADA', 'c'.repeat(64)],
			['A-0002', '', ''],
		]);
		const committed = chainEntries(folder)
			.filter((entry) => entry.type === 'decided')
			.map((entry) => [entry.key, entry.evidenceHash]);
		for (const row of certificates) {
			expect(committed).toContainEqual([row.key, row.evidence_hash]);
			expect(sha256(pack.read(`evidence/${row.key}.json`))).toBe(row.evidence_hash);
		}
		expect(pack.csv('roster.csv').map((row) => row.attendee_id)).toEqual([
			'ada@example.com',
			'A-0002',
		]);
		const verification = JSON.parse(pack.read('ledger-verification.json').toString('utf8'));
		expect(verification.result.ok).toBe(true);
		expect(verification.publicKeyPem).toMatch(/BEGIN PUBLIC KEY/);
		const everything = pack.names.map((name) => pack.read(name).toString('utf8')).join('\n');
		expect(everything).not.toContain('grace@example.com');
		expect(everything).not.toContain(OTHER);
	});

	test('an unknown event id fails the item, naming the event and the field to fix', async () => {
		const folder = await eventLedger();
		const run = await runLedger({
			folder,
			items: [{}],
			parameters: { ...AUDIT_PACK, eventId: 'SPRING-CPE-2025' },
		});
		expect(run.status).toBe('error');
		expect(run.error?.message).toMatch(
			/No CPE decision in this ledger names event "SPRING-CPE-2025"/,
		);
		expect(run.outputs).toEqual([]);
	});
});
