// The audit pack of one event, opened with Debian's unzip (an independent zip reader), checked
// file by file against the ledger: counts, ids, hashes, and nothing of another event.
import { createHash } from 'node:crypto';

import {
	CredentialLedger,
	deriveAttendeeEventKey,
	evidenceDigestOf,
	isLedgerError,
} from '../../../nodes/core/domain/ledger';
import { RULE_HASH, openTestLedger, removeTempFolders } from './support/fixtures';
import {
	dropTables,
	endPools,
	freshPrefix,
	openPgStore,
	postgresAvailable,
} from './support/postgres';
import { openZip } from './support/zip-reader';

afterEach(removeTempFolders);
afterAll(endPools);

const EVENT = 'SPRING-CPE-2026';
const OTHER = 'FALL-CPE-2026';
const PACKED_AT = new Date('2026-06-01T12:00:00.000Z');
const sha256 = (bytes: Buffer | string) => createHash('sha256').update(bytes).digest('hex');

/** One session decision as CPE Credit writes it into the evidence file. */
function sessionDecision(attendeeId: string, sessionId: string, credits: string) {
	return {
		subject: { attendeeId, sessionId, sessionIds: [sessionId] },
		outcome: 'full_credit',
		credits,
		maxCredits: credits,
		attendedMinutes: 100,
		contentMinutes: 100,
		attendedPercent: 100,
		deliveryMethod: 'group-live',
		fieldOfStudy: 'Auditing',
		windowsUsed: [
			{
				sessionId,
				start: '2026-05-14T14:00:00.000Z',
				end: '2026-05-14T15:40:00.000Z',
				sources: ['badge-scan'],
			},
		],
		reasons: [{ code: 'FULL_ATTENDANCE', detail: 'all content attended' }],
		dataPoints: { attendedMinutes: 100 },
		ruleSetId: 'nasba-fifths',
		ruleVersion: '2026.1',
		ruleHash: RULE_HASH,
		decidedAt: '2026-05-20T09:59:00.000Z',
	};
}

/**
 * Reserves an attendee of an event as template 06 does: the roll-up as decision, the item and
 * CPE Credit's evidence file as private evidence; then issues a PDF certificate unless refused.
 */
async function attend(
	ledger: CredentialLedger,
	eventId: string,
	attendeeId: string,
	certificateId: string | undefined,
) {
	const decisions = [
		sessionDecision(attendeeId, 'KEY', '1'),
		sessionDecision(attendeeId, 'A1', '2'),
	];
	const evidenceFile = { attendeeId, eventId, decisions, signals: [{ kind: 'scan', attendeeId }] };
	const rollUp = {
		subject: { attendeeId, eventId, sessionIds: ['KEY', 'A1'] },
		outcome: certificateId ? 'full_credit' : 'no_credit',
		credits: certificateId ? '3' : '0',
		ruleSetId: 'nasba-fifths',
		ruleVersion: '2026.1',
		ruleHash: RULE_HASH,
		decidedAt: '2026-05-20T09:59:00.000Z',
		evidenceDigest: evidenceDigestOf(evidenceFile),
	};
	const key = deriveAttendeeEventKey({ attendeeId, eventId });
	const evidence = { ...rollUp, attendeeName: `Name of ${attendeeId}`, evidenceFile };
	if (!certificateId) {
		await ledger.recordDecision(key, rollUp, { evidence });
		return { key, pdf: undefined };
	}
	await ledger.reserve(key, rollUp, { evidence });
	const pdf = sha256(`pdf of ${certificateId}`);
	await ledger.record(
		key,
		'issued',
		{
			platform: 'certificate-pdf',
			externalId: certificateId,
			url: `https://verify.example.org/cpe/${certificateId}`,
			attributes: { sha256: pdf, credits: '3' },
		},
		'workflow:6',
	);
	return { key, pdf };
}

/** Event SPRING: Ada issued, Bob issued then revoked, Cy refused; event FALL: Grace issued. */
async function seedTwoEvents(ledger: CredentialLedger) {
	const ada = await attend(ledger, EVENT, 'ada@example.com', 'CERT-ADA');
	const other = await attend(ledger, OTHER, 'grace@example.com', 'CERT-GRACE');
	const bob = await attend(ledger, EVENT, 'A-0002', 'CERT-BOB');
	const cy = await attend(ledger, EVENT, 'A-0003', undefined);
	await ledger.revoke(bob.key, { reason: 'attendance disputed', operator: 'auditor' });
	return { ada, bob, cy, other };
}

