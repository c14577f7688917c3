import {
	buildAchievementCredential,
	checkBadgeRequest,
	loadIssuerKey,
	signCredential,
	statusEntriesFor,
	verifyCredential,
	type IssuerKey,
	type SignedCredential,
} from '../../../nodes/core/domain/open-badges';
import { badgeRequest, ed25519Pem } from './support/fixtures';
import { verifyIndependently } from './support/independent-verifier';
import { schemaErrors } from './support/schema';

const STATUS_BASE = 'https://verify.example.org/webhook/badges/status';
let key: IssuerKey;
let signed: SignedCredential;

beforeAll(async () => {
	key = await loadIssuerKey({ privateKey: ed25519Pem(), identity: { method: 'key' } });
	const request = checkBadgeRequest(badgeRequest());
	signed = await signCredential(
		buildAchievementCredential(request, key.did, statusEntriesFor(STATUS_BASE, 7)),
		key,
	);
});

it('issues a credential the other library family verifies, offline', async () => {
	const result = await verifyIndependently(signed);
	expect(result).toEqual({ verified: true, status: {}, errors: [] });
	expect(signed.proof[0]).toMatchObject({
		type: 'DataIntegrityProof',
		cryptosuite: 'eddsa-rdfc-2022',
		proofPurpose: 'assertionMethod',
		verificationMethod: key.verificationMethod,
	});
});

it('validates against the 1EdTech OB 3.0 AchievementCredential JSON Schema', () => {
	expect(schemaErrors(signed)).toEqual([]);
	// The schema is able to fail: a credential without its achievement does not pass.
	const broken = structuredClone(signed) as unknown as {
		credentialSubject: Record<string, unknown>;
	};
	delete broken.credentialSubject.achievement;
	expect(schemaErrors(broken).join('\n')).toMatch(/achievement/);
});

it('carries the recipient only as salted hashes, with dates, evidence, credits and status', () => {
	const text = JSON.stringify(signed);
	expect(text).not.toMatch(/ada\.learner/i);
	expect(text).not.toContain('learner-42');
	expect(signed).toMatchObject({
		validFrom: '2026-03-01T10:00:00Z',
		validUntil: '2029-03-01T10:00:00Z',
		evidence: [{ id: 'https://verify.example.org/certificates/CERT-42' }],
		credentialSubject: { creditsEarned: 2.5 },
		credentialStatus: {
			type: 'BitstringStatusListEntry',
			statusPurpose: 'revocation',
			statusListIndex: '7',
			statusListCredential: `${STATUS_BASE}/revocation/0`,
		},
	});
});

it('verifies with its own verifier too (signature, dates; status unchecked without the lists)', async () => {
	const report = await verifyCredential(signed, { now: new Date('2027-01-01T00:00:00Z') });
	expect(report).toMatchObject({
		verified: true,
		checks: { schema: 'ok', signature: 'ok', expiry: 'ok', status: { revocation: 'unchecked' } },
	});
	const later = await verifyCredential(signed, { now: new Date('2030-01-01T00:00:00Z') });
	expect(later).toMatchObject({ verified: false, checks: { signature: 'ok', expiry: 'expired' } });
});

// Every leaf of the credential outside the proof, changed one at a time.
function leafPaths(
	value: unknown,
	path: Array<string | number> = [],
): Array<Array<string | number>> {
	if (Array.isArray(value)) return value.flatMap((item, i) => leafPaths(item, [...path, i]));
	if (value && typeof value === 'object')
		return Object.entries(value).flatMap(([k, v]) =>
			k === 'proof' ? [] : leafPaths(v, [...path, k]),
		);
	return [path];
}

function changedAt(credential: SignedCredential, path: Array<string | number>): SignedCredential {
	const copy = structuredClone(credential);
	let parent: Record<string | number, unknown> = copy;
	for (const step of path.slice(0, -1)) parent = parent[step] as Record<string | number, unknown>;
	const last = path[path.length - 1];
	const old = parent[last];
	parent[last] =
		typeof old === 'number' ? old + 1 : typeof old === 'boolean' ? !old : `${String(old)}x`;
	return copy;
}

it('fails verification when any field is changed', async () => {
	const paths = leafPaths(signed).filter((p) => p[0] !== '@context');
	expect(paths.length).toBeGreaterThan(25);
	const stillVerified: string[] = [];
	for (const path of paths) {
		const result = await verifyIndependently(changedAt(signed, path));
		if (result.verified) stillVerified.push(path.join('.'));
	}
	expect(stillVerified).toEqual([]);
});

it('fails verification when the proof or the key is changed', async () => {
	const [proof] = signed.proof;
	const proofValue = String(proof.proofValue);
	const badProof = {
		...signed,
		proof: [{ ...proof, proofValue: `${proofValue.slice(0, -3)}abc` }],
	};
	expect((await verifyIndependently(badProof)).verified).toBe(false);
	const otherKey = await loadIssuerKey({ privateKey: ed25519Pem(), identity: { method: 'key' } });
	// Claims the other key signed it: the signature no longer matches.
	const otherMethod = {
		...signed,
		proof: [{ ...proof, verificationMethod: otherKey.verificationMethod }],
	};
	expect((await verifyIndependently(otherMethod)).verified).toBe(false);
	// Signed by another key while naming the first issuer: refused as not the issuer's key.
	const { proof: _proof, ...unsigned } = signed;
	const foreign = await signCredential(unsigned, otherKey);
	expect((await verifyIndependently(foreign)).verified).toBe(false);
	const report = await verifyCredential(foreign);
	expect(report.verified).toBe(false);
	expect(report.checks.signature).toBe('failed');
	expect(report.problems.join(' ')).not.toMatch(/\n\s+at /);
});

it('checks an Open Badge against the OB 3.0 JSON Schema and still reports the signature', async () => {
	const withTwoStatuses = await signCredential(
		buildAchievementCredential(
			checkBadgeRequest(badgeRequest()),
			key.did,
			statusEntriesFor(STATUS_BASE, 7, ['revocation', 'suspension']),
		),
		key,
	);
	const report = await verifyCredential(withTwoStatuses, { now: new Date('2027-01-01T00:00:00Z') });
	expect(report).toMatchObject({ verified: false, checks: { schema: 'failed', signature: 'ok' } });
	expect(report.problems).toContain('OB 3.0 schema: /credentialStatus must be object');
	expect(schemaErrors(withTwoStatuses)).toContain('/credentialStatus must be object');
	const notJson = await verifyCredential('{not json');
	expect(notJson).toMatchObject({
		verified: false,
		checks: { schema: 'failed' },
		problems: ['credential: expected a JSON object'],
	});
});
