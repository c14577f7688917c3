import { CredentialLedger, isLedgerError } from '../../../nodes/core/domain/ledger';
import { ISSUED, decision, openTestLedger, removeTempFolders } from './support/fixtures';
import { dropTables, endPools, openPgStore, postgresAvailable } from './support/postgres';

afterEach(removeTempFolders);

const T0 = Date.parse('2026-03-02T08:00:00.000Z');
const at = (minutes: number) => new Date(T0 + minutes * 60_000).toISOString();
const failure = (platform = 'accredible', retryable = true) => ({
	error: 'timed out after 30 s',
	retryable,
	attributes: { platform },
});

/** Reserves `key` at `minute` and records its failure one minute later, `times` times over. */
async function failTimes(
	ledger: CredentialLedger,
	key: string,
	times: number,
	options: { learner?: string; platform?: string; start?: number; retryable?: boolean } = {},
) {
	let minute = options.start ?? 0;
	for (let attempt = 1; attempt <= times; attempt++) {
		await ledger.reserve(key, decision(options.learner ?? 'L-1'), {
			now: at(minute),
			evidence: { learner: { id: options.learner ?? 'L-1', email: 'ana@example.org' } },
		});
		await ledger.record(
			key,
			'failed',
			{ ...failure(options.platform, options.retryable), attempt },
			'workflow:issue',
			{ now: at(minute + 1) },
		);
		minute += 6;
	}
	return minute - 5; // the time of the last failure
}

