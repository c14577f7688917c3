// The Open Badge node inside the pinned n8n: issue exactly once through the ledger, a badge an
// independent verifier accepts, revoke and the served status list, verify, and bad input.
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { verifyIndependently } from '../../unit/open-badges/support/independent-verifier';
import { ed25519Pem } from '../../unit/open-badges/support/fixtures';
import { completionItem, ed25519Key, ledgerFolder, SIGNING } from '../support/credential-ledger';
import { runNode, type NodeSettings } from '../support/run-node';

const TYPE = 'n8n-nodes-certificate-delivery.openBadge';
const ISSUER = 'openBadgeIssuerApi';
const BASE = 'https://n8n.example.org/webhook/badges/status';
const issuerCredential = {
	privateKey: ed25519Pem(),
	identity: 'key',
	issuerName: 'Example Training Ltd',
};

async function runBadge(
	folder: string,
	parameters: INodeParameters,
	items: IDataObject[] = [{}],
	options: { settings?: NodeSettings; issuer?: IDataObject } = {},
) {
	const credentials = { [ISSUER]: options.issuer ?? issuerCredential, [SIGNING]: ed25519Key() };
	return await runNode({
		type: TYPE,
		parameters: { resource: 'badge', folderPath: folder, statusBaseUrl: BASE, ...parameters },
		items,
		settings: options.settings,
		nodeCredentials: Object.fromEntries(
			Object.keys(credentials).map((t) => [t, { id: t, name: `test ${t}` }]),
		),
		credentials: credentials as Record<string, IDataObject> as never,
	});
}

const ISSUE: INodeParameters = {
	operation: 'issue',
	key: 'badge:L-1:SAFE-101',
	achievementName: 'Safe Lifting Basics',
	achievementDescription: 'Completed the Safe Lifting Basics course.',
	criteria: 'Pass the final assessment with at least 80%.',
	issuedOn: '2026-05-04T10:00:00Z',
	additionalFields: { evidenceUrl: 'https://verify.example.org/c/1', creditsEarned: 1.5 },
};

const json = (result: Awaited<ReturnType<typeof runBadge>>, index = 0) =>
	result.outputs[0][index].json;

it('issues once, the badge verifies independently, and revoking shows in the served list', async () => {
	const folder = ledgerFolder();
	const first = await runBadge(folder, ISSUE, [completionItem()]);
	expect(first.status).toBe('success');
	const badge = json(first).openBadge as IDataObject;
	expect(badge).toMatchObject({ status: 'issued', key: ISSUE.key });
	expect(first.outputs[0][0].pairedItem).toEqual({ item: 0 });
	const credential = badge.credential as IDataObject;
	expect(await verifyIndependently(credential)).toMatchObject({ verified: true });

	const again = await runBadge(folder, ISSUE, [completionItem()]);
	expect(json(again).openBadge).toMatchObject({
		status: 'already_issued',
		credentialId: badge.credentialId,
	});

	const revoked = await runBadge(folder, {
		operation: 'revoke',
		credentialId: badge.credentialId as string,
		reason: 'issued in error',
		operator: 'ops@example.org',
	});
	expect(json(revoked).openBadge).toMatchObject({
		action: 'revoke',
		credentialId: badge.credentialId,
	});

	const list = await runBadge(folder, {
		operation: 'getStatusList',
		statusPurpose: 'revocation',
		listNumber: 0,
	});
	const lists = new Map([[`${BASE}/revocation/0`, json(list).statusListCredential]]);
	// The header template 19 serves the list with: its 5-minute ttl.
	expect(json(list).cacheControl).toBe('public, max-age=300');
	expect(await verifyIndependently(credential, lists)).toMatchObject({
		verified: false,
		status: { revocation: true },
	});

	const verified = await runBadge(folder, {
		operation: 'verify',
		credential: JSON.stringify(credential),
	});
	expect(json(verified).verification).toMatchObject({
		verified: false,
		checks: { signature: 'ok', status: { revocation: 'set' } },
	});
});

it('answers bad input per item with the field to fix, and never prints the key', async () => {
	const folder = ledgerFolder();
	const settings: NodeSettings = { continueOnFail: true };
	const cases: Array<[INodeParameters, RegExp]> = [
		[
			{ operation: 'revoke', credentialId: 'cert-42', reason: 'r', operator: 'o' },
			/credentialId: "cert-42" is not a credential id/,
		],
		[
			{ operation: 'revoke', credentialId: 'x'.repeat(100_000), reason: 'r', operator: 'o' },
			/a 100000-character value is not a credential id/,
		],
		[
			{
				operation: 'revoke',
				credentialId: 'urn:uuid:00000000-0000-4000-8000-000000000000',
				reason: 'r',
				operator: 'o',
			},
			/no Open Badge urn:uuid/,
		],
		[
			{ operation: 'getStatusList', statusPurpose: 'revocation', listNumber: 99_999_999 },
			/listNumber: must be a whole number/,
		],
		[{ ...ISSUE, achievementName: '={{ "" }}' }, /achievement\.name: Required/],
	];
	for (const [parameters, message] of cases) {
		const result = await runBadge(folder, parameters, [{}], { settings });
		expect(result.status).toBe('success');
		const error = String(json(result).error);
		expect(error).toMatch(message);
		expect(error.length).toBeLessThan(400);
	}
	const notAKey = await runBadge(folder, ISSUE, [completionItem()], {
		settings,
		issuer: { ...issuerCredential, privateKey: 'not a key' },
	});
	expect(String(json(notAKey).error)).toMatch(/privateKey: the key is neither PEM nor multibase/);
	const secret = 'c2VjcmV0LWtleS1tYXRlcmlhbC1uZXZlci1wcmludGVk';
	const broken = await runBadge(folder, ISSUE, [completionItem()], {
		settings,
		issuer: {
			...issuerCredential,
			privateKey: `-----BEGIN PRIVATE KEY-----\n${secret}\n-----END PRIVATE KEY-----`,
		},
	});
	expect(String(json(broken).error)).toMatch(
		/privateKey: the PEM text cannot be read as a private key/,
	);
	expect(JSON.stringify(broken.outputs)).not.toContain(secret);
});
