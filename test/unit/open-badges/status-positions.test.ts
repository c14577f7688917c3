// Status-list indexes that do not reveal issue order: a keyed permutation per list, and badges
// placed before it (in issue order, or under an earlier issuer key) keep their bits.
import {
	KeyedPermutation,
	OpenBadgeLedger,
	STATUS_LIST_LENGTH,
	loadIssuerKey,
	statusListUrl,
	type IssuerKey,
	type SignedCredential,
} from '../../../nodes/core/domain/open-badges';
import { loadPackage } from '../../../nodes/core/domain/open-badges/libraries';
import { decision, openTestLedger, removeTempFolders } from '../ledger/support/fixtures';
import { badgeRequest, ed25519Pem } from './support/fixtures';

const BASE = 'https://verify.example.org/webhook/badges/status';
afterAll(removeTempFolders);

it('is a bijection over the whole list size: every index once, no collisions, not in order', () => {
	const permutation = new KeyedPermutation(Buffer.alloc(32, 7), 'list-0', STATUS_LIST_LENGTH);
	const seen = new Uint8Array(STATUS_LIST_LENGTH);
	let outside = 0;
	for (let position = 0; position < STATUS_LIST_LENGTH; position++) {
		const index = permutation.apply(position);
		if (index >= 0 && index < STATUS_LIST_LENGTH) seen[index]++;
		else outside++;
	}
	expect(outside).toBe(0);
	expect(seen.every((count) => count === 1)).toBe(true);
	const firstHundred = Array.from({ length: 100 }, (_, i) => permutation.apply(i));
	// Consecutive positions land far apart, in no order: about half the steps go down.
	const descents = firstHundred.slice(1).filter((index, i) => index < firstHundred[i]).length;
	expect(descents).toBeGreaterThan(25);
	expect(descents).toBeLessThan(75);
	expect(new Set(firstHundred.map((index) => Math.floor(index / 1024))).size).toBeGreaterThan(50);
});

it('differs per secret and per list, and stays a bijection on sizes that are not powers of two', () => {
	const a = new KeyedPermutation(Buffer.alloc(32, 1), 'list-0', STATUS_LIST_LENGTH);
	const b = new KeyedPermutation(Buffer.alloc(32, 2), 'list-0', STATUS_LIST_LENGTH);
	const c = new KeyedPermutation(Buffer.alloc(32, 1), 'list-1', STATUS_LIST_LENGTH);
	const first = (p: KeyedPermutation) => [0, 1, 2, 3, 4].map((i) => p.apply(i));
	expect(first(a)).not.toEqual(first(b));
	expect(first(a)).not.toEqual(first(c));
	expect(first(a)).toEqual(first(new KeyedPermutation(Buffer.alloc(32, 1), 'list-0', 131_072)));
	const odd = new KeyedPermutation(Buffer.alloc(32, 3), 'x', 1000);
	expect(new Set(Array.from({ length: 1000 }, (_, i) => odd.apply(i))).size).toBe(1000);
	expect(() => odd.apply(1000)).toThrow(RangeError);
});

async function bitsOf(list: SignedCredential): Promise<{ getStatus(index: number): boolean }> {
	const { decodeList } = await loadPackage('@digitalcredentials/vc-bitstring-status-list');
	return decodeList({
		encodedList: (list.credentialSubject as { encodedList: string }).encodedList,
	});
}

const slotOf = (credential: SignedCredential) => {
	const status = credential.credentialStatus as {
		statusListIndex: string;
		statusListCredential: string;
	};
	return { url: status.statusListCredential, index: Number(status.statusListIndex) };
};

it('keeps badges placed in issue order, and under an earlier key, on their own bits', async () => {
	const { ledger, store } = await openTestLedger();
	// Two badges recorded the way they were before positions were scrambled.
	for (const [i, learner] of ['L-old-1', 'L-old-2'].entries()) {
		const key = `badge:${learner}`;
		const reserved = await ledger.reserve(key, decision(learner));
		if (reserved.status !== 'new') throw new Error(reserved.status);
		const [status] = await ledger.status({ key });
		await ledger.record(
			key,
			'issued',
			{
				platform: 'open-badge',
				externalId: `urn:uuid:00000000-0000-4000-8000-00000000000${i}`,
				issuedOn: '2026-03-01T10:00:00.000Z',
				attempt: reserved.attempt,
				attributes: { statusPosition: status.firstSeq - 1, issuer: 'did:key:old' },
			},
			'open-badge',
		);
	}
	const keyOf = async (): Promise<IssuerKey> =>
		loadIssuerKey({ privateKey: ed25519Pem(), identity: { method: 'key' } });
	const first = new OpenBadgeLedger(ledger, {
		key: await keyOf(),
		statusBaseUrl: BASE,
		actor: 'a',
	});
	const issue = async (badges: OpenBadgeLedger, learner: string) => {
		const outcome = await badges.issue(`badge:${learner}`, decision(learner), badgeRequest());
		if (outcome.status !== 'issued') throw new Error(outcome.status);
		return outcome;
	};
	const scrambled = await Promise.all(['L-1', 'L-2', 'L-3'].map((l) => issue(first, l)));
	// The legacy list 0 is closed: new badges start in list 1.
	expect(scrambled.map((o) => slotOf(o.credential).url)).toEqual(
		Array(3).fill(statusListUrl(BASE, 'revocation', 1)),
	);
	// A rotated issuer key starts after every list the previous key used.
	const rotated = new OpenBadgeLedger(ledger, {
		key: await keyOf(),
		statusBaseUrl: BASE,
		actor: 'a',
	});
	const later = await issue(rotated, 'L-4');
	expect(slotOf(later.credential).url).toBe(statusListUrl(BASE, 'revocation', 2));

	await first.changeStatus('urn:uuid:00000000-0000-4000-8000-000000000001', 'revoke', {
		reason: 'r',
		operator: 'ops@example.org',
	});
	await first.changeStatus(scrambled[1].credentialId, 'revoke', { reason: 'r', operator: 'o' });
	const legacy = await bitsOf(await first.statusListCredential('revocation', 0));
	const [oldTwo] = await ledger.status({ key: 'badge:L-old-2' });
	expect(legacy.getStatus(oldTwo.firstSeq - 1)).toBe(true);
	const list1 = await bitsOf(await first.statusListCredential('revocation', 1));
	const set = scrambled.map((o) => list1.getStatus(slotOf(o.credential).index));
	expect(set).toEqual([false, true, false]);
	await store.close();
});
