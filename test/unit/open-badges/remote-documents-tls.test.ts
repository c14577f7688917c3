// Verify's https path on real TLS: another issuer serves its did:web document and status list
// over https with a certificate from a CA made for this run. Trusted only when the test hands
// that CA to the fetch policy; otherwise each document is a named `unreachable` result.
import { lookup as dnsLookup } from 'node:dns';

import { verifyCredential } from '../../../nodes/core/domain/open-badges';
import {
	DocumentCache,
	fetchVerificationDocuments,
	type FetchPolicy,
} from '../../../nodes/core/integrations/open-badges';
import { startOtherIssuer, type OtherIssuer } from './support/other-issuer';
import { makeTestPki, type TestPki } from './support/test-tls';

const HOST = 'issuer.test';
const NOW = new Date('2027-01-01T00:00:00Z');

// The test names resolve to this machine, as a public name would to the issuer's server.
const toLoopback = ((host: string, options: never, callback: never) =>
	host.endsWith('.test')
		? dnsLookup('127.0.0.1', options, callback)
		: dnsLookup(host, options, callback)) as typeof dnsLookup;

let pki: TestPki;
let issuer: OtherIssuer;

beforeAll(() => {
	pki = makeTestPki([HOST]);
});
afterEach(() => issuer.close());

async function verifyOverTls(credential: unknown, policy: Partial<FetchPolicy> = {}) {
	const documents = await fetchVerificationDocuments(
		credential,
		{ didDocuments: [], statusLists: new Map() },
		{ timeoutMs: 3000, maxBytes: 64 * 1024, allowLoopback: true, lookup: toLoopback, ...policy },
		new DocumentCache(60_000),
	);
	return verifyCredential(credential, { ...documents, now: NOW });
}

it("verifies another issuer's badge with its did:web document and status list fetched over https", async () => {
	issuer = await startOtherIssuer({ host: HOST, key: pki.key, cert: pki.cert });
	await issuer.publishList([]);
	expect(issuer.listUrl).toMatch(/^https:\/\/issuer\.test:\d+\/status\/revocation\/0$/);
	const report = await verifyOverTls(await issuer.issue(5), { trustedCertificates: pki.caCert });
	expect(report).toMatchObject({
		verified: true,
		checks: { signature: 'ok', status: { revocation: 'clear' } },
		problems: [],
	});
	expect(report.unreachable).toBeUndefined();
	expect(issuer.hits.get('/.well-known/did.json')).toBe(1);
	expect(issuer.hits.get('/status/revocation/0')).toBe(1);

	await issuer.publishList([5]);
	const revoked = await verifyOverTls(await issuer.issue(5), { trustedCertificates: pki.caCert });
	expect(revoked.checks.status).toEqual({ revocation: 'set' });
});

it('an issuer whose certificate the system does not trust is unreachable, named, and never read', async () => {
	issuer = await startOtherIssuer({ host: HOST, key: pki.key, cert: pki.cert });
	await issuer.publishList([]);
	const report = await verifyOverTls(await issuer.issue(5));
	expect(report.verified).toBe(false);
	expect(report.checks.signature).toBe('failed');
	expect(report.unreachable).toEqual([
		{
			url: expect.stringMatching(/^https:\/\/issuer\.test:\d+\/\.well-known\/did\.json$/),
			role: 'did_document',
			reason: expect.stringMatching(
				/^cannot be reached securely: its TLS certificate is not trusted \((UNABLE_TO_VERIFY_LEAF_SIGNATURE|UNABLE_TO_GET_ISSUER_CERT_LOCALLY|SELF_SIGNED_CERT_IN_CHAIN)\)$/,
			),
		},
		{
			url: issuer.listUrl,
			role: 'status_list',
			reason: expect.stringMatching(/TLS certificate is not trusted/),
		},
	]);
	expect(report.problems[0]).toMatch(
		/^issuer DID document https:\/\/issuer\.test:\d+\/\.well-known\/did\.json could not be fetched: cannot be reached securely/,
	);
	// The handshake failed before any request was sent.
	expect(issuer.hits.size).toBe(0);
});

it('a trusted CA does not vouch for a certificate made out to another name', async () => {
	issuer = await startOtherIssuer({ host: 'other.test', key: pki.key, cert: pki.cert });
	await issuer.publishList([]);
	const report = await verifyOverTls(await issuer.issue(5), { trustedCertificates: pki.caCert });
	expect(report.verified).toBe(false);
	expect(report.unreachable?.map((document) => document.reason)).toEqual([
		'cannot be reached securely: its TLS certificate is not trusted (ERR_TLS_CERT_ALTNAME_INVALID)',
		'cannot be reached securely: its TLS certificate is not trusted (ERR_TLS_CERT_ALTNAME_INVALID)',
	]);
	expect(issuer.hits.size).toBe(0);
});
