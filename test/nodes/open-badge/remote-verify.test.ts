// Verify inside the pinned n8n, for a badge of another issuer: its did:web document and status
// list come from a server on this machine (Allow Loopback), and bad input is a named item error.
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { ed25519Pem } from '../../unit/open-badges/support/fixtures';
import { startOtherIssuer, type OtherIssuer } from '../../unit/open-badges/support/other-issuer';
import { ed25519Key, ledgerFolder, SIGNING } from '../support/credential-ledger';
import { runNode } from '../support/run-node';

const ISSUER = 'openBadgeIssuerApi';
const started: OtherIssuer[] = [];
// A fresh issuer per case: the node caches fetched documents per process, by URL.
async function otherIssuer(setIndexes: number[] = []): Promise<OtherIssuer> {
	const issuer = await startOtherIssuer();
	started.push(issuer);
	await issuer.publishList(setIndexes);
	return issuer;
}
afterAll(() => Promise.all(started.map((issuer) => issuer.close())));

async function verify(
	credential: unknown,
	verifyOptions: INodeParameters = { allowLoopback: true },
) {
	const credentials = {
		[ISSUER]: { privateKey: ed25519Pem(), identity: 'key', issuerName: 'Our Training' },
		[SIGNING]: ed25519Key(),
	};
	const parameters: INodeParameters = {
		resource: 'badge',
		operation: 'verify',
		folderPath: ledgerFolder(),
		credential: '={{ $json.credential }}',
		verifyOptions,
	};
	const result = await runNode({
		type: 'n8n-nodes-certificate-delivery.openBadge',
		parameters,
		items: [{ credential } as IDataObject],
		settings: { continueOnFail: true },
		nodeCredentials: Object.fromEntries(
			Object.keys(credentials).map((t) => [t, { id: t, name: `test ${t}` }]),
		),
		credentials: credentials as Record<string, IDataObject> as never,
	});
	return result.outputs[0][0].json;
}

it("verifies another issuer's badge by fetching its did:web document and status list", async () => {
	const valid = await otherIssuer();
	expect((await verify(await valid.issue(9))).verification).toMatchObject({
		verified: true,
		checks: { signature: 'ok', status: { revocation: 'clear' } },
	});
	const revoking = await otherIssuer([9]);
	expect((await verify(await revoking.issue(9))).verification).toMatchObject({
		verified: false,
		checks: { signature: 'ok', status: { revocation: 'set' } },
	});
	const oversized = await otherIssuer();
	oversized.answer('/status/revocation/0', (_request, response) =>
		response.writeHead(200).end('x'.repeat(20 * 1024)),
	);
	const tooLarge = await verify(await oversized.issue(9), {
		allowLoopback: true,
		maxKilobytes: 16,
	});
	expect(tooLarge.verification).toMatchObject({
		verified: false,
		checks: { status: { revocation: 'unchecked' } },
		unreachable: [{ role: 'status_list', reason: 'answered more than 16,384 bytes (the limit)' }],
	});
});

it('refuses loopback without the testing option, and names an oversized or broken input', async () => {
	const credential = await (await otherIssuer()).issue(3);
	const refused = await verify(credential, {});
	expect(refused.verification).toMatchObject({ verified: false, checks: { signature: 'failed' } });
	expect(JSON.stringify(refused.verification)).toMatch(/127\.0\.0\.1 is a loopback address/);
	const huge = await verify(`{"pad":"${'x'.repeat(2_000_001)}"}`);
	expect(String(huge.error)).toMatch(
		/credential: is 2,000,011 characters long; the limit is 2,000,000/,
	);
	const broken = await verify('{"issuer":');
	expect(String(broken.error)).toMatch(/credential: is not valid JSON/);
});