describe('listDueRetries', () => {
	it('lists a failed issuance once its interval has passed, with what a retry needs', async () => {
		const { ledger } = await openTestLedger();
		await failTimes(ledger, 'k1', 1);
		expect((await ledger.listDueRetries({ now: at(5) })).due).toEqual([]);
		const { due, escalate } = await ledger.listDueRetries({ now: at(6) });
		expect(escalate).toEqual([]);
		expect(due).toEqual([
			expect.objectContaining({
				key: 'k1',
				learnerId: 'L-1',
				courseId: 'C-101',
				state: 'failed',
				stale: false,
				attempt: 1,
				lastAttemptAt: at(1),
				error: 'timed out after 30 s',
				retryable: true,
				platform: 'accredible',
				escalate: false,
				decision: expect.objectContaining({ outcome: 'verified' }),
				evidence: { learner: { id: 'L-1', email: 'ana@example.org' } },
			}),
		]);
	});

	it('honours the interval setting', async () => {
		const { ledger } = await openTestLedger();
		await failTimes(ledger, 'k1', 1);
		expect((await ledger.listDueRetries({ now: at(3), intervalMinutes: 2 })).due).toHaveLength(1);
		expect((await ledger.listDueRetries({ now: at(3), intervalMinutes: 10 })).due).toEqual([]);
	});

	it('escalates at once after the last attempt, and stops listing it once a review is recorded', async () => {
		const { ledger } = await openTestLedger();
		const last = await failTimes(ledger, 'k1', 3);
		const listed = await ledger.listDueRetries({ now: at(last) });
		expect(listed.due).toEqual([]);
		expect(listed.escalate).toEqual([
			expect.objectContaining({
				key: 'k1',
				attempt: 3,
				escalate: true,
				escalateReason: 'attempts_exhausted',
			}),
		]);
		// A higher limit keeps retrying instead.
		expect((await ledger.listDueRetries({ now: at(last + 5), maxAttempts: 4 })).due).toHaveLength(
			1,
		);

		await ledger.record('k1', 'review', { reason: 'issuance_failed' }, 'operations queue', {
			now: at(last + 1),
		});
		expect(await ledger.listDueRetries({ now: at(last + 60) })).toEqual({
			due: [],
			resend: [],
			escalate: [],
			outages: [],
		});
	});

	it('escalates a failure that is not retryable without waiting', async () => {
		const { ledger } = await openTestLedger();
		await failTimes(ledger, 'k1', 1, { retryable: false });
		const { due, escalate } = await ledger.listDueRetries({ now: at(1) });
		expect(due).toEqual([]);
		expect(escalate).toEqual([
			expect.objectContaining({ key: 'k1', escalateReason: 'not_retryable' }),
		]);
	});

	it('leaves out issued and revoked credentials', async () => {
		const { ledger } = await openTestLedger();
		await failTimes(ledger, 'k1', 1);
		await ledger.reserve('k1', decision(), { now: at(7) });
		await ledger.record('k1', 'issued', ISSUED, 'workflow:issue', { now: at(8) });
		expect((await ledger.listDueRetries({ now: at(60) })).due).toEqual([]);
		await ledger.revoke('k1', { reason: 'issued in error', operator: 'registrar' }, { now: at(9) });
		expect((await ledger.listDueRetries({ now: at(60) })).due).toEqual([]);
	});

	it('lists a reservation nobody finished once its pending timeout has passed, as stale', async () => {
		const { ledger } = await openTestLedger();
		await ledger.reserve('k1', decision(), { now: at(0), pendingTimeoutMs: 15 * 60_000 });
		expect((await ledger.listDueRetries({ now: at(14) })).due).toEqual([]);
		expect((await ledger.listDueRetries({ now: at(15) })).due).toEqual([
			expect.objectContaining({
				key: 'k1',
				state: 'reserved',
				stale: true,
				attempt: 1,
				lastAttemptAt: at(0),
			}),
		]);
	});

	it('keeps to one platform when asked', async () => {
		const { ledger } = await openTestLedger();
		await failTimes(ledger, 'k1', 1, { platform: 'accredible' });
		await failTimes(ledger, 'k2', 1, { platform: 'credly', learner: 'L-2' });
		// A crashed run's reservation never failed, so its platform is unknown.
		await ledger.reserve('k3', decision('L-3'), { now: at(0), pendingTimeoutMs: 60_000 });
		const { due } = await ledger.listDueRetries({ now: at(10), platform: 'credly' });
		expect(due.map((retry) => retry.key)).toEqual(['k2', 'k3']);
		const attributedOnly = await ledger.listDueRetries({
			now: at(10),
			platform: 'credly',
			includeUnattributed: false,
		});
		expect(attributedOnly.due.map((retry) => retry.key)).toEqual(['k2']);
	});

	it('reports a platform failing for 30 minutes across several credentials as one outage', async () => {
		const { ledger } = await openTestLedger();
		await failTimes(ledger, 'k1', 1, { platform: 'credly' });
		await failTimes(ledger, 'k2', 1, { platform: 'credly', learner: 'L-2', start: 10 });
		expect((await ledger.listDueRetries({ now: at(30) })).outages).toEqual([]);
		expect((await ledger.listDueRetries({ now: at(31) })).outages).toEqual([
			{ platform: 'credly', since: at(1), minutes: 30, credentials: 2 },
		]);
		// One credential failing is that credential's problem, not an outage.
		expect((await ledger.listDueRetries({ now: at(31), outageMinCredentials: 3 })).outages).toEqual(
			[],
		);
		// A success on the platform ends the outage.
		await ledger.reserve('k3', decision('L-3'), { now: at(32) });
		await ledger.record('k3', 'issued', { ...ISSUED, platform: 'credly' }, 'workflow', {
			now: at(33),
		});
		expect((await ledger.listDueRetries({ now: at(90) })).outages).toEqual([]);
	});

	it('lists a held failure (course not mapped) for a retry but never counts it as an outage', async () => {
		const { ledger } = await openTestLedger();
		for (const [n, minute] of [
			[1, 0],
			[2, 10],
		] as const) {
			const key = `held${n}`;
			await ledger.reserve(key, decision(`L-${n}`), { now: at(minute) });
			const held = { platform: 'credly', held: true, code: 'course_not_mapped' };
			await ledger.record(
				key,
				'failed',
				{ error: 'no row for course', retryable: true, attempt: 1, attributes: held },
				'workflow:issue',
				{ now: at(minute + 1) },
			);
		}
		const listed = await ledger.listDueRetries({ now: at(60) });
		expect(listed.due.map((retry) => [retry.key, retry.platform])).toEqual([
			['held1', 'credly'],
			['held2', 'credly'],
		]);
		expect(listed.outages).toEqual([]);
	});

	it('retries a held failure at every interval and never escalates it for attempts', async () => {
		const { ledger } = await openTestLedger();
		const held = { platform: 'accredible', held: true, code: 'course_not_mapped' };
		for (let attempt = 1; attempt <= 4; attempt++) {
			await ledger.reserve('held', decision(), { now: at(attempt * 6) });
			const failure = { error: 'no row for course', retryable: true, attempt, attributes: held };
			await ledger.record('held', 'failed', failure, 'workflow:issue', {
				now: at(attempt * 6 + 1),
			});
		}
		const { due, escalate } = await ledger.listDueRetries({ now: at(40), maxAttempts: 3 });
		expect(escalate).toEqual([]);
		expect(due).toEqual([
			expect.objectContaining({ key: 'held', attempt: 4, held: true, escalate: false }),
		]);
		// Not yet due within the interval, like any retry.
		expect((await ledger.listDueRetries({ now: at(27), maxAttempts: 3 })).due).toEqual([]);
	});

	it('refuses bad settings, naming the field', async () => {
		const { ledger } = await openTestLedger();
		for (const [options, field] of [
			[{ maxAttempts: 0 }, 'maxAttempts'],
			[{ intervalMinutes: -1 }, 'intervalMinutes'],
			[{ outageMinutes: Number.NaN }, 'outageMinutes'],
		] as const) {
			const error = await ledger.listDueRetries(options).catch((e: unknown) => e);
			expect(isLedgerError(error, 'invalid_input')).toBe(true);
			expect((error as { issues: Array<{ path: string }> }).issues[0].path).toBe(field);
		}
	});
});

