// Status lists are dated: validFrom, validUntil an hour later and a 5-minute ttl, re-signed
// before a verifier could hold an expired copy; the served Cache-Control follows the ttl.
import {
	OpenBadgeLedger,
	STATUS_LIST_TTL_MS,
	loadIssuerKey,
	statusListCacheControl,
	statusListUrl,
	verifyCredential,
	type IssuerKey,
} from '../../../nodes/core/domain/open-badges';
import { decision, openTestLedger, removeTempFolders } from '../ledger/support/fixtures';
import { badgeRequest, ed25519Pem } from './support/fixtures';
import { verifyIndependently } from './support/independent-verifier';

const BASE = 'https://verify.example.org/webhook/badges/status';
const MINUTE = 60_000;
let key: IssuerKey;

beforeAll(async () => {
	key = await loadIssuerKey({ privateKey: ed25519Pem(), identity: { method: 'key' } });
});
afterAll(removeTempFolders);

it('dates each list, keeps it while a ttl is left, then signs a fresh one', async () => {
	const { ledger, store } = await openTestLedger();
	let now = Date.parse('2026-06-01T12:00:00Z');
	const badges = new OpenBadgeLedger(ledger, {
		key,
		statusBaseUrl: BASE,
		actor: 'open-badge',
		now: () => now,
	});
	const first = await badges.statusListCredential('revocation', 0);
	expect(first).toMatchObject({
		validFrom: '2026-06-01T12:00:00.000Z',
		validUntil: '2026-06-01T13:00:00.000Z',
		credentialSubject: { ttl: STATUS_LIST_TTL_MS },
	});
	expect(statusListCacheControl(first, now)).toBe('public, max-age=300');
	now += 55 * MINUTE;
	expect(await badges.statusListCredential('revocation', 0)).toBe(first);
	// Near its validUntil the header never lets a cache keep it past that.
	expect(statusListCacheControl(first, now + 2 * MINUTE)).toBe('public, max-age=180');
	expect(statusListCacheControl(first, now + 6 * MINUTE)).toBe('no-cache');
	now += 1 * MINUTE;
	const fresh = await badges.statusListCredential('revocation', 0);
	expect(fresh).not.toBe(first);
	expect(fresh.validFrom).toBe('2026-06-01T12:56:00.000Z');
	await store.close();
});

it('a list past its validUntil no longer vouches for a badge, with either verifier', async () => {
	const { ledger, store } = await openTestLedger();
	const hoursAgo = Date.now() - 2 * 60 * MINUTE;
	const old = new OpenBadgeLedger(ledger, {
		key,
		statusBaseUrl: BASE,
		actor: 'open-badge',
		now: () => hoursAgo,
	});
	const outcome = await old.issue('badge:L-1', decision('L-1'), badgeRequest());
	if (outcome.status !== 'issued') throw new Error(outcome.status);
	const expired = new Map([
		[statusListUrl(BASE, 'revocation', 0), await old.statusListCredential('revocation', 0)],
	]);
	expect(await verifyIndependently(outcome.credential, expired)).toMatchObject({
		verified: false,
	});
	const report = await verifyCredential(outcome.credential, { statusLists: expired });
	expect(report).toMatchObject({
		verified: false,
		checks: { status: { revocation: 'unchecked' } },
	});
	expect(report.problems.join(' ')).toMatch(/expired|validUntil|not verified/i);
	// The same badge with a current list verifies.
	const current = new OpenBadgeLedger(ledger, { key, statusBaseUrl: BASE, actor: 'open-badge' });
	const fresh = new Map([
		[statusListUrl(BASE, 'revocation', 0), await current.statusListCredential('revocation', 0)],
	]);
	expect(await verifyIndependently(outcome.credential, fresh)).toMatchObject({ verified: true });
	await store.close();
});
