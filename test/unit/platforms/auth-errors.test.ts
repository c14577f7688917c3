import { inspect } from 'node:util';

import {
	startAccredibleSimulator,
	startCertifierSimulator,
	startCredlySimulator,
	type SimHandle,
} from '../../simulators';
import { accredibleFor, certifierFor, credlyFor, failure } from './support/clients';
import { SimControl } from './support/sim-control';

// Refused credentials surface as errors that name the cause and the fix (an expired Credly
// token above all), are not retried, and never carry the key or token itself.

let accredible: SimHandle;
let credly: SimHandle;
let certifier: SimHandle;
const TEMPLATE = 'cfaf2910-ea5f-46f1-89a5-db525dad6e58';
const learner = { name: 'Ada Lovelace', email: 'ada@example.com' };

/** Every rendering of the error (message, stack, fields, causes) is free of the secret. */
function expectNoSecret(error: unknown, secret: string): void {
	const renderings = [
		inspect(error, { depth: 10, showHidden: true }),
		JSON.stringify(error),
		String(error),
	];
	for (const form of [secret, Buffer.from(`${secret}:`).toString('base64')]) {
		for (const text of renderings) expect(text).not.toContain(form);
	}
}

beforeAll(async () => {
	[accredible, credly, certifier] = await Promise.all([
		startAccredibleSimulator(),
		startCredlySimulator(),
		startCertifierSimulator(),
	]);
});
afterAll(() => Promise.all([accredible.stop(), credly.stop(), certifier.stop()]));

describe('Credly token expiry', () => {
	let control: SimControl;
	beforeEach(async () => {
		control = new SimControl(credly);
		await control.reset();
	});

	it('is a clear, non-retryable token_expired error when Credly says so', async () => {
		await control.faults({ tokenExpired: true });
		const error = await failure(() =>
			credlyFor(credly).issue({ templateId: TEMPLATE, recipient: learner }),
		);
		expect(error).toMatchObject({ code: 'token_expired', retryable: false, status: 401 });
		expect(error.message).toMatch(/Credly: the authorization token has expired/);
		expect(error.message).toMatch(/expire 180 days after/);
		expect(error.fix).toMatch(/rotate the token/);
		// Not retried: one request, then the error.
		expect(await control.requests()).toHaveLength(1);
		expectNoSecret(error, credly.credentials.apiKey);
	});

	it('is refused before sending when the token is known to be past its date', async () => {
		const client = credlyFor(credly, { tokenExpiresAt: '2024-01-01T00:00:00Z' });
		const error = await failure(() => client.listTemplates());
		expect(error.code).toBe('token_expired');
		expect(error.message).toMatch(/expired on 2024-01-01T00:00:00Z; no request was sent/);
		expect(await control.requests()).toHaveLength(0);
	});

	it('points at expiry first when a token is refused without saying why', async () => {
		const error = await failure(() =>
			credlyFor(credly, { apiKey: 'a-wrong-token-123' }).listTemplates(),
		);
		expect(error).toMatchObject({ code: 'unauthorized', retryable: false });
		expect(error.message).toMatch(/most likely expired/);
		expect(error.message).toMatch(/organization id and the environment/);
		expectNoSecret(error, 'a-wrong-token-123');
	});
});

describe('other refusals name cause and fix without the secret', () => {
	it('Accredible: a key refused with the JSON variant', async () => {
		const control = new SimControl(accredible);
		await control.reset();
		await control.faults({ tokenExpired: true });
		const error = await failure(() =>
			accredibleFor(accredible).issue({ templateId: '12472', recipient: learner }),
		);
		expect(error.code).toBe('unauthorized');
		expect(error.message).toMatch(/issuer_token not valid/);
		expectNoSecret(error, accredible.credentials.apiKey);
	});

	it('Certifier: a refused token', async () => {
		const error = await failure(() =>
			certifierFor(certifier, { apiKey: 'ctk-very-secret' }).issue({
				templateId: '01g90279gp5sbmfek7wymcsvec',
				recipient: learner,
			}),
		);
		expect(error).toMatchObject({ code: 'unauthorized', status: 401 });
		expectNoSecret(error, 'ctk-very-secret');
	});

	it('timeouts and refused connections keep no request details', async () => {
		const control = new SimControl(certifier);
		await control.reset();
		await control.faults({ latencyMs: 300 });
		const slow = await failure(() =>
			certifierFor(certifier, { timeoutMs: 100, retry: { maxAttempts: 1 } }).listTemplates(),
		);
		expect(slow).toMatchObject({ code: 'timeout', retryable: true });
		expectNoSecret(slow, certifier.credentials.apiKey);
		await control.clearFaults();
		const closed = await failure(() =>
			certifierFor(
				{ ...certifier, url: 'http://127.0.0.1:9' },
				{ retry: { maxAttempts: 1 } },
			).listTemplates(),
		);
		expect(closed).toMatchObject({ code: 'network', retryable: true });
		expect(closed.message).toMatch(/ECONNREFUSED/);
		expectNoSecret(closed, certifier.credentials.apiKey);
	});
});
