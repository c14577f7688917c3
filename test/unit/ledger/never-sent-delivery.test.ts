// A credential issued by a run that stopped before its email (n8n killed between Record Issued
// and Email Learner) has neither Delivered nor a failed send. After a grace period, the time the
// issuing run may still need between its two steps, List Due Retries offers it on Resend; the
// send is then recorded as any resend, which takes it off that path, so it is listed once. Only
// an Issued entry that says an email follows (emailFollows) is offered.
import {
	checkGoLiveSettings,
	isLedgerError,
	type CredentialLedger,
} from '../../../nodes/core/domain/ledger';
import { ISSUED, decision, openTestLedger, removeTempFolders } from './support/fixtures';

afterEach(removeTempFolders);

const T0 = Date.parse('2026-03-02T08:00:00.000Z');
const at = (minutes: number) => new Date(T0 + minutes * 60_000).toISOString();
const EVIDENCE = { learner: { id: 'L-1', email: 'ana@example.org' } };
const refused = (retryable = true) => ({
	error: '450 mailbox busy',
	retryable,
	attributes: { stage: 'delivery', channel: 'email' },
});

/**
 * Reserved and issued at minute 0 by a workflow that emails the learner next (emailFollows); the
 * run stops there.
 */
async function issuedNeverSent(ledger: CredentialLedger, key: string, emailFollows = true) {
	await ledger.reserve(key, decision(), { now: at(0), evidence: EVIDENCE });
	const details = emailFollows ? { ...ISSUED, emailFollows } : ISSUED;
	await ledger.record(key, 'issued', details, 'workflow:issue', { now: at(0) });
}

async function resendKeys(ledger: CredentialLedger, minute: number, grace?: number) {
	const listed = await ledger.listDueRetries({
		now: at(minute),
		...(grace !== undefined ? { neverSentGraceMinutes: grace } : {}),
	});
	expect([...listed.due, ...listed.escalate]).toEqual([]);
	return listed.resend.map((retry) => retry.key);
}

