import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import {
	CredentialLedger,
	deriveAttendeeEventKey,
	evidenceDigestOf,
	isLedgerError,
} from '../../../nodes/core/domain/ledger';
import { ISSUED, RULE_HASH, openTestLedger, removeTempFolders } from './support/fixtures';
import {
	dropTables,
	endPools,
	freshPrefix,
	openPgStore,
	postgresAvailable,
} from './support/postgres';

afterEach(removeTempFolders);
afterAll(endPools);

const T0 = new Date('2026-05-20T10:00:00.000Z');
const later = (ms: number) => new Date(T0.getTime() + ms);
const EVENT = 'SPRING-CPE-2026';
const SIGNALS = [
	{ attendeeId: 'ada@example.com', sessionId: 'A1', kind: 'check_in', at: '2026-05-14T14:28:00Z' },
	{ attendeeId: 'ada@example.com', sessionId: 'A1', kind: 'check_out', at: '2026-05-14T16:12:00Z' },
];

/** An attendee roll-up as CPE Credit's per-attendee output writes it. */
function rollUp(attendeeId = 'ada@example.com', extra: Record<string, unknown> = {}) {
	return {
		subject: { attendeeId, eventId: EVENT, sessionIds: ['KEY', 'A1'] },
		outcome: 'full_credit',
		credits: '3',
		sessionCredits: [
			{ sessionId: 'KEY', credits: '1', outcome: 'full_credit', fieldOfStudy: 'Auditing' },
			{ sessionId: 'A1', credits: '2', outcome: 'full_credit', fieldOfStudy: 'Accounting' },
		],
		reasons: [{ code: 'FULL_ATTENDANCE', detail: 'Ada Lovelace, ada@example.com, all 100 min' }],
		ruleSetId: 'nasba-fifths+keynote-full-duration',
		ruleVersion: '2026.1+1',
		ruleHash: RULE_HASH,
		decidedAt: '2026-05-20T09:59:00.000Z',
		evidenceDigest: evidenceDigestOf(SIGNALS),
		...extra,
	};
}

describe('CPE decisions in the ledger', () => {
	it('reserves an attendee and event once; a second Reserve of the same pair answers already issued', async () => {
		const { ledger, store } = await openTestLedger();
		const key = deriveAttendeeEventKey({ attendeeId: 'ada@example.com', eventId: EVENT });
		expect(await ledger.reserve(key, rollUp(), { now: T0 })).toMatchObject({ status: 'new' });
		await ledger.record(key, 'issued', ISSUED, 'workflow:6', { now: later(1000) });
		// The event run again (decided later, same attendee and event): no second certificate.
		const again = await ledger.reserve(
			deriveAttendeeEventKey({ attendeeId: 'ada@example.com', eventId: EVENT }),
			rollUp('ada@example.com', { decidedAt: '2026-05-21T08:00:00.000Z' }),
			{ now: later(60_000) },
		);
		expect(again).toMatchObject({ status: 'already_issued', key, state: 'issued' });
		expect((await store.findByKey(key)).map((e) => e.type)).toEqual([
			'decided',
			'reserved',
			'issued',
		]);
		await store.close();
	});

	it('writes the public decision: event, sessions, credits, policy, reason codes and evidence digest, no e-mail', async () => {
		const { ledger, store, folder } = await openTestLedger();
		const key = deriveAttendeeEventKey({ attendeeId: 'ada@example.com', eventId: EVENT });
		await ledger.reserve(key, rollUp(), { now: T0, evidence: { attendeeId: 'ada@example.com' } });
		const [decided] = await store.findByKey(key);
		expect(decided.payload).toEqual({
			subject: { courseId: EVENT, eventId: EVENT, sessionIds: ['KEY', 'A1'] },
			outcome: 'full_credit',
			credits: '3',
			sessionCredits: [
				{ sessionId: 'KEY', credits: '1', outcome: 'full_credit', fieldOfStudy: 'Auditing' },
				{ sessionId: 'A1', credits: '2', outcome: 'full_credit', fieldOfStudy: 'Accounting' },
			],
			reasons: [{ code: 'FULL_ATTENDANCE' }],
			ruleSetId: 'nasba-fifths+keynote-full-duration',
			ruleVersion: '2026.1+1',
			ruleHash: RULE_HASH,
			decidedAt: '2026-05-20T09:59:00.000Z',
			evidenceDigest: evidenceDigestOf(SIGNALS),
		});
		expect(decided.evidenceHash).toMatch(/^[0-9a-f]{64}$/);
		const chain = readFileSync(join(folder, 'chain.jsonl'), 'utf8');
		expect(chain).not.toContain('ada@example.com');
		expect(chain).not.toContain('Lovelace');
		await store.close();
	});

	it('digests the signals of a per-session decision instead of writing them', async () => {
		const { ledger, store, folder } = await openTestLedger();
		const session = {
			...rollUp(),
			subject: {
				attendeeId: 'ada@example.com',
				eventId: EVENT,
				sessionId: 'A1',
				sessionIds: ['A1'],
			},
			credits: '2',
			sessionCredits: undefined,
			evidenceDigest: undefined,
			evidence: SIGNALS,
			windowsUsed: [
				{ sessionId: 'A1', start: '2026-05-14T14:30:00Z', end: '2026-05-14T16:10:00Z' },
			],
		};
		const key = deriveAttendeeEventKey({ attendeeId: 'ada@example.com', eventId: EVENT });
		await ledger.reserve(key, session, { now: T0 });
		const [decided] = await store.findByKey(key);
		expect(decided.payload.evidenceDigest).toBe(evidenceDigestOf(SIGNALS));
		expect(decided.payload).not.toHaveProperty('evidence');
		expect(decided.payload).not.toHaveProperty('windowsUsed');
		expect(readFileSync(join(folder, 'chain.jsonl'), 'utf8')).not.toContain('check_in');
		await store.close();
	});

	it('keeps a non-e-mail attendee id as the learner id, so Status finds it', async () => {
		const { ledger, store } = await openTestLedger();
		const key = deriveAttendeeEventKey({ attendeeId: 'BADGE-0042', eventId: EVENT });
		await ledger.reserve(key, rollUp('BADGE-0042'), { now: T0 });
		const [status] = await ledger.status({ learnerId: 'BADGE-0042' });
		expect(status).toMatchObject({ key, learnerId: 'BADGE-0042', courseId: EVENT });
		await store.close();
	});

	it('refuses a total that is not the exact sum of the session credits, naming the field', async () => {
		const { ledger, store } = await openTestLedger();
		// 0.1 + 0.2 is 0.3 exactly; a float sum would give 0.30000000000000004.
		const lines = [
			{ sessionId: 'S1', credits: '0.1' },
			{ sessionId: 'S2', credits: '0.2' },
		];
		await expect(
			ledger.reserve('k1', rollUp('ada@example.com', { credits: '0.3', sessionCredits: lines }), {
				now: T0,
			}),
		).resolves.toMatchObject({ status: 'new' });
		const wrong = ledger.reserve('k2', rollUp('ada@example.com', { credits: '3.2' }), { now: T0 });
		await expect(wrong).rejects.toThrow(
			'Invalid CPE decision: decision.credits: received "3.2"; expected the sum of sessionCredits, "3"',
		);
		await store.close();
	});

	it('refuses a CPE decision without an event, naming subject.eventId', async () => {
		const { ledger, store } = await openTestLedger();
		const noEvent = { ...rollUp(), subject: { attendeeId: 'ada@example.com' } };
		const error = await ledger.reserve('k', noEvent, { now: T0 }).catch((e: unknown) => e);
		expect(isLedgerError(error, 'invalid_input')).toBe(true);
		expect((error as Error).message).toContain('decision.subject.eventId');
		expect(await store.findByKey('k')).toEqual([]);
		await store.close();
	});

	it('records a No Credit decision once per attendee and event', async () => {
		const { ledger, store } = await openTestLedger();
		const key = deriveAttendeeEventKey({ attendeeId: 'alan@example.com', eventId: EVENT });
		const none = rollUp('alan@example.com', {
			outcome: 'no_credit',
			credits: '0',
			sessionCredits: [{ sessionId: 'A1', credits: '0', outcome: 'no_credit' }],
		});
		expect((await ledger.recordDecision(key, none, { now: T0 })).status).toBe('recorded');
		expect((await ledger.recordDecision(key, none, { now: later(5) })).status).toBe('existing');
		await expect(
			ledger.recordDecision(key, { ...none, outcome: 'passed' }, { now: T0 }),
		).rejects.toThrow('decision.outcome');
		await store.close();
	});
});

