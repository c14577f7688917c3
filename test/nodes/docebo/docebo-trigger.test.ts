// Docebo Trigger in the real engine with "Add Learner Details" on: ids-only deliveries handled
// by webhook() in n8n's WebhookContext are enriched through n8n's own OAuth2 (client
// credentials) against the Docebo simulator, including a token that expired; a failed lookup
// still emits every completion, marked failed.
import {
	DOCEBO_CLIENT_ID,
	DOCEBO_CLIENT_SECRET,
	DOCEBO_WEBHOOK_SECRET,
} from '../../simulators/lms/sample-data';
import { callWebhook } from '../support/node-contexts';
import { useLmsSimulator } from '../lms/support';

const TYPE = 'n8n-nodes-certificate-delivery.doceboTrigger';
const { url, control, requests } = useLmsSimulator('docebo');

// A new completion second per payload: the trigger reports repeated business keys as duplicates.
let second = 0;
const payload = (userId: number, courseId = 30) => ({
	fired_at: '2024-06-03 14:20:11',
	user_id: userId,
	course_id: courseId,
	completion_date: `2024-06-03 14:${String(10 + Math.floor(second / 60)).padStart(2, '0')}:${String(second++ % 60).padStart(2, '0')}`,
	status: 'completed',
	level: 'student',
});
const envelope = (payloads: object[]) => ({
	webhook_id: 12,
	original_domain: 'acme.docebosaas.com',
	event: 'course.enrollment.completed',
	fired_by_batch_action: false,
	message_id: `wh-${second}`,
	payloads,
});

/** The doceboOAuth2Api data as n8n hands it to the node (hidden OAuth2 fields resolved). */
const oauth = (overrides: Record<string, unknown> = {}) => ({
	siteUrl: url(),
	grantType: 'clientCredentials',
	accessTokenUrl: `${url()}/oauth2/token`,
	authentication: 'body',
	scope: 'api',
	clientId: DOCEBO_CLIENT_ID,
	clientSecret: DOCEBO_CLIENT_SECRET,
	...overrides,
});

const post = (body: unknown, api = oauth(), enrich = true) =>
	callWebhook({
		type: TYPE,
		parameters: { enrich, responseMode: 'onReceived' },
		body,
		headers: { 'X-Docebo-Secret': DOCEBO_WEBHOOK_SECRET },
		credentials: {
			doceboWebhookApi: {
				authType: 'header',
				headerName: 'X-Docebo-Secret',
				secret: DOCEBO_WEBHOOK_SECRET,
			},
			doceboOAuth2Api: api,
		},
		nodeCredentials: {
			doceboWebhookApi: { id: '1', name: 'Docebo webhook secret' },
			doceboOAuth2Api: { id: '2', name: 'Docebo account' },
		},
	});

const issuedTokens = async () => (await control('/__control/tokens')).issued;

test('a batch of ids-only payloads gets email, name, course, score and time, marked enriched', async () => {
	const outcome = await post(envelope([payload(13038), payload(13039)]));
	expect(outcome.result.workflowData?.[0]).toHaveLength(2);
	const fields = ['learner.email', 'learner.name', 'course.name', 'score', 'timeSpentMinutes'];
	expect(outcome.items).toEqual([
		expect.objectContaining({
			learner: { id: '13038', email: 'maria.rossi@example.com', name: 'Maria Rossi' },
			course: { id: '30', name: 'Compliance Essentials' },
			score: 88,
			maxScore: 100,
			scoreOriginal: { value: 88, min: 0, max: 100 },
			timeSpentMinutes: 90,
			enrichment: { status: 'enriched', source: 'docebo api', fields },
		}),
		expect.objectContaining({
			learner: { id: '13039', email: 'kofi.mensah@example.com', name: 'Kofi Mensah' },
			enrichment: { status: 'enriched', source: 'docebo api', fields },
		}),
	]);
	// n8n's OAuth2 got a client-credentials token before the first call.
	expect(await issuedTokens()).toBeGreaterThanOrEqual(1);
	expect(JSON.stringify(outcome)).not.toContain(DOCEBO_CLIENT_SECRET);
});

test('an expired stored token is replaced by n8n after the 401, and the lookup succeeds', async () => {
	const stale = { access_token: 'expired-token-0001', token_type: 'Bearer', expires_in: 3600 };
	const outcome = await post(envelope([payload(13040)]), oauth({ oauthTokenData: stale }));
	expect(outcome.items[0]).toMatchObject({
		learner: { email: 'lena.schmidt@example.com', name: 'Lena Schmidt' },
		enrichment: { status: 'enriched' },
	});
	// The test credentials do not keep the renewed token between calls (n8n saves it), so each
	// of the three calls renews; the first one shows the sequence.
	expect(await issuedTokens()).toBeGreaterThanOrEqual(1);
	expect((await requests()).slice(0, 3)).toEqual([
		{ method: 'GET', path: '/manage/v1/user/13040', status: 401 },
		{ method: 'POST', path: '/oauth2/token', status: 200 },
		{ method: 'GET', path: '/manage/v1/user/13040', status: 200 },
	]);
	expect(JSON.stringify(outcome)).not.toContain('expired-token-0001');
});

test('a wrong client secret fails the lookup with the fix named, never the secret', async () => {
	const outcome = await post(
		envelope([payload(13041)]),
		oauth({ clientSecret: 'wrong-docebo-secret-123' }),
	);
	expect(outcome.result.workflowData?.[0]).toHaveLength(1);
	expect(outcome.items[0]).toMatchObject({
		learner: { id: '13041' },
		enrichment: {
			status: 'failed',
			errors: [
				{
					step: 'lookup',
					message: expect.stringContaining(
						'check the client ID and secret in the Docebo OAuth2 API credential',
					),
				},
			],
		},
	});
	expect(JSON.stringify(outcome)).not.toContain('wrong-docebo-secret-123');
	expect(JSON.stringify(outcome)).not.toContain(DOCEBO_CLIENT_SECRET);
});

test('Docebo down (503): every completion of the batch is still emitted, marked failed', async () => {
	await control('/__control/faults', { status: 503, count: 20 });
	const outcome = await post(envelope([payload(13038), payload(13042)]));
	expect(outcome.result.workflowData?.[0]).toHaveLength(2);
	expect(outcome.items.map((item) => item.enrichment)).toEqual([
		expect.objectContaining({ status: 'failed', fields: [] }),
		expect.objectContaining({ status: 'failed', fields: [] }),
	]);
	expect(JSON.stringify(outcome.items[0].enrichment)).toMatch(/503/);
});

// n8n 1.x drops the reply headers, so the Retry-After value is named on line 2 only.
test('throttled (429) lookups say to wait', async () => {
	await control('/__control/throttle', { count: 20 });
	const outcome = await post(envelope([payload(13039)]));
	expect(outcome.items[0]).toMatchObject({
		enrichment: {
			status: 'failed',
			errors: [{ message: expect.stringContaining('rate limit reached (HTTP 429): wait') }],
		},
	});
});

test('an enrollment Docebo does not show completed is emitted as partial with the reason', async () => {
	const outcome = await post(envelope([payload(13038, 31)]));
	expect(outcome.items[0]).toMatchObject({
		learner: { email: 'maria.rossi@example.com' },
		course: { id: '31', name: 'Data Protection Basics' },
		enrichment: {
			status: 'partial',
			errors: [
				{ step: 'completion', message: expect.stringContaining('"in_progress", not completed') },
			],
		},
	});
});
