// Reserve and Record Decision with CPE Credit's per-attendee items: one key per attendee and
// event, e-mail attendee ids kept off the public chain, the signals kept as private evidence.
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { canonicalJson } from '../../../nodes/core/domain/canonical';
import { deriveAttendeeEventKey, evidenceDigestOf } from '../../../nodes/core/domain/ledger';
import {
	LEDGER_TYPE,
	RESERVE,
	RULE_HASH,
	SIGNING,
	chainEntries,
	ed25519Key,
	ledgerFolder,
	ledgerOf,
	runCredentialOperation,
	runLedger,
} from '../support/credential-ledger';
import { runWorkflow } from '../support/run-workflow';

const EVENT = 'SPRING-CPE-2026';
const SIGNALS = [
	{ attendeeId: 'ada@example.com', sessionId: 'A1', kind: 'scan', at: '2026-05-14T14:28:00Z' },
];

/** An item as CPE Credit's per-attendee output passes it on. */
function attendeeItem(attendeeId = 'ada@example.com', credits = '3'): IDataObject {
	return {
		subject: { attendeeId, eventId: EVENT, sessionIds: ['KEY', 'A1'] },
		outcome: 'full_credit',
		credits,
		sessionCredits: [
			{ sessionId: 'KEY', credits: '1', fieldOfStudy: 'Auditing' },
			{ sessionId: 'A1', credits: String(Number(credits) - 1), fieldOfStudy: 'Accounting' },
		],
		reasons: [{ code: 'FULL_ATTENDANCE', detail: 'all content attended' }],
		ruleSetId: 'nasba-fifths',
		ruleVersion: '2026.1',
		ruleHash: RULE_HASH,
		decidedAt: '2026-05-20T09:59:00.000Z',
		evidenceDigest: evidenceDigestOf(SIGNALS),
		attendeeName: 'Ada Lovelace',
	};
}

const CPE_RESERVE = {
	resource: 'credential',
	operation: 'reserve',
	keySource: 'attendeeEvent',
	decision: '={{ $json }}',
};

describe('Credential Ledger: CPE decisions', () => {
	test('Reserve keys by attendee and event; the same attendee and event again is Already Issued', async () => {
		const folder = ledgerFolder();
		const first = await runLedger({ folder, items: [attendeeItem()], parameters: CPE_RESERVE });
		expect(first.status).toBe('success');
		const key = deriveAttendeeEventKey({ attendeeId: 'ada@example.com', eventId: EVENT });
		expect(ledgerOf(first.outputs[RESERVE.new][0])).toMatchObject({ status: 'new', key });
		await runLedger({
			folder,
			items: [{ ledger: { key } }],
			parameters: {
				resource: 'credential',
				operation: 'record',
				outcome: 'issued',
				platform: 'certificate-pdf',
				externalId: 'CERT-1',
			},
		});
		const again = await runLedger({ folder, items: [attendeeItem()], parameters: CPE_RESERVE });
		expect(again.outputs[RESERVE.new]).toEqual([]);
		expect(ledgerOf(again.outputs[RESERVE.already_issued][0])).toMatchObject({
			status: 'already_issued',
			key,
			credential: { platform: 'certificate-pdf', externalId: 'CERT-1' },
		});
	});

	test('the chain holds credits, sessions, policy and digest; the e-mail and name stay private', async () => {
		const folder = ledgerFolder();
		await runLedger({ folder, items: [attendeeItem()], parameters: CPE_RESERVE });
		const [decided, reserved] = chainEntries(folder);
		expect(decided.type).toBe('decided');
		expect(decided.payload).toMatchObject({
			subject: { eventId: EVENT, courseId: EVENT, sessionIds: ['KEY', 'A1'] },
			credits: '3',
			ruleHash: RULE_HASH,
			evidenceDigest: evidenceDigestOf(SIGNALS),
		});
		expect(typeof decided.evidenceHash).toBe('string');
		expect(reserved.type).toBe('reserved');
		const chain = JSON.stringify(chainEntries(folder));
		expect(chain).not.toContain('ada@example.com');
		expect(chain).not.toContain('Lovelace');
	});

	test('a decision without its event fails the item, naming subject.eventId, and writes nothing', async () => {
		const folder = ledgerFolder();
		const item = { ...attendeeItem(), subject: { attendeeId: 'ada@example.com' } };
		const run = await runLedger({
			folder,
			items: [item],
			parameters: { ...CPE_RESERVE, eventId: 'SPRING-CPE-2026' },
		});
		expect(run.status).toBe('error');
		expect(run.error?.message).toMatch(/^Item 0: .*decision\.subject\.eventId/);
		expect(chainEntries(folder)).toEqual([]);
	});

	test('Record Decision records a No Credit attendee once', async () => {
		const folder = ledgerFolder();
		const none = {
			...attendeeItem('alan@example.com', '0'),
			outcome: 'no_credit',
			sessionCredits: [{ sessionId: 'A1', credits: '0' }],
		};
		const params = { ...CPE_RESERVE, operation: 'recordDecision' };
		await runLedger({ folder, items: [none], parameters: params });
		const again = await runLedger({ folder, items: [none], parameters: params });
		expect(again.status).toBe('success');
		expect(chainEntries(folder).map((entry) => entry.type)).toEqual(['decided']);
	});
});

