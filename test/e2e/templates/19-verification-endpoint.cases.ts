// Template 19 in the suite of every template: it imports, activates and answers a lookup it
// cannot match with a clear 400, as JSON and as a page. The statuses themselves (valid, revoked,
// superseded, erased, unknown), the browser and the QR code are tested in
// verification-page.test.ts, which issues the certificates first.
import { verifyInChildProcess } from '../support/badge-verifier';
import type { TemplateCase } from '../support/cases';

const STATUS_LISTS = 'http://localhost:5678/webhook/badges/status';

export const cases: TemplateCase = {
	requests: [
		{
			// The harness calls the path as the Webhook node declares it: "verify/:certificateId"
			// itself, which cannot be a certificate ID (it starts with ":").
			name: 'an ID that cannot be a certificate ID answers 400 JSON naming the problem',
			webhook: 'Verify Request',
			headers: { accept: 'application/json' },
			expect: {
				status: 400,
				body: { status: 'malformed', problem: expect.stringMatching(/certificate ID holds only/) },
				headers: { 'content-type': /^application\/json/, 'cache-control': 'no-store' },
			},
		},
		{
			name: 'the same for a browser is a page saying so (400)',
			webhook: 'Verify Request',
			headers: { accept: 'text/html' },
			expect: { status: 400, headers: { 'content-type': /^text\/html/ } },
			check: (response) => {
				expect(response.text).toContain('<h1 id="status">Not a certificate ID</h1>');
			},
		},
		{
			name: 'the Open Badge revocation list answers signed, with the ID badges point at',
			webhook: 'Status List Request',
			path: '/webhook/badges/status/revocation/0',
			expect: {
				status: 200,
				body: {
					id: `${STATUS_LISTS}/revocation/0`,
					type: ['VerifiableCredential', 'BitstringStatusListCredential'],
					credentialSubject: { statusPurpose: 'revocation', ttl: 300_000 },
				},
				// Verifiers and proxies may keep the list for its ttl (5 minutes), no longer.
				headers: {
					'content-type': /^application\/json/,
					'cache-control': /^public, max-age=(300|29\d)$/,
				},
			},
			check: (response) => {
				const { validFrom, validUntil } = response.body as Record<string, string>;
				expect(Date.parse(validUntil) - Date.parse(validFrom)).toBe(60 * 60_000);
				expect(verifyInChildProcess(response.body, {})).toMatchObject({
					verified: true,
					errors: [],
				});
			},
		},
		{
			name: 'a status purpose that does not exist answers 404 JSON naming the valid paths',
			webhook: 'Status List Request',
			path: '/webhook/badges/status/expired/0',
			expect: {
				status: 404,
				body: { status: 'not_found', problem: expect.stringMatching(/revocation\/<number>/) },
			},
		},
	],
};
