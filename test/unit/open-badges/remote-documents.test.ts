// Verifying a badge of another issuer: its did:web document and status list are fetched from a
// server on this machine, within the fetch policy (size, time, addresses, redirects).
import { lookup as dnsLookup } from 'node:dns';

import { verifyCredential } from '../../../nodes/core/domain/open-badges';
import {
	DocumentCache,
	fetchVerificationDocuments,
	type FetchPolicy,
} from '../../../nodes/core/integrations/open-badges';
import { startOtherIssuer, type OtherIssuer } from './support/other-issuer';

const LOOPBACK_POLICY: FetchPolicy = { timeoutMs: 1000, maxBytes: 64 * 1024, allowLoopback: true };
const NOW = new Date('2027-01-01T00:00:00Z');
let issuer: OtherIssuer;

beforeEach(async () => {
	issuer = await startOtherIssuer();
	await issuer.publishList([]);
});
afterEach(() => issuer.close());

async function verifyFetching(
	credential: unknown,
	policy: FetchPolicy = LOOPBACK_POLICY,
	cache = new DocumentCache(60_000),
) {
	const documents = await fetchVerificationDocuments(
		credential,
		{ didDocuments: [], statusLists: new Map() },
		policy,
		cache,
	);
	return verifyCredential(credential, { ...documents, now: NOW });
}

it("verifies another issuer's badge with its fetched did:web document and status list", async () => {
	const report = await verifyFetching(await issuer.issue(5));
	expect(report).toMatchObject({
		verified: true,
		checks: { schema: 'ok', signature: 'ok', expiry: 'ok', status: { revocation: 'clear' } },
		problems: [],
	});
	expect(report.unreachable).toBeUndefined();
	expect(issuer.hits.get('/.well-known/did.json')).toBe(1);
	expect(issuer.hits.get('/status/revocation/0')).toBe(1);
});

it('reports a revoked bit in the fetched list', async () => {
	const credential = await issuer.issue(5);
	await issuer.publishList([5]);
	const report = await verifyFetching(credential);
	expect(report).toMatchObject({
		verified: false,
		checks: { signature: 'ok', status: { revocation: 'set' } },
	});
	// Another bit set leaves this one clear: the bit read is the credential's own.
	await issuer.publishList([6]);
	expect((await verifyFetching(credential)).checks.status).toEqual({ revocation: 'clear' });
});

describe('names what could not be fetched and why, without throwing', () => {
	it('a status list larger than the size cap', async () => {
		issuer.answer('/status/revocation/0', (_request, response) =>
			response.writeHead(200).end('x'.repeat(LOOPBACK_POLICY.maxBytes + 1)),
		);
		const report = await verifyFetching(await issuer.issue(5));
		expect(report).toMatchObject({
			verified: false,
			checks: { signature: 'ok', status: { revocation: 'unchecked' } },
			unreachable: [
				{
					url: issuer.listUrl,
					role: 'status_list',
					reason: 'answered more than 65,536 bytes (the limit)',
				},
			],
		});
		expect(report.problems[0]).toBe(
			`credentialStatus (revocation): status list ${issuer.listUrl} could not be fetched: answered more than 65,536 bytes (the limit)`,
		);
	});

	it('a DID document that answers too slowly', async () => {
		issuer.answer('/.well-known/did.json', () => undefined);
		const started = Date.now();
		const report = await verifyFetching(await issuer.issue(5), {
			...LOOPBACK_POLICY,
			timeoutMs: 300,
		});
		expect(Date.now() - started).toBeLessThan(5000);
		expect(report.verified).toBe(false);
		expect(report.checks.signature).toBe('failed');
		expect(report.unreachable?.[0]).toMatchObject({
			role: 'did_document',
			reason: 'timed out after 300 ms',
		});
		expect(report.problems[0]).toMatch(
			/^issuer DID document https:\/\/127\.0\.0\.1:\d+\/\.well-known\/did\.json could not be fetched: timed out after 300 ms$/,
		);
	});

	it('loopback and plain http without the testing option', async () => {
		const report = await verifyFetching(await issuer.issue(5), {
			...LOOPBACK_POLICY,
			allowLoopback: false,
		});
		expect(report.verified).toBe(false);
		expect(report.unreachable?.map((d) => d.reason)).toEqual([
			expect.stringMatching(/^127\.0\.0\.1 is a loopback address/),
			expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+ is not https/),
		]);
	});

	it('a redirect to a private address, and a name that resolves to one', async () => {
		issuer.answer('/status/revocation/0', (_request, response) =>
			response.writeHead(302, { location: 'https://10.0.0.7/status' }).end(),
		);
		const redirected = await verifyFetching(await issuer.issue(5));
		expect(redirected.unreachable).toEqual([
			{
				url: issuer.listUrl,
				role: 'status_list',
				reason: '10.0.0.7 is a private or reserved address',
			},
		]);
		const toMetadata: typeof dnsLookup = ((_host: string, _options: unknown, callback: never) =>
			(callback as (e: null, a: unknown) => void)(null, [
				{ address: '169.254.169.254', family: 4 },
			])) as never;
		issuer.answer('/status/revocation/0', (_request, response) =>
			response.writeHead(301, { location: 'https://status.example.org/list' }).end(),
		);
		const resolved = await verifyFetching(await issuer.issue(5), {
			...LOOPBACK_POLICY,
			lookup: ((host: string, options: unknown, callback: never) =>
				host === 'status.example.org'
					? toMetadata(host, options as never, callback)
					: dnsLookup(host, options as never, callback)) as never,
		});
		expect(resolved.unreachable?.[0].reason).toBe(
			'status.example.org resolves to 169.254.169.254 is a private or reserved address',
		);
	});

	it('a DID document for another DID, and an answer that is not JSON', async () => {
		issuer.answer('/.well-known/did.json', (_request, response) =>
			response.writeHead(200).end(JSON.stringify({ id: 'did:web:elsewhere.example.org' })),
		);
		issuer.answer('/status/revocation/0', (_request, response) =>
			response.writeHead(200).end('<html>not json</html>'),
		);
		const report = await verifyFetching(await issuer.issue(5));
		expect(report.unreachable?.map((d) => [d.role, d.reason])).toEqual([
			['did_document', `its id is not ${issuer.key.did}`],
			['status_list', expect.stringMatching(/^did not answer usable JSON \(is not valid JSON/)],
		]);
	});
});

it('caches fetched documents per process until the TTL or the list validUntil', async () => {
	let now = Date.parse('2026-06-01T00:00:00Z');
	const cache = new DocumentCache(60_000, 100, () => now);
	const credential = await issuer.issue(5);
	await issuer.publishList([], new Date(now + 30_000).toISOString());
	await verifyFetching(credential, LOOPBACK_POLICY, cache);
	await verifyFetching(credential, LOOPBACK_POLICY, cache);
	expect(issuer.hits.get('/.well-known/did.json')).toBe(1);
	expect(issuer.hits.get('/status/revocation/0')).toBe(1);
	// The list expires at its validUntil (30 s), the DID document at the TTL (60 s).
	now += 31_000;
	await verifyFetching(credential, LOOPBACK_POLICY, cache);
	expect(issuer.hits.get('/status/revocation/0')).toBe(2);
	expect(issuer.hits.get('/.well-known/did.json')).toBe(1);
	now += 30_000;
	await verifyFetching(credential, LOOPBACK_POLICY, cache);
	expect(issuer.hits.get('/.well-known/did.json')).toBe(2);
});
