// The auditor export carries the playbook's audit trail per credential: completion time, the
// decision and its rule version, issued, delivered and claimed times, and who intervened with
// what. Read back with an independent, strict CSV parser, not with the project's own writer.
import { parse } from 'csv-parse/sync';

import { completedAtOfBusinessKey, completionBusinessKey } from '../../../nodes/core/domain/model';
import { ISSUED, decision, openTestLedger, removeTempFolders } from './support/fixtures';

afterEach(removeTempFolders);

/** Strict RFC 4180: every row as wide as the header, no stray quotes, no trimming. */
function readExport(text: string): Array<Record<string, string>> {
	expect(text.endsWith('\r\n')).toBe(true);
	return parse(text, {
		columns: true,
		record_delimiter: '\r\n',
		relax_column_count: false,
		relax_quotes: false,
		skip_empty_lines: false,
		trim: false,
		bom: false,
	}) as Array<Record<string, string>>;
}

const AUDIT_COLUMNS = [
	'completed_at',
	'decided_at',
	'decision_reasons',
	'delivered_at',
	'claimed_at',
	'overridden_by',
	'override_note',
	'override_action',
	'reviewed_by',
	'review_note',
	'revoked_by',
];

const businessKey = (learnerId: string) =>
	completionBusinessKey({
		source: 'moodle',
		learner: { id: learnerId },
		course: { id: 'SAFE-101' },
		completedAt: '2026-01-05T09:58:30.250+01:00',
	});

describe('auditor export: audit trail columns', () => {
	it('keeps every earlier column in place and appends the audit columns', async () => {
		const { ledger } = await openTestLedger();
		await ledger.reserve('k-1', decision());
		const [header] = parse(await ledger.exportCsv(), { to_line: 1 }) as string[][];
		expect(header.slice(0, 5)).toEqual(['key', 'learner_id', 'course_id', 'status', 'platform']);
		expect(header.slice(-AUDIT_COLUMNS.length)).toEqual(AUDIT_COLUMNS);
		expect(header.indexOf('last_entry_hash')).toBe(header.length - AUDIT_COLUMNS.length - 1);
	});

	it('an overridden, issued, delivered and claimed credential: every step with its time and person', async () => {
		const { ledger } = await openTestLedger();
		const key = 'moodle-57-SAFE-101';
		const held = decision('57', 'SAFE-101', {
			subject: {
				learnerId: '57',
				courseId: 'SAFE-101',
				source: 'moodle',
				businessKey: businessKey('57'),
			},
			outcome: 'needs_review',
			reasons: [
				{ code: 'SCORE_MET', detail: 'ok' },
				{ code: 'TIME_BELOW_MINIMUM', detail: 'short, held for review' },
			],
			ruleVersion: '2026.2',
		});
		await ledger.recordDecision(key, held, { now: '2026-01-05T09:00:00.000Z' });
		await ledger.record(
			key,
			'review',
			{ reason: 'Looked at the session log, too' },
			'reviewer: Bea Chen',
			{
				now: '2026-01-05T09:10:00.000Z',
			},
		);
		await ledger.record(
			key,
			'override',
			{ reason: 'Time counted only active minutes, "LMS cap"', action: 'approve' },
			'reviewer: Bea Chen',
			{ now: '2026-01-05T09:15:00.000Z' },
		);
		await ledger.reserve(key, held, { now: '2026-01-05T09:16:00.000Z' });
		await ledger.record(key, 'issued', { ...ISSUED, issuedOn: '2026-01-05T09:16:05.000Z' }, 'w');
		await ledger.record(key, 'delivered', { channel: 'email' }, 'w', {
			now: '2026-01-05T09:16:07.000Z',
		});
		await ledger.record(key, 'claimed', { claimedAt: '2026-01-06T08:00:00.000Z' }, 'credly', {
			now: '2026-01-06T08:00:03.000Z',
		});

		const rows = readExport(await ledger.exportCsv());
		expect(rows).toHaveLength(1);
		expect(rows[0]).toMatchObject({
			key,
			status: 'claimed',
			outcome: 'needs_review',
			rule_version: '2026.2',
			completed_at: '2026-01-05T08:58:30Z',
			decided_at: '2026-01-05T10:00:00.000Z',
			decision_reasons: 'SCORE_MET TIME_BELOW_MINIMUM',
			issued_at: '2026-01-05T09:16:05.000Z',
			delivered_at: '2026-01-05T09:16:07.000Z',
			claimed_at: '2026-01-06T08:00:00.000Z',
			overridden_by: 'reviewer: Bea Chen',
			override_note: 'Time counted only active minutes, "LMS cap"',
			override_action: 'approve',
			reviewed_by: 'reviewer: Bea Chen',
			review_note: 'Looked at the session log, too',
			revoked_by: '',
			revoked_at: '',
		});
	});

	it('a revoked credential names the operator and the reason; a claim without its own time uses the entry time', async () => {
		const { ledger } = await openTestLedger();
		await ledger.reserve('k-r', decision('58'));
		await ledger.record('k-r', 'issued', ISSUED, 'w');
		await ledger.record('k-r', 'claimed', {}, 'certifier', { now: '2026-02-01T12:00:00.000Z' });
		await ledger.revoke(
			'k-r',
			{ reason: 'Issued in error, =refund', operator: 'ops: Dan Ortiz' },
			{
				now: '2026-02-02T12:00:00.000Z',
			},
		);
		const [row] = readExport(await ledger.exportCsv());
		expect(row).toMatchObject({
			status: 'revoked',
			claimed_at: '2026-02-01T12:00:00.000Z',
			revoked_by: 'ops: Dan Ortiz',
			revoked_at: '2026-02-02T12:00:00.000Z',
			revocation_reason: 'Issued in error, =refund',
			overridden_by: '',
			override_note: '',
			delivered_at: '',
		});
		// The fixture's business key is not a completion key: no completion time is made up.
		expect(row.completed_at).toBe('');
	});

	it('two overrides share the cells one line each, person, note and action aligned', async () => {
		const { ledger } = await openTestLedger();
		await ledger.recordDecision('k-2', decision('59', 'C-101', { outcome: 'not_eligible' }));
		await ledger.record('k-2', 'override', { reason: 'first look' }, 'Ann');
		await ledger.record('k-2', 'override', { reason: 'second;\nfinal', action: 'approve' }, 'Bob');
		const [row] = readExport(await ledger.exportCsv());
		expect(row.overridden_by).toBe('Ann\nBob');
		expect(row.override_note).toBe('first look\nsecond; final');
		expect(row.override_action).toBe('\napprove');
		expect(row.status).toBe('decided');
	});
});

describe('completedAtOfBusinessKey', () => {
	it.each<[string, string | undefined]>([
		['moodle|57|SAFE-101|2026-01-05T08:58:30Z', '2026-01-05T08:58:30Z'],
		[
			completionBusinessKey({
				source: 'csv',
				learner: { id: 'a|b\\c' },
				course: { id: 'x|2026-01-01T00:00:00Z' },
				completedAt: '2026-03-01T12:00:00Z',
			}),
			'2026-03-01T12:00:00Z',
		],
		['moodle|57|SAFE-101|2026-02-30T08:58:30Z', undefined],
		['moodle|57|2026-01-05T08:58:30Z', undefined],
		['moodle:57:SAFE-101', undefined],
	])('%s -> %s', (key, expected) => {
		expect(completedAtOfBusinessKey(key)).toBe(expected);
	});
});
