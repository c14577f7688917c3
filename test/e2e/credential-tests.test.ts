// Every credential the templates use passes n8n's own "Test" button (POST /rest/credentials/test,
// what the editor calls) against the local simulators, and the same credential with its secret
// broken fails it. This runs each credential type's `test` request or node test function exactly
// as a user's click does, so a test request pointing at a wrong path cannot hide.
import * as path from 'path';

import { createInstanceWithPackage } from './support/describe-workflows';
import { currentLine, REPO_ROOT } from './support/harness';
import type { Instance } from './support/harness';
import type { RunningSimulators } from './support/simulators';
import { startSimulatorsWithCredentials } from './support/simulators';

interface DemoCredential {
	id: string;
	name: string;
	type: string;
	data: Record<string, unknown>;
}

interface RestSession {
	setupOwner(owner: { email: string; password: string }): Promise<void>;
	post(urlPath: string, body: unknown): Promise<{ data: { status: string; message: string } }>;
}

/* eslint-disable @typescript-eslint/no-require-imports */
const { createSession, generatePassword } = require(
	path.join(REPO_ROOT, 'scripts', 'n8n-harness', 'rest-session.js'),
) as { createSession(baseUrl: string): RestSession; generatePassword(): string };
const { demoCredentials } = require(
	path.join(REPO_ROOT, 'test', 'simulators', 'n8n-credentials.js'),
) as { demoCredentials(urls: Record<string, string>): DemoCredential[] };
/* eslint-enable @typescript-eslint/no-require-imports */

/**
 * How to break each credential type so its test must fail: the field a user typically gets
 * wrong, and a wrong value. A new credential type fails the suite until it gets an entry here.
 */
const BROKEN: Record<string, Record<string, unknown>> = {
	accredibleApi: { apiKey: 'not-the-key' },
	credlyApi: { authToken: 'not-the-token' },
	certifierApi: { accessToken: 'not-the-token' },
	credentialLedgerSigningApi: { privateKey: 'not a PEM key' },
	openBadgeIssuerApi: { privateKey: 'not a key' },
	thinkificApi: { apiKey: 'not-the-key' },
	canvasLiveEventsApi: { jwks: '{"keys": "none"}' },
	moodleWebhookApi: { token: '' },
	moodleApi: { token: 'not-the-token' },
	doceboWebhookApi: { secret: '' },
	talentLmsApi: { apiKey: 'not-the-key' },
	teachableApi: { apiKey: 'not-the-key' },
	teachableWebhookApi: { secret: '' },
	canvasApi: { accessToken: 'not-the-token' },
	doceboOAuth2Api: { clientSecret: 'not-the-secret' },
	// Nothing listens on port 1: the SMTP test cannot connect.
	smtp: { port: 1 },
};

const { line, n8nVersion } = currentLine();

/**
 * n8n 1.x runs an OAuth2 credential's test request with the stored credential and the token it
 * already holds, whatever the editor sends, so a broken secret cannot show there (n8n 2.x tests
 * what it is given). On line 1 these types are only tested as configured.
 */
const OAUTH2_TYPES = new Set(['doceboOAuth2Api']);
/**
 * n8n's own Header Auth credential (the template webhooks' token) has no service to call, so
 * n8n defines no test for it; the template webhook cases prove a wrong token is refused.
 * n8n 2.x says so; n8n 1.x fails the request (500) while looking for a node that tests it.
 */
const UNTESTABLE_TYPES = new Set(['httpHeaderAuth']);
/**
 * n8n's generic OAuth2 credential (template 22's Zoom Server-to-Server OAuth) has no test request
 * either, and n8n 2.x answers "not connected to an account" until a run fetched a token: template
 * 22's e2e run proves it fetches one from the Zoom simulator, whose own tests refuse a wrong secret.
 */
const TESTED_BY_TEMPLATE_RUN = new Set(['oAuth2Api']);
const UNTESTABLE_ANSWER =
	line === '1' ? /failed: HTTP 500/ : /"status":"Error".*no testing function/i;
const brokenVariantTestable = (type: string) => line !== '1' || !OAUTH2_TYPES.has(type);

describe(`credential tests in n8n ${n8nVersion}`, () => {
	let n8n: Instance;
	let simulators: RunningSimulators;
	let session: RestSession;
	let credentials: DemoCredential[];

	beforeAll(async () => {
		n8n = await createInstanceWithPackage(line);
		simulators = await startSimulatorsWithCredentials(n8n);
		credentials = demoCredentials(simulators.urls).filter(
			(c) => !UNTESTABLE_TYPES.has(c.type) && !TESTED_BY_TEMPLATE_RUN.has(c.type),
		);
		await n8n.start();
		await n8n.waitForHttp('/rest/settings');
		session = createSession(n8n.baseUrl);
		await session.setupOwner({ email: 'owner@example.org', password: generatePassword() });
	});
	afterAll(async () => {
		await n8n?.dispose();
		await simulators?.stop();
	});

	const testCredential = async (credential: DemoCredential) =>
		(await session.post('/rest/credentials/test', { credentials: credential })).data;

	test('n8n has no test for the Header Auth credential, so it is left out here', async () => {
		const headerAuth = demoCredentials(simulators.urls).filter((c) => UNTESTABLE_TYPES.has(c.type));
		expect(headerAuth.length).toBeGreaterThan(0);
		for (const credential of headerAuth) {
			const answer = await testCredential(credential).then(
				(result) => JSON.stringify(result),
				(error: Error) => error.message,
			);
			expect(answer).toMatch(UNTESTABLE_ANSWER);
		}
	});

	test('every demo credential type has a broken variant', () => {
		const missing = credentials.map((c) => c.type).filter((type) => !(type in BROKEN));
		expect(missing).toEqual([]);
	});

	test('each demo credential passes its own test', async () => {
		const results: Record<string, unknown> = {};
		for (const credential of credentials) {
			results[credential.name] = await testCredential(credential);
		}
		const expected = Object.fromEntries(
			credentials.map((c) => [c.name, expect.objectContaining({ status: 'OK' })]),
		);
		expect(results).toEqual(expected);
	});

	test('each credential with a broken secret fails its test, saying why', async () => {
		const results: Record<string, { status: string; message: string }> = {};
		for (const credential of credentials.filter((c) => brokenVariantTestable(c.type))) {
			const broken = { ...credential, data: { ...credential.data, ...BROKEN[credential.type] } };
			results[credential.name] = await testCredential(broken);
		}
		for (const [name, result] of Object.entries(results)) {
			expect({ name, status: result.status }).toEqual({ name, status: 'Error' });
			expect(result.message).toEqual(expect.any(String));
			expect(result.message.length).toBeGreaterThan(0);
		}
	});
});
