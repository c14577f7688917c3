// A run stopped between issuing the badge and its email leaves it issued and never sent. The
// same completion again (an LMS re-delivery) must hand back that very badge, signed as it was,
// so the workflow can mail it, and nothing once a send (Delivered, or a failed one) is recorded.
import { randomBytes } from 'node:crypto';

import { EvidenceCipher, wasNeverSent } from '../../../nodes/core/domain/ledger';
import {
	OpenBadgeLedger,
	loadIssuerKey,
	type IssuerKey,
} from '../../../nodes/core/domain/open-badges';
import { decision, openTestLedger, removeTempFolders } from '../ledger/support/fixtures';
import { badgeRequest, ed25519Pem } from './support/fixtures';
import { verifyIndependently } from './support/independent-verifier';

const BASE = 'https://verify.example.org/webhook/badges/status';
let key: IssuerKey;

beforeAll(async () => {
	key = await loadIssuerKey({ privateKey: ed25519Pem(), identity: { method: 'key' } });
});
afterAll(removeTempFolders);

async function issuedOnce(evidenceCipher?: EvidenceCipher) {
	const { ledger, store } = await openTestLedger({ evidenceCipher });
	const badges = new OpenBadgeLedger(ledger, { key, statusBaseUrl: BASE, actor: 'open-badge' });
	const first = await badges.issue('badge:L-1', decision('L-1'), badgeRequest());
	if (first.status !== 'issued') throw new Error(`not issued: ${first.status}`);
	const again = () => badges.issue('badge:L-1', decision('L-1'), badgeRequest());
	return { ledger, store, first, again };
}

describe('a badge issued and never sent', () => {
	it('is handed back on a repeat: the same signed badge, no second entry or status index', async () => {
		const { ledger, store, first, again } = await issuedOnce();
		const entriesBefore = (await store.findByKey('badge:L-1')).length;
		const repeat = await again();
		expect(repeat).toEqual({
			status: 'already_issued',
			key: 'badge:L-1',
			credentialId: first.credentialId,
			state: 'issued',
			neverSent: true,
			credential: first.credential,
		});
		expect(await store.findByKey('badge:L-1')).toHaveLength(entriesBefore);
		const [status] = await ledger.status({ key: 'badge:L-1' });
		expect(wasNeverSent(status)).toBe(true);
		await store.close();
	});

	it('is handed back from encrypted evidence still verifying with an independent verifier', async () => {
		// What the learner is mailed is read back from the ledger, not the run's memory: it must
		// survive storage (here encrypted at rest) with its proof intact.
		const cipher = EvidenceCipher.fromKeyList(randomBytes(32).toString('base64'))!;
		const { store, first, again } = await issuedOnce(cipher);
		const repeat = await again();
		if (repeat.status !== 'already_issued' || !repeat.credential)
			throw new Error(`not handed back: ${JSON.stringify(repeat)}`);
		expect(await verifyIndependently(first.credential)).toMatchObject({ verified: true });
		expect(await verifyIndependently(repeat.credential)).toMatchObject({ verified: true });
		await store.close();
	});

	it('is not handed back once Delivered is recorded', async () => {
		const { ledger, store, again } = await issuedOnce();
		await ledger.record('badge:L-1', 'delivered', { channel: 'email' }, 'workflow');
		const repeat = await again();
		expect(repeat).toMatchObject({
			status: 'already_issued',
			state: 'delivered',
			neverSent: false,
		});
		expect(repeat).not.toHaveProperty('credential');
		await store.close();
	});

	it('is not handed back once a failed send is recorded (the resend queue owns it then)', async () => {
		const { ledger, store, again } = await issuedOnce();
		await ledger.record(
			'badge:L-1',
			'failed',
			{ error: '550 no such mailbox', retryable: false, attributes: { stage: 'delivery' } },
			'workflow',
		);
		const repeat = await again();
		expect(repeat).toMatchObject({ status: 'already_issued', state: 'issued', neverSent: false });
		expect(repeat).not.toHaveProperty('credential');
		await store.close();
	});

	it('is not handed back once revoked', async () => {
		const { ledger, store, again } = await issuedOnce();
		await ledger.revoke('badge:L-1', { reason: 'issued in error', operator: 'ops@example.org' });
		expect(await again()).toMatchObject({ state: 'revoked', neverSent: false });
		await store.close();
	});

	it('is not handed back when its evidence was erased: nothing to send the same badge from', async () => {
		const { ledger, store, again } = await issuedOnce();
		const inAMinute = new Date(Date.now() + 60_000).toISOString();
		await ledger.erasePersonalData({
			olderThan: inAMinute,
			now: inAMinute,
			actor: 'privacy@example.org',
		});
		expect(await again()).toMatchObject({ state: 'issued', neverSent: false });
		await store.close();
	});
});
