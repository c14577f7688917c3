import { createPrivateKey } from 'node:crypto';

import {
	buildAchievementCredential,
	checkBadgeRequest,
	didDocumentOf,
	loadIssuerKey,
	signCredential,
	verifyCredential,
} from '../../../nodes/core/domain/open-badges';
import { loadPackage } from '../../../nodes/core/domain/open-badges/libraries';
import { badgeRequest, ed25519Pem } from './support/fixtures';
import { verifyIndependently } from './support/independent-verifier';
import { schemaErrors } from './support/schema';

const NOW = new Date('2027-01-01T00:00:00Z');

it('issues under did:web: verifies with the published DID document, not without it', async () => {
	const key = await loadIssuerKey({
		privateKey: ed25519Pem(),
		identity: { method: 'web', domain: 'Badges.Example.org' },
	});
	expect(key.did).toBe('did:web:badges.example.org');
	expect(key.verificationMethod).toBe(
		`did:web:badges.example.org#key-${key.publicKeyMultibase.slice(-8)}`,
	);
	const signed = await signCredential(
		buildAchievementCredential(checkBadgeRequest(badgeRequest()), key.did, []),
		key,
	);
	const document = didDocumentOf(key);
	expect(await verifyCredential(signed, { now: NOW, didDocuments: [document] })).toMatchObject({
		verified: true,
	});
	const unknown = await verifyCredential(signed, { now: NOW });
	expect(unknown).toMatchObject({ verified: false, checks: { signature: 'failed' } });
	expect(unknown.problems.join(' ')).toMatch(/network access is off/);
});

it('takes a multibase Multikey secret as well as PEM, to the same issuer', async () => {
	const pem = ed25519Pem();
	const jwk = createPrivateKey(pem).export({ format: 'jwk' });
	const multikey = await loadPackage('@digitalbazaar/ed25519-multikey');
	const pair = await multikey.fromJwk({ jwk, secretKey: true });
	const { secretKeyMultibase } = await pair.export({ publicKey: true, secretKey: true });
	const fromPem = await loadIssuerKey({ privateKey: pem, identity: { method: 'key' } });
	const fromMultibase = await loadIssuerKey({
		privateKey: secretKeyMultibase,
		identity: { method: 'key' },
	});
	expect(fromMultibase.did).toBe(fromPem.did);
	const signed = await signCredential(
		buildAchievementCredential(checkBadgeRequest(badgeRequest()), fromMultibase.did, []),
		fromMultibase,
	);
	expect((await verifyIndependently(signed)).verified).toBe(true);
});

it('embeds a configured SVG image as a data URI, valid for the OB schema', async () => {
	const key = await loadIssuerKey({ privateKey: ed25519Pem(), identity: { method: 'key' } });
	const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>').toString('base64');
	const request = badgeRequest();
	request.achievement.image = `data:image/svg+xml;base64,${svg}`;
	const signed = await signCredential(
		buildAchievementCredential(checkBadgeRequest(request), key.did, []),
		key,
	);
	expect(schemaErrors(signed)).toEqual([]);
	expect((await verifyIndependently(signed)).verified).toBe(true);
});

describe('refuses bad issuer and badge input by field', () => {
	it.each([
		[
			{ privateKey: 'zNotBase58!!', identity: { method: 'key' as const } },
			/privateKey: the multibase text is not base58btc/,
		],
		[
			{
				privateKey: 'z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK',
				identity: { method: 'key' as const },
			},
			/privateKey: the multibase key is not an Ed25519 private key/,
		],
		[{ privateKey: '', identity: { method: 'key' as const } }, /privateKey: no key given/],
	])('key %#', async (input, message) => {
		await expect(loadIssuerKey(input)).rejects.toThrow(message);
	});

	it('a domain that is not a host name', async () => {
		await expect(
			loadIssuerKey({
				privateKey: ed25519Pem(),
				identity: { method: 'web', domain: 'https://x/../y' },
			}),
		).rejects.toThrow(/issuerDomain: "https:\/\/x\/..\/y" is not a domain name/);
	});

	it.each([
		[
			{ achievement: { ...badgeRequest().achievement, image: 'ftp://x.org/a.png' } },
			/^achievement\.image: expected an https:\/\/ URL or a data:image/,
		],
		[{ recipient: {} }, /^recipient\.email: give the learner e-mail or the learner id/],
		[{ expiresOn: '2020-01-01T00:00:00Z' }, /^expiresOn: must be after issuedOn/],
		[{ issuedOn: 'yesterday' }, /^issuedOn: expected an ISO-8601 date-time/],
	])('badge %#', (overrides, message) => {
		expect(() => checkBadgeRequest({ ...badgeRequest(), ...overrides })).toThrow(message);
	});
});