async function twoEvents() {
	const opened = await openTestLedger();
	return { ...opened, ...(await seedTwoEvents(opened.ledger)) };
}

describe('Credential Ledger: audit pack of one event', () => {
	test('a valid zip with every file; each file agrees with the ledger (counts, ids, hashes)', async () => {
		const { ledger, store, ada, bob, cy } = await twoEvents();
		const { zip, summary } = await ledger.auditPack({
			eventId: EVENT,
			generatedAt: PACKED_AT,
			verificationUrl: 'https://verify.example.org/cpe/',
		});
		const pack = openZip(zip);
		expect(pack.tested).toMatch(/No errors detected/);
		expect([...pack.names].sort()).toEqual(
			[
				'README.txt',
				'certificates.csv',
				`evidence/${ada.key}.json`,
				`evidence/${bob.key}.json`,
				`evidence/${cy.key}.json`,
				'ledger-export.csv',
				'ledger-verification.json',
				'roster.csv',
				'sponsor-report.csv',
			].sort(),
		);

		const certificates = pack.csv('certificates.csv');
		expect(certificates.map((row) => [row.key, row.certificate_id, row.status])).toEqual([
			[ada.key, 'CERT-ADA', 'valid'],
			[bob.key, 'CERT-BOB', 'revoked'],
			[cy.key, '', 'not_issued'],
		]);
		expect(certificates.map((row) => row.pdf_sha256)).toEqual([ada.pdf, bob.pdf, '']);
		expect(certificates.map((row) => row.attendee_id)).toEqual([
			'ada@example.com',
			'A-0002',
			'A-0003',
		]);
		expect(certificates.map((row) => row.credits)).toEqual(['3', '3', '0']);

		// Each evidence file is the record the chain committed to: its sha256 is the entry's evidenceHash.
		for (const row of certificates) {
			const entries = await store.findByKey(row.key);
			const committed = entries.filter((e) => e.evidenceHash).map((e) => e.evidenceHash);
			expect(committed).toEqual([row.evidence_hash]);
			expect(sha256(pack.read(`evidence/${row.key}.json`))).toBe(row.evidence_hash);
			expect(row.evidence).toBe('present');
		}

		const roster = pack.csv('roster.csv');
		expect(roster).toHaveLength(6);
		expect(new Set(roster.map((row) => row.attendee_id))).toEqual(
			new Set(['ada@example.com', 'A-0002', 'A-0003']),
		);
		expect(
			pack.csv('sponsor-report.csv').map((row) => `${row.session_id}:${row.participant}`),
		).toEqual([
			'KEY:A-0002',
			'KEY:A-0003',
			'KEY:ada@example.com',
			'A1:A-0002',
			'A1:A-0003',
			'A1:ada@example.com',
		]);

		const exported = pack.csv('ledger-export.csv');
		expect(exported.map((row) => row.key)).toEqual([ada.key, bob.key, cy.key]);
		expect(exported.map((row) => row.status)).toEqual(['issued', 'revoked', 'decided']);
		for (const row of exported) {
			const last = (await store.findByKey(row.key)).at(-1);
			expect(row.last_entry_hash).toBe(last?.hash);
		}

		const verification = JSON.parse(pack.read('ledger-verification.json').toString('utf8'));
		const head = await store.head();
		expect(verification).toMatchObject({
			eventId: EVENT,
			headWhenPacked: head,
			result: { ok: true, entries: head.seq, head },
			algorithm: 'hmac-sha256',
			keyId: 'k1',
		});

		const readme = pack.read('README.txt').toString('utf8');
		expect(readme).toContain('https://verify.example.org/cpe/<certificate_id>');
		expect(readme).toContain('Certificates: 1 valid, 1 revoked, 0 superseded, 1 not issued.');
		expect(summary).toMatchObject({ attendees: 3, rosterRows: 6, chainVerified: true });
		await store.close();
	});

	test("another event's attendees, keys and certificates never reach the pack", async () => {
		const { ledger, store, other } = await twoEvents();
		const { zip } = await ledger.auditPack({ eventId: EVENT, generatedAt: PACKED_AT });
		const pack = openZip(zip);
		const everything = pack.names.map((name) => pack.read(name).toString('utf8')).join('\n');
		for (const secret of ['grace@example.com', 'CERT-GRACE', other.key, OTHER, other.pdf])
			expect(everything).not.toContain(secret);
		// The other event's own pack holds only its attendee.
		const theirs = openZip(
			(await ledger.auditPack({ eventId: OTHER, generatedAt: PACKED_AT })).zip,
		);
		expect(theirs.csv('certificates.csv').map((row) => row.attendee_id)).toEqual([
			'grace@example.com',
		]);
		await store.close();
	});

	test('an unknown or empty event id, or a verification URL that is no web address, is refused by name', async () => {
		const { ledger, store } = await twoEvents();
		const unknown = await ledger
			.auditPack({ eventId: 'spring-cpe-2026', generatedAt: PACKED_AT })
			.catch((error: unknown) => error);
		expect(isLedgerError(unknown, 'unknown_key')).toBe(true);
		expect((unknown as Error).message).toMatch(/event "spring-cpe-2026".*Event ID/);
		const empty = await ledger
			.auditPack({ eventId: '', generatedAt: PACKED_AT })
			.catch((error: unknown) => error);
		expect(isLedgerError(empty, 'invalid_input')).toBe(true);
		expect((empty as Error).message).toMatch(/eventId/);
		const badUrl = await ledger
			.auditPack({ eventId: EVENT, generatedAt: PACKED_AT, verificationUrl: 'verify.example.org' })
			.catch((error: unknown) => error);
		expect(isLedgerError(badUrl, 'invalid_input')).toBe(true);
		expect((badUrl as Error).message).toMatch(/verificationUrl/);
		await store.close();
	});

	test('erased evidence is reported as erased; the pack says so and the roster leaves it out', async () => {
		const { ledger, store, ada } = await twoEvents();
		await ledger.erasePersonalData({
			olderThan: new Date(Date.now() + 60_000).toISOString(),
			now: new Date(Date.now() + 120_000).toISOString(),
			actor: 'retention-job',
		});
		const pack = openZip((await ledger.auditPack({ eventId: EVENT, generatedAt: PACKED_AT })).zip);
		expect(pack.names.filter((name) => name.startsWith('evidence/'))).toEqual([]);
		const row = pack.csv('certificates.csv').find((r) => r.key === ada.key);
		expect(row).toMatchObject({ evidence: 'erased', certificate_id: 'CERT-ADA' });
		expect(pack.csv('roster.csv')).toHaveLength(0);
		expect(pack.read('README.txt').toString('utf8')).toContain('0 present, 3 erased');
		await store.close();
	});
});