describe('deriveAttendeeEventKey', () => {
	it('is one key per attendee and event, and names a missing part', () => {
		const ada = deriveAttendeeEventKey({ attendeeId: 'ada@example.com', eventId: EVENT });
		expect(ada).toMatch(/^cpe_[0-9a-f]{64}$/);
		expect(deriveAttendeeEventKey({ attendeeId: 'ada@example.com', eventId: EVENT })).toBe(ada);
		expect(
			deriveAttendeeEventKey({ attendeeId: 'ada@example.com', eventId: 'FALL-2026' }),
		).not.toBe(ada);
		expect(deriveAttendeeEventKey({ attendeeId: 'grace@example.com', eventId: EVENT })).not.toBe(
			ada,
		);
		expect(() => deriveAttendeeEventKey({ attendeeId: ' ', eventId: EVENT })).toThrow(
			'Invalid idempotency key parts: attendeeId: missing; expected non-empty text',
		);
	});
});

// Postgres (queue mode) indexes learners from the decision too: the same answers there. Runs
// wherever a server is given (LEDGER_PG_URL), and always in CI.
if (postgresAvailable) {
	describe('CPE decisions in the Postgres ledger', () => {
		it('reserves once per attendee and event; an e-mail attendee is indexed under no learner', async () => {
			const prefix = freshPrefix();
			const { store } = await openPgStore(prefix);
			try {
				const ledger = new CredentialLedger({ store });
				const ada = deriveAttendeeEventKey({ attendeeId: 'ada@example.com', eventId: EVENT });
				const badge = deriveAttendeeEventKey({ attendeeId: 'BADGE-0042', eventId: EVENT });
				expect(await ledger.reserve(ada, rollUp(), { now: T0 })).toMatchObject({ status: 'new' });
				await ledger.record(ada, 'issued', ISSUED, 'workflow:6', { now: later(1000) });
				await ledger.reserve(badge, rollUp('BADGE-0042'), { now: T0 });
				expect(await ledger.reserve(ada, rollUp(), { now: later(2000) })).toMatchObject({
					status: 'already_issued',
				});
				expect((await ledger.status({ learnerId: 'BADGE-0042' })).map((s) => s.key)).toEqual([
					badge,
				]);
				expect(await ledger.status({ learnerId: 'ada@example.com' })).toEqual([]);
			} finally {
				await store.close();
				await dropTables(prefix);
			}
		});
	});
}
