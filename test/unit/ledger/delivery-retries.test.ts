// A credential issued but refused by the mail server: the failed delivery is recorded after the
// issued entry without changing the state, the queue lists it on Resend at the retry interval,
// escalates it after the last attempt, and never lists it again once delivered (or claimed,
// revoked, or handed to a person), so nobody is emailed twice.
import { CredentialLedger, isLedgerError } from '../../../nodes/core/domain/ledger';
import { ISSUED, decision, openTestLedger, removeTempFolders } from './support/fixtures';

afterEach(removeTempFolders);

const T0 = Date.parse('2026-03-02T08:00:00.000Z');
const at = (minutes: number) => new Date(T0 + minutes * 60_000).toISOString();
const REFUSED = '550 5.1.1 Mailbox unavailable: recipient refused';
const deliveryFailure = (retryable = true) => ({
	error: REFUSED,
	retryable,
	attributes: { stage: 'delivery', channel: 'email' },
});

/** Reserved and issued at minute 0, then `failures` refused sends one interval (5 min) apart. */
async function issuedThenRefused(ledger: CredentialLedger, key: string, failures: number) {
	await ledger.reserve(key, decision(), {
		now: at(0),
		evidence: { learner: { id: 'L-1', email: 'ana@example.org' }, score: 92 },
	});
	await ledger.record(key, 'issued', ISSUED, 'workflow:issue', { now: at(0) });
	for (let n = 0; n < failures; n++)
		await ledger.record(key, 'failed', deliveryFailure(), 'workflow:issue', { now: at(n * 5) });
	return (failures - 1) * 5; // the minute of the last failure
}

describe('failed deliveries', () => {
	it('are recorded after issuance, keep the state issued, and count their attempts', async () => {
		const { ledger } = await openTestLedger();
		await issuedThenRefused(ledger, 'k1', 2);
		const [status] = await ledger.status({ key: 'k1' });
		expect(status).toMatchObject({
			state: 'issued',
			attempts: 1,
			credential: { externalId: ISSUED.externalId },
			lastDeliveryFailure: { error: REFUSED, retryable: true, attempt: 2, at: at(5) },
		});
		expect(status.lastFailure).toBeUndefined();
	});

	it('are listed on Resend with the credential, the evidence and the send count, once the interval has passed', async () => {
		const { ledger } = await openTestLedger();
		await issuedThenRefused(ledger, 'k1', 1);
		expect((await ledger.listDueRetries({ now: at(4) })).resend).toEqual([]);
		const listed = await ledger.listDueRetries({ now: at(5) });
		expect(listed.due).toEqual([]);
		expect(listed.escalate).toEqual([]);
		expect(listed.outages).toEqual([]);
		expect(listed.resend).toEqual([
			expect.objectContaining({
				key: 'k1',
				learnerId: 'L-1',
				state: 'undelivered',
				stage: 'delivery',
				attempt: 1,
				error: REFUSED,
				platform: 'accredible',
				credential: ISSUED,
				escalate: false,
				evidence: { learner: { id: 'L-1', email: 'ana@example.org' }, score: 92 },
			}),
		]);
		// A queue kept to another platform leaves it to the queue of the platform that issued it.
		expect((await ledger.listDueRetries({ now: at(5), platform: 'credly' })).resend).toEqual([]);
	});

	it('escalate after the last attempt, then stay with the person who got the review', async () => {
		const { ledger } = await openTestLedger();
		const last = await issuedThenRefused(ledger, 'k1', 3);
		const listed = await ledger.listDueRetries({ now: at(last) });
		expect(listed.resend).toEqual([]);
		expect(listed.escalate).toEqual([
			expect.objectContaining({
				key: 'k1',
				stage: 'delivery',
				attempt: 3,
				escalateReason: 'attempts_exhausted',
			}),
		]);
		await ledger.record('k1', 'review', { reason: 'delivery_failed' }, 'operations queue', {
			now: at(last + 1),
		});
		const after = await ledger.listDueRetries({ now: at(last + 60) });
		expect([...after.resend, ...after.escalate]).toEqual([]);
		expect((await ledger.listOpenReviews({ now: at(last + 60) }))[0]).toMatchObject({
			key: 'k1',
			reasons: ['delivery_failed'],
		});
		// Someone sends the link by hand and records it: the review is settled.
		await ledger.record('k1', 'delivered', { channel: 'email' }, 'registrar', {
			now: at(last + 61),
		});
		expect(await ledger.listOpenReviews({ now: at(last + 120) })).toEqual([]);
	});

	it('a refusal marked not retryable is escalated at once', async () => {
		const { ledger } = await openTestLedger();
		await ledger.reserve('k1', decision(), { now: at(0) });
		await ledger.record('k1', 'issued', ISSUED, 'workflow:issue', { now: at(0) });
		await ledger.record('k1', 'failed', deliveryFailure(false), 'workflow:issue', { now: at(0) });
		const listed = await ledger.listDueRetries({ now: at(0) });
		expect(listed.escalate).toEqual([
			expect.objectContaining({ key: 'k1', escalateReason: 'not_retryable' }),
		]);
	});

	it('once delivered, claimed or revoked, nothing is listed and no further failure is accepted', async () => {
		const { ledger } = await openTestLedger();
		for (const key of ['delivered', 'claimed', 'revoked']) await issuedThenRefused(ledger, key, 1);
		await ledger.record('delivered', 'delivered', { channel: 'email' }, 'queue', { now: at(6) });
		await ledger.record('claimed', 'claimed', {}, 'platform', { now: at(6) });
		await ledger.revoke('revoked', { reason: 'issued in error', operator: 'registrar' });
		const listed = await ledger.listDueRetries({ now: at(60) });
		expect([...listed.resend, ...listed.escalate, ...listed.due]).toEqual([]);
		const error = await ledger
			.record('delivered', 'failed', deliveryFailure(), 'queue', { now: at(61) })
			.catch((e: unknown) => e);
		expect(isLedgerError(error, 'invalid_state')).toBe(true);
		expect((error as Error).message).toContain('it is delivered');
	});

	it('before issuance a delivery cannot fail; after it, an issuing failure names the fix', async () => {
		const { ledger } = await openTestLedger();
		await ledger.reserve('k1', decision(), { now: at(0) });
		const early = await ledger
			.record('k1', 'failed', deliveryFailure(), 'queue')
			.catch((e: unknown) => e);
		expect((early as Error).message).toContain('it has not been issued');
		await ledger.record('k1', 'issued', ISSUED, 'workflow:issue');
		const late = await ledger
			.record('k1', 'failed', { error: 'timeout', retryable: true }, 'queue')
			.catch((e: unknown) => e);
		expect((late as Error).message).toContain('attributes {"stage": "delivery"}');
	});
});

describe('metrics', () => {
	it('do not count a refused email as a failed issue', async () => {
		const { ledger } = await openTestLedger();
		await issuedThenRefused(ledger, 'k1', 2);
		const [all] = await ledger.metrics({ periodStart: at(-60), periodEnd: at(60) });
		expect(all.metrics.issued.value).toBe(1);
		expect(all.metrics.failed.value).toBe(0);
	});
});