/** Reserve on one item that carries CPE Credit's evidence file (binary "evidence"). */
async function reserveWithEvidenceFile(folder: string, json: IDataObject, fileText: string) {
	const parameters: INodeParameters = { folderPath: folder, ...CPE_RESERVE };
	const run = await runWorkflow(
		{
			name: 'reserve with evidence file',
			nodes: [
				{
					name: 'Start',
					type: 'n8n-nodes-base.manualTrigger',
					typeVersion: 1,
					position: [0, 0],
					parameters: {},
				},
				{
					name: 'Ledger',
					type: LEDGER_TYPE,
					typeVersion: 1,
					position: [220, 0],
					parameters,
					credentials: { [SIGNING]: { id: SIGNING, name: 'signing' } },
				},
			],
			connections: { Start: { main: [[{ node: 'Ledger', type: 'main', index: 0 }]] } },
		},
		{
			pinData: {
				Start: [
					{
						json,
						binary: {
							evidence: {
								data: Buffer.from(fileText, 'utf8').toString('base64'),
								mimeType: 'application/json',
								fileName: 'evidence.json',
							},
						},
					},
				],
			},
			credentials: { [SIGNING]: ed25519Key() },
		},
	);
	return run;
}

describe('Credential Ledger: CPE evidence file', () => {
	const file = canonicalJson({ attendeeId: 'ada@example.com', signals: SIGNALS });

	test('Reserve keeps the attached evidence file as private evidence, its digest on the chain', async () => {
		const folder = ledgerFolder();
		const json = { ...attendeeItem(), evidenceDigest: evidenceDigestOf(JSON.parse(file)) };
		const run = await reserveWithEvidenceFile(folder, json, file);
		expect(run.status).toBe('success');
		const key = deriveAttendeeEventKey({ attendeeId: 'ada@example.com', eventId: EVENT });
		const bundle = await runCredentialOperation(folder, 'evidenceBundle', {
			lookupBy: 'key',
			idempotencyKey: key,
		});
		const [evidence] = ledgerOf(bundle.outputs[0][0]).evidence as IDataObject[];
		expect(evidence).toMatchObject({
			state: 'present',
			record: { data: { evidenceFile: { signals: SIGNALS }, attendeeName: 'Ada Lovelace' } },
		});
		expect(chainEntries(folder)[0].payload).toMatchObject({ evidenceDigest: json.evidenceDigest });
	});

	test("a file that does not match the item's digest is refused, and nothing is written", async () => {
		const folder = ledgerFolder();
		const json = { ...attendeeItem(), evidenceDigest: evidenceDigestOf(JSON.parse(file)) };
		const run = await reserveWithEvidenceFile(folder, json, file.replace('2026', '2025'));
		expect(run.status).toBe('error');
		expect(run.error?.message).toMatch(
			/Invalid evidence file \(binary "evidence"\): its sha256 is not the item's evidenceDigest/,
		);
		expect(chainEntries(folder)).toEqual([]);
	});
});
