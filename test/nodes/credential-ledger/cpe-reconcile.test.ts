// Reconcile CPE Event inside n8n: the re-run's per-attendee items against the certificates the
// ledger holds, one item per attendee with its action (for a Switch), or the dry-run table.
import type { IDataObject } from 'n8n-workflow';

import { deriveAttendeeEventKey } from '../../../nodes/core/domain/ledger';
import { RULE_HASH, chainEntries, ledgerFolder, runLedger } from '../support/credential-ledger';

const EVENT = 'SPRING-CPE-2026';

/** CPE Credit's per-attendee item. */
function attendeeItem(attendeeId: string, a1: string, eventId = EVENT): IDataObject {
	const credits = String(1 + Number(a1));
	return {
		subject: { attendeeId, eventId, sessionIds: ['KEY', 'A1'] },
		outcome: 'partial_credit',
		credits,
		sessionCredits: [
			{ sessionId: 'KEY', credits: '1' },
			{ sessionId: 'A1', credits: a1 },
		],
		reasons: [{ code: 'PARTIAL_ATTENDANCE', detail: 'A1: left early' }],
		ruleSetId: 'nasba-fifths',
		ruleVersion: '2026.1',
		ruleHash: RULE_HASH,
		decidedAt: '2026-05-20T09:59:00.000Z',
	};
}

const RECONCILE = { resource: 'credential', operation: 'reconcileCpe', eventId: EVENT };

/** Ada and Grace issued as template 06 does: Reserve by attendee and event, Record Issued. */
async function issuedEvent(folder: string) {
	for (const [attendeeId, id] of [
		['ada@example.com', 'C-ADA'],
		['grace@example.com', 'C-GRACE'],
	]) {
		await runLedger({
			folder,
			items: [attendeeItem(attendeeId, '2')],
			parameters: {
				resource: 'credential',
				operation: 'reserve',
				keySource: 'attendeeEvent',
				decision: '={{ $json }}',
			},
		});
		// Issued and mailed, as template 06 records it: a certificate never sent is sent again.
		for (const outcome of [
			{ outcome: 'issued', platform: 'certificate-pdf', externalId: id },
			{ outcome: 'delivered', channel: 'email' },
		])
			await runLedger({
				folder,
				items: [{}],
				parameters: {
					resource: 'credential',
					operation: 'record',
					idempotencyKey: deriveAttendeeEventKey({ attendeeId, eventId: EVENT }),
					...outcome,
				},
			});
	}
}

describe('Credential Ledger: Reconcile CPE Event', () => {
	test('one item per attendee with its action, paired with its input, evidence file kept', async () => {
		const folder = ledgerFolder();
		await issuedEvent(folder);
		const before = chainEntries(folder).length;
		const evidence = { mimeType: 'application/json', data: Buffer.from('{}').toString('base64') };
		const run = await runLedger({
			folder,
			inputItems: [
				{ json: attendeeItem('ada@example.com', '2'), binary: { evidence } },
				{ json: attendeeItem('grace@example.com', '1.6') },
				{ json: attendeeItem('alan@example.com', '0.4') },
			],
			parameters: RECONCILE,
		});
		expect(run.status).toBe('success');
		const items = run.outputs[0];
		expect(items.map((item) => [item.json.action, item.pairedItem])).toEqual([
			['unchanged', { item: 0 }],
			['supersede', { item: 1 }],
			['issue', { item: 2 }],
		]);
		expect(items[0].binary?.evidence).toMatchObject({ mimeType: 'application/json' });
		const grace = deriveAttendeeEventKey({ attendeeId: 'grace@example.com', eventId: EVENT });
		expect(items[1].json.reconcile).toEqual({
			action: 'supersede',
			key: `${grace}.v2`,
			eventId: EVENT,
			attendeeId: 'grace@example.com',
			attendeeName: '',
			certificateId: 'C-GRACE',
			oldCredits: '3',
			newCredits: '2.6',
			supersedesKey: grace,
			supersedesCertificateId: 'C-GRACE',
			supersessionReason: 'credits changed: A1 2 → 1.6',
			reason: 'credits changed: A1 2 → 1.6',
		});
		// Reconcile plans; it writes nothing.
		expect(chainEntries(folder)).toHaveLength(before);
	});

	test('Dry Run: one item with the changes as CSV and HTML, nothing else', async () => {
		const folder = ledgerFolder();
		await issuedEvent(folder);
		const run = await runLedger({
			folder,
			items: [attendeeItem('ada@example.com', '2'), attendeeItem('grace@example.com', '1.6')],
			parameters: { ...RECONCILE, dryRun: true, fileIsComplete: true },
		});
		expect(run.outputs[0]).toHaveLength(1);
		const [plan] = run.outputs[0];
		expect(plan.json).toMatchObject({
			action: 'dry_run',
			counts: { supersede: 1, unchanged: 1, issue: 0, revoke: 0 },
			changes: [
				{
					attendee: 'grace@example.com',
					action: 'supersede',
					oldCredits: '3',
					newCredits: '2.6',
					certificateId: 'C-GRACE',
					reason: 'credits changed: A1 2 → 1.6',
				},
			],
		});
		const csv = Buffer.from(String(plan.binary?.plan.data), 'base64').toString('utf8');
		expect(csv).toBe(
			'attendee,name,action,old_credits,new_credits,certificate_id,reason\r\ngrace@example.com,,supersede,3,2.6,C-GRACE,credits changed: A1 2 → 1.6\r\n',
		);
		expect(plan.binary?.planPage).toMatchObject({
			mimeType: 'text/html',
			fileName: `planned-changes-${EVENT}.html`,
		});
	});

	test("another event's file stops the node, naming the item and the fix", async () => {
		const folder = ledgerFolder();
		await issuedEvent(folder);
		const run = await runLedger({
			folder,
			items: [attendeeItem('ada@example.com', '2', 'FALL-CPE-2026')],
			parameters: { ...RECONCILE, fileIsComplete: true },
		});
		expect(run.status).toBe('error');
		expect(run.error?.message).toMatch(
			/Item 0 \(attendee ada@example\.com\) is for event "FALL-CPE-2026", not "SPRING-CPE-2026": this file belongs to another event/,
		);
	});
});