describe('listOpenReviews', () => {
	it('lists a Needs Review decision with its reasons and age until a person decides', async () => {
		const { ledger } = await openTestLedger();
		await ledger.recordDecision(
			'k1',
			decision('L-1', 'C-101', {
				outcome: 'needs_review',
				reasons: [{ code: 'TIME_AT_MINIMUM' }],
			}),
			{ now: at(0) },
		);
		await ledger.recordDecision('k2', decision('L-2'), { now: at(0) });
		const [review, ...others] = await ledger.listOpenReviews({ now: at(90) });
		expect(others).toEqual([]);
		expect(review).toMatchObject({
			key: 'k1',
			learnerId: 'L-1',
			courseId: 'C-101',
			reasons: ['TIME_AT_MINIMUM'],
			openedAt: at(0),
			ageHours: 1.5,
			reminders: 0,
		});
		expect(await ledger.listOpenReviews({ now: at(90), olderThanHours: 2 })).toEqual([]);

		await ledger.record('k1', 'review', { reason: 'checked the logs' }, 'reviewer', {
			now: at(95),
		});
		expect((await ledger.listOpenReviews({ now: at(96) }))[0].reasons).toEqual([
			'TIME_AT_MINIMUM',
			'checked the logs',
		]);
		await ledger.record('k1', 'override', { reason: 'approved', action: 'approve' }, 'reviewer', {
			now: at(100),
		});
		expect(await ledger.listOpenReviews({ now: at(120) })).toEqual([]);
	});

	it('opens on a review entry and closes when the credential is issued', async () => {
		const { ledger } = await openTestLedger();
		await failTimes(ledger, 'k1', 1);
		await ledger.record('k1', 'review', { reason: 'issuance_failed' }, 'operations queue', {
			now: at(2),
		});
		expect((await ledger.listOpenReviews({ now: at(3) })).map((r) => r.reasons)).toEqual([
			['issuance_failed'],
		]);
		await ledger.reserve('k1', decision(), { now: at(4) });
		await ledger.record('k1', 'issued', ISSUED, 'workflow', { now: at(5) });
		expect(await ledger.listOpenReviews({ now: at(6) })).toEqual([]);
	});

	it('counts reminders apart and leaves out reviews reminded within the period', async () => {
		const { ledger } = await openTestLedger();
		await failTimes(ledger, 'k1', 1);
		await ledger.record('k1', 'review', { reason: 'issuance_failed' }, 'queue', { now: at(2) });
		const reminder = { reason: 'reminder: open longer than 24 h', attributes: { reminder: true } };
		await ledger.record('k1', 'review', reminder, 'queue', { now: at(25 * 60) });
		const options = { olderThanHours: 24, notRemindedWithinHours: 24 };
		expect(await ledger.listOpenReviews({ ...options, now: at(26 * 60) })).toEqual([]);
		const [again] = await ledger.listOpenReviews({ ...options, now: at(49 * 60) });
		expect(again).toMatchObject({
			openedAt: at(2),
			reasons: ['issuance_failed'],
			reminders: 1,
			lastReminderAt: at(25 * 60),
		});
		// A reminder is not an escalation: the retry queue still sees the review that was.
		expect((await ledger.listDueRetries({ now: at(49 * 60) })).due).toEqual([]);
	});

	it('refuses a negative age, naming the field', async () => {
		const { ledger } = await openTestLedger();
		const error = await ledger.listOpenReviews({ olderThanHours: -1 }).catch((e: unknown) => e);
		expect(isLedgerError(error, 'invalid_input')).toBe(true);
		expect((error as { issues: Array<{ path: string }> }).issues[0].path).toBe('olderThanHours');
	});
});

// The listings read only entries() and getEvidence(), which every store provides: the same
// scenario on Postgres, the store of queue mode.
if (postgresAvailable) {
	describe('listings on Postgres', () => {
		afterAll(endPools);

		it('lists due, escalated and open reviews, with the evidence, as the embedded store does', async () => {
			const { store, prefix } = await openPgStore();
			try {
				const ledger = new CredentialLedger({ store });
				const last = await failTimes(ledger, 'k1', 3);
				await failTimes(ledger, 'k2', 1, { learner: 'L-2' });
				const listed = await ledger.listDueRetries({ now: at(last + 5) });
				expect(listed.escalate.map((retry) => retry.key)).toEqual(['k1']);
				expect(listed.due).toEqual([
					expect.objectContaining({
						key: 'k2',
						attempt: 1,
						evidence: { learner: { id: 'L-2', email: 'ana@example.org' } },
					}),
				]);
				await ledger.record('k1', 'review', { reason: 'issuance_failed' }, 'queue', {
					now: at(last + 6),
				});
				expect((await ledger.listOpenReviews({ now: at(last + 7) })).map((r) => r.key)).toEqual([
					'k1',
				]);
			} finally {
				await store.close();
				await dropTables(prefix);
			}
		});
	});
}