describe('an issued credential never sent', () => {
	it('is listed on Resend after the grace period (15 minutes by default), not before', async () => {
		const { ledger } = await openTestLedger();
		await issuedNeverSent(ledger, 'k1');
		expect(await resendKeys(ledger, 14)).toEqual([]);
		const listed = await ledger.listDueRetries({ now: at(15) });
		expect(listed.resend).toEqual([
			expect.objectContaining({
				key: 'k1',
				learnerId: 'L-1',
				state: 'undelivered',
				stage: 'delivery',
				neverSent: true,
				attempt: 0,
				lastAttemptAt: at(0),
				platform: ISSUED.platform,
				credential: ISSUED,
				escalate: false,
				evidence: EVIDENCE,
				goLiveMode: 'full',
			}),
		]);
		expect(listed.resend[0].error).toBeUndefined();
	});

	it('is never listed when its Issued entry does not say an email follows', async () => {
		// A workflow that does not mail (the platform emails the learner, or nobody does) records
		// Issued and never a delivery: the queue must not mail every one of its credentials.
		const { ledger } = await openTestLedger();
		await issuedNeverSent(ledger, 'platform-mails', false);
		await ledger.reserve('said-false', decision(), { now: at(0), evidence: EVIDENCE });
		await ledger.record('said-false', 'issued', { ...ISSUED, emailFollows: false }, 'wf', {
			now: at(0),
		});
		await issuedNeverSent(ledger, 'mails-next');
		expect(await resendKeys(ledger, 600)).toEqual(['mails-next']);
		expect(await resendKeys(ledger, 600, 0)).toEqual(['mails-next']);
	});

	it('refuses an emailFollows that is not true or false, naming the field', async () => {
		const { ledger } = await openTestLedger();
		await ledger.reserve('k1', decision(), { now: at(0), evidence: EVIDENCE });
		const error = await ledger
			.record('k1', 'issued', { ...ISSUED, emailFollows: 'yes' }, 'wf', { now: at(0) })
			.catch((e: unknown) => e);
		expect(isLedgerError(error, 'invalid_input')).toBe(true);
		expect((error as Error).message).toContain('emailFollows');
	});

	it('follows the grace period set, and refuses one that is not a number of minutes', async () => {
		const { ledger } = await openTestLedger();
		await issuedNeverSent(ledger, 'k1');
		expect(await resendKeys(ledger, 59, 60)).toEqual([]);
		expect(await resendKeys(ledger, 60, 60)).toEqual(['k1']);
		const error = await ledger
			.listDueRetries({ now: at(60), neverSentGraceMinutes: -1 })
			.catch((e: unknown) => e);
		expect(isLedgerError(error, 'invalid_input')).toBe(true);
		expect((error as Error).message).toContain('neverSentGraceMinutes');
	});

	it('is listed once: a resend recorded Delivered takes it off the list', async () => {
		const { ledger } = await openTestLedger();
		await issuedNeverSent(ledger, 'k1');
		expect(await resendKeys(ledger, 15)).toEqual(['k1']);
		await ledger.record('k1', 'delivered', { channel: 'email' }, 'operations queue', {
			now: at(16),
		});
		expect(await resendKeys(ledger, 600)).toEqual([]);
	});

	it('a resend that fails goes on as any failed delivery: retry interval, then escalation', async () => {
		const { ledger } = await openTestLedger();
		await issuedNeverSent(ledger, 'k1');
		await ledger.record('k1', 'failed', refused(), 'operations queue', { now: at(15) });
		// No longer "never sent": due at the retry interval after that failure, as attempt 1.
		expect(await resendKeys(ledger, 19)).toEqual([]);
		const [again] = (await ledger.listDueRetries({ now: at(20) })).resend;
		expect(again).toMatchObject({ key: 'k1', attempt: 1, lastAttemptAt: at(15) });
		expect(again.neverSent).toBeUndefined();
		await ledger.record('k1', 'failed', refused(false), 'operations queue', { now: at(20) });
		const listed = await ledger.listDueRetries({ now: at(21) });
		expect(listed.resend).toEqual([]);
		expect(listed.escalate).toEqual([
			expect.objectContaining({ key: 'k1', stage: 'delivery', escalateReason: 'not_retryable' }),
		]);
	});

	it('is not listed once its issuing run recorded Delivered, or a failed send', async () => {
		const { ledger } = await openTestLedger();
		await issuedNeverSent(ledger, 'delivered');
		await issuedNeverSent(ledger, 'failed');
		await ledger.record('delivered', 'delivered', { channel: 'email' }, 'workflow:issue', {
			now: at(0),
		});
		await ledger.record('failed', 'failed', refused(), 'workflow:issue', { now: at(0) });
		// At minute 15 only the failed send is due, on its own retry interval and as attempt 1.
		const listed = await ledger.listDueRetries({ now: at(15) });
		expect(listed.resend.map((retry) => [retry.key, retry.attempt, retry.neverSent])).toEqual([
			['failed', 1, undefined],
		]);
	});

	it('is not listed when claimed, revoked or superseded', async () => {
		const { ledger } = await openTestLedger();
		for (const key of ['claimed', 'revoked', 'superseded']) await issuedNeverSent(ledger, key);
		await ledger.record('claimed', 'claimed', {}, 'platform', { now: at(1) });
		await ledger.revoke('revoked', { reason: 'issued in error', operator: 'registrar' });
		await ledger.supersede('superseded', {
			newCredential: { platform: 'accredible', externalId: 'replacement' },
			reason: 'name corrected',
			operator: 'registrar',
		});
		expect(await resendKeys(ledger, 600)).toEqual([]);
	});

	it('does not exist in shadow mode: a would-be issuance is never listed', async () => {
		const { ledger } = await openTestLedger();
		// As the issuing workflow runs in shadow: the decision, then the would-be issuance; no Reserve.
		await ledger.recordDecision('k1', decision(), {
			now: at(0),
			goLiveMode: 'shadow',
			evidence: EVIDENCE,
		});
		const settings = checkGoLiveSettings({ mode: 'shadow' });
		const before = await ledger.goLiveBeforeIssuing(
			'k1',
			settings,
			{ platform: 'accredible' },
			{
				now: at(0),
			},
		);
		expect(before).toMatchObject({ issue: false, entry: { type: 'would_issue' } });
		expect(await resendKeys(ledger, 600)).toEqual([]);
	});
});