// Queue mode keeps the ledger in Postgres: the same pack from the same events. Runs wherever a
// server is given (LEDGER_PG_URL), and always in CI.
if (postgresAvailable) {
	describe('Credential Ledger: audit pack from the Postgres ledger', () => {
		test('the event only, evidence as committed, the chain verified', async () => {
			const prefix = freshPrefix();
			const { store } = await openPgStore(prefix);
			try {
				const ledger = new CredentialLedger({ store });
				const { ada, bob, cy, other } = await seedTwoEvents(ledger);
				const { zip, summary } = await ledger.auditPack({ eventId: EVENT, generatedAt: PACKED_AT });
				const pack = openZip(zip);
				const certificates = pack.csv('certificates.csv');
				expect(certificates.map((row) => [row.key, row.status])).toEqual([
					[ada.key, 'valid'],
					[bob.key, 'revoked'],
					[cy.key, 'not_issued'],
				]);
				for (const row of certificates)
					expect(sha256(pack.read(`evidence/${row.key}.json`))).toBe(row.evidence_hash);
				expect(pack.names.join('\n')).not.toContain(other.key);
				expect(summary).toMatchObject({ chainVerified: true, rosterRows: 6 });
			} finally {
				await store.close();
				await dropTables(prefix);
			}
		});
	});
}
