import { inspect } from 'node:util';

import {
	AccredibleClient,
	CertifierClient,
	type HttpTransport,
} from '../../../nodes/core/integrations/platforms';
import { createAxiosTransport } from '../../support/axios-transport';
import { startAccredibleSimulator, type SimHandle } from '../../simulators';
import { testOptions } from './support/clients';

// Inside n8n the host adds the Authorization header (the credential type's `authenticate`) and
// the client never sees the key: the same clients must work that way.

let sim: SimHandle;
beforeAll(async () => {
	sim = await startAccredibleSimulator();
});
afterAll(() => sim.stop());

/** What an adapter over httpRequestWithAuthentication does: the host injects the credential. */
function hostAuthenticated(key: string): HttpTransport {
	const real = createAxiosTransport();
	return (request) =>
		real({ ...request, headers: { ...request.headers, Authorization: `Token token=${key}` } });
}

describe('clients on a host-authenticated transport', () => {
	it('issue without ever holding the key', async () => {
		const { apiKey: _unused, ...options } = testOptions(sim);
		const client = new AccredibleClient({
			...options,
			transport: hostAuthenticated(sim.credentials.apiKey),
			rateLimiterKey: 'n8n-credential-7',
		});
		const outcome = await client.issue({
			templateId: '12473',
			recipient: { name: 'Ada Lovelace', email: 'ada@example.com' },
		});
		expect(outcome.status).toBe('issued');
	});

	it('need a rate-limiter key when they hold no key, so accounts do not share one limiter', () => {
		const { apiKey: _unused, ...options } = testOptions(sim);
		expect(() => new CertifierClient(options)).toThrow(/rateLimiterKey/);
	});

	it("report a transport's own errors by message only (they may carry the request)", async () => {
		const leaky: HttpTransport = async (request) => {
			throw Object.assign(new Error('adapter exploded'), { config: { headers: request.headers } });
		};
		const client = new AccredibleClient({
			...testOptions(sim),
			apiKey: 'key-that-must-not-leak',
			transport: leaky,
		});
		const error = await client.getIssuer().catch((e: unknown) => e);
		expect(error).toMatchObject({ code: 'unexpected_response', retryable: false });
		expect((error as Error).message).toMatch(/adapter exploded/);
		expect(inspect(error, { depth: 10, showHidden: true })).not.toContain('key-that-must-not-leak');
	});
});
