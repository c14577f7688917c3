import {
	OpenBadgeLedger,
	loadIssuerKey,
	signCredential,
	statusListUrl,
	type SignedCredential,
} from '../../../nodes/core/domain/open-badges';
import { loadPackage } from '../../../nodes/core/domain/open-badges/libraries';
import { decision, openTestLedger, removeTempFolders } from '../ledger/support/fixtures';
import { badgeRequest, ed25519Pem } from './support/fixtures';
import { verifyIndependently } from './support/independent-verifier';

const BASE = 'https://verify.example.org/webhook/badges/status';
const COUNT = 10_000;

afterAll(removeTempFolders);

it('keeps 10,000 credentials in one list, each bit its own, revocations exactly where recorded', async () => {
	const key = await loadIssuerKey({ privateKey: ed25519Pem(), identity: { method: 'key' } });
	const { ledger, store } = await openTestLedger();
	// Allocation and recording are the real ones; the 10,000 signatures are left out (signing
	// speed is the benchmark's business) except for the credential checked end to end below.
	let signReal = false;
	const badges = new OpenBadgeLedger(ledger, {
		key,
		statusBaseUrl: BASE,
		actor: 'open-badge',
		sign: async (credential, signingKey) =>
			signReal
				? signCredential(credential, signingKey)
				: ({ ...credential, proof: [] } as SignedCredential),
	});
	const ids: string[] = [];
	const indexes = new Set<string>();
	const indexOf = new Map<string, number>();
	for (let i = 0; i < COUNT; i++) {
		const outcome = await badges.issue(`badge:${i}`, decision(`L-${i}`), badgeRequest());
		if (outcome.status !== 'issued') throw new Error(`credential ${i}: ${outcome.status}`);
		const status = outcome.credential.credentialStatus as {
			statusListIndex: string;
			statusListCredential: string;
		};
		expect(status.statusListCredential).toBe(statusListUrl(BASE, 'revocation', 0));
		indexes.add(status.statusListIndex);
		indexOf.set(`badge:${i}`, Number(status.statusListIndex));
		ids.push(outcome.credentialId);
	}
	expect(indexes.size).toBe(COUNT);
	// Scrambled: the indexes do not follow issue order.
	const inOrder = [...indexOf.values()].every((index, i, all) => i === 0 || index > all[i - 1]);
	expect(inOrder).toBe(false);

	const revoked = new Set<number>();
	for (let i = 0; i < COUNT; i += 7) {
		await badges.changeStatus(ids[i], 'revoke', { reason: 'drill', operator: 'ops@example.org' });
		revoked.add(i);
	}
	signReal = true;
	const last = await badges.issue('badge:last', decision('L-last'), badgeRequest());
	if (last.status !== 'issued') throw new Error(last.status);
	await badges.changeStatus(last.credentialId, 'revoke', {
		reason: 'drill',
		operator: 'ops@example.org',
	});

	const list = await badges.statusListCredential('revocation', 0);
	const { decodeList } = await loadPackage('@digitalcredentials/vc-bitstring-status-list');
	const bits = await decodeList({
		encodedList: (list.credentialSubject as { encodedList: string }).encodedList,
	});
	const wrong: string[] = [];
	for (let i = 0; i < COUNT; i++)
		if (bits.getStatus(indexOf.get(`badge:${i}`)) !== revoked.has(i)) wrong.push(`badge:${i}`);
	expect(wrong).toEqual([]);
	const result = await verifyIndependently(
		last.credential,
		new Map([[statusListUrl(BASE, 'revocation', 0), list]]),
	);
	expect(result).toMatchObject({ verified: false, status: { revocation: true } });
	await store.close();
}, 300_000);
