import {
	OpenBadgeLedger,
	checkStatusIndex,
	loadIssuerKey,
	statusListUrl,
	verifyCredential,
	type IssuerKey,
	type SignedCredential,
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

async function badgeLedger(extra: Partial<ConstructorParameters<typeof OpenBadgeLedger>[1]> = {}) {
	const { ledger, store } = await openTestLedger();
	return {
		ledger,
		store,
		badges: new OpenBadgeLedger(ledger, {
			key,
			statusBaseUrl: BASE,
			actor: 'open-badge',
			...extra,
		}),
	};
}

async function issued(badges: OpenBadgeLedger, learner: string): Promise<SignedCredential> {
	const outcome = await badges.issue(`badge:${learner}`, decision(learner), badgeRequest());
	if (outcome.status !== 'issued') throw new Error(`not issued: ${outcome.status}`);
	return outcome.credential;
}

const listsOf = async (badges: OpenBadgeLedger, purposes: Array<'revocation' | 'suspension'>) =>
	new Map<string, unknown>(
		await Promise.all(
			purposes.map(
				async (purpose) =>
					[statusListUrl(BASE, purpose, 0), await badges.statusListCredential(purpose, 0)] as const,
			),
		),
	);

it('issues exactly once per key and records the credential in the ledger', async () => {
	const { badges, ledger, store } = await badgeLedger();
	const first = await badges.issue('badge:L-1', decision('L-1'), badgeRequest());
	const again = await badges.issue('badge:L-1', decision('L-1'), badgeRequest());
	expect(first.status).toBe('issued');
	expect(again).toMatchObject({
		status: 'already_issued',
		credentialId: first.status === 'issued' ? first.credentialId : '',
	});
	const [status] = await ledger.status({ key: 'badge:L-1' });
	expect(status.credential).toMatchObject({
		platform: 'open-badge',
		externalId: (first as { credentialId: string }).credentialId,
	});
	await store.close();
});

it('revoking flips the bit: the independent verifier then reports the credential revoked', async () => {
	const { badges, store } = await badgeLedger();
	const credential = await issued(badges, 'L-1');
	const other = await issued(badges, 'L-2');
	const before = await verifyIndependently(credential, await listsOf(badges, ['revocation']));
	expect(before).toMatchObject({ verified: true, status: { revocation: false } });

	await badges.changeStatus(credential.id, 'revoke', {
		reason: 'issued in error',
		operator: 'ops@example.org',
	});
	const lists = await listsOf(badges, ['revocation']);
	const after = await verifyIndependently(credential, lists);
	expect(after.status).toEqual({ revocation: true });
	expect(after.verified).toBe(false);
	expect(await verifyIndependently(other, lists)).toMatchObject({
		verified: true,
		status: { revocation: false },
	});
	const own = await verifyCredential(credential, { statusLists: lists });
	expect(own).toMatchObject({
		verified: false,
		checks: { signature: 'ok', status: { revocation: 'set' } },
	});
	await expect(
		badges.changeStatus(credential.id, 'revoke', { reason: 'again', operator: 'ops@example.org' }),
	).rejects.toThrow(/already revoked/);
	await store.close();
});

it('suspends and lifts a suspension in the suspension list', async () => {
	const { badges, store } = await badgeLedger({ statusPurposes: ['revocation', 'suspension'] });
	const credential = await issued(badges, 'L-1');
	await badges.changeStatus(credential.id, 'suspend', {
		reason: 'under review',
		operator: 'ops@example.org',
	});
	let result = await verifyIndependently(
		credential,
		await listsOf(badges, ['revocation', 'suspension']),
	);
	expect(result.status).toEqual({ revocation: false, suspension: true });
	await expect(
		badges.changeStatus(credential.id, 'suspend', { reason: 'twice', operator: 'ops@example.org' }),
	).rejects.toThrow(/already suspended/);
	await badges.changeStatus(credential.id, 'unsuspend', {
		reason: 'cleared',
		operator: 'ops@example.org',
	});
	result = await verifyIndependently(
		credential,
		await listsOf(badges, ['revocation', 'suspension']),
	);
	expect(result).toMatchObject({
		verified: true,
		status: { revocation: false, suspension: false },
	});
	await store.close();
});

it('serves the same signed list until the ledger changes', async () => {
	const { badges, store } = await badgeLedger();
	const credential = await issued(badges, 'L-1');
	const first = await badges.statusListCredential('revocation', 0);
	expect(await badges.statusListCredential('revocation', '0')).toBe(first);
	await badges.changeStatus(credential.id, 'revoke', { reason: 'r', operator: 'ops@example.org' });
	expect(await badges.statusListCredential('revocation', 0)).not.toBe(first);
	await store.close();
});

describe('bad input gets a clear answer naming the field', () => {
	let badges: OpenBadgeLedger;
	beforeAll(async () => {
		({ badges } = await badgeLedger());
	});
	const op = { reason: 'r', operator: 'ops@example.org' };

	it.each([
		[
			'an unknown id',
			'urn:uuid:00000000-0000-4000-8000-000000000000',
			/credentialId: no Open Badge urn:uuid:0{8}/,
		],
		[
			'a malformed id',
			'cert-42',
			/credentialId: "cert-42" is not a credential id; expected urn:uuid:/,
		],
		[
			'a huge id',
			'x'.repeat(1_000_000),
			/credentialId: a 1000000-character value is not a credential id/,
		],
		['no id', '', /credentialId: give the credential id/],
	])('%s', async (_label, id, message) => {
		const error = await badges.changeStatus(id, 'revoke', op).catch((e: Error) => e);
		expect(error).toBeInstanceOf(Error);
		expect((error as Error).message).toMatch(message);
		expect((error as Error).message.length).toBeLessThan(300);
	});

	it('a status list index or list number out of range', async () => {
		expect(() => checkStatusIndex(131_072)).toThrow(
			/statusListIndex: must be a whole number from 0 to 131071/,
		);
		expect(() => checkStatusIndex(-1)).toThrow(/statusListIndex/);
		await expect(badges.statusListCredential('revocation', 10_000_000)).rejects.toThrow(
			/listNumber: must be a whole number/,
		);
		await expect(badges.statusListCredential('expiry', 0)).rejects.toThrow(
			/statusPurpose: must be revocation or suspension/,
		);
	});

	it('a credential signed by another key', async () => {
		const credential = await issued(badges, 'L-9');
		const impostor = await loadIssuerKey({ privateKey: ed25519Pem(), identity: { method: 'key' } });
		const forged = {
			...credential,
			proof: credential.proof.map((p) => ({
				...p,
				verificationMethod: impostor.verificationMethod,
			})),
		};
		const report = await verifyCredential(forged);
		expect(report).toMatchObject({ verified: false, checks: { signature: 'failed' } });
		expect(report.problems.length).toBeGreaterThan(0);
		expect(JSON.stringify(report)).not.toMatch(/PRIVATE KEY|\n\s+at /);
	});
});
