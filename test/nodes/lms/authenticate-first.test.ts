// Every push trigger authenticates before it reads the body: a delivery with a wrong signature
// or token gets 401 and starts nothing, even when its body would make the parser fail (which
// would answer 400 or 422 if the parser ran first). Moodle's token travels inside the body, so
// its body is read first, into null-prototype objects: an unauthenticated
// `__proto__[email]=…` must change no object in the process.
import { createHmac } from 'node:crypto';

import type { IDataObject } from 'n8n-workflow';

import {
	DOCEBO_WEBHOOK_SECRET,
	MOODLE_WEBHOOK_TOKEN,
	TEACHABLE_WEBHOOK_SECRET,
	THINKIFIC_API_KEY,
} from '../../simulators/lms/sample-data';
import {
	demoCanvasSigner,
	moodle,
	teachable,
	thinkific,
} from '../../simulators/lms/webhook-sender';
import type { TestCredentials } from '../support/credentials';
import type { WebhookOutcome } from '../support/node-contexts';
import { deliverToTrigger } from '../support/trigger-delivery';

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
/** Bytes no JSON parser reads: if a trigger parsed before checking, it would answer 400. */
const UNPARSEABLE = '{"eventname": "\\core\\event\\course_completed", ';

/** n8n parses JSON bodies itself before webhook() runs (getBodyData); others stay unparsed. */
function parsedAsN8nWould(text: string): unknown {
	try {
		return JSON.parse(text) as unknown;
	} catch {
		return undefined;
	}
}

const deliver = (
	node: string,
	text: string,
	headers: Record<string, string>,
	credentials: TestCredentials,
	parameters: IDataObject = {},
) =>
	deliverToTrigger(
		node,
		{ raw: text, parsed: parsedAsN8nWould(text), headers },
		credentials,
		parameters,
	);

function expectRefused(outcome: WebhookOutcome, status: number, reason?: string) {
	expect(outcome.items).toEqual([]);
	expect(outcome.result.workflowData).toBeUndefined();
	expect(outcome.response.status).toBe(status);
	if (reason) expect(outcome.response.body).toMatchObject({ reason });
}

/** Nothing inherited an attacker's key: neither here nor in the objects the node itself made. */
function expectNoPollution(outcome: WebhookOutcome) {
	for (const probe of [{}, outcome.response.body ?? {}]) {
		expect((probe as Record<string, unknown>).email).toBeUndefined();
		expect((probe as Record<string, unknown>).relateduserid).toBeUndefined();
	}
}

afterEach(() => {
	// A run on code that pollutes must not spill into the next test.
	for (const key of ['email', 'relateduserid']) {
		delete (Object.prototype as Record<string, unknown>)[key];
	}
});

describe('Moodle Trigger (token inside the body)', () => {
	const moodleCredentials = { moodleWebhookApi: { token: MOODLE_WEBHOOK_TOKEN } };
	const completion = {
		eventname: '\\core\\event\\course_completed',
		objectid: 812,
		courseid: 12,
		relateduserid: 57,
		other: { relateduserid: 57 },
		timecreated: 1_717_430_400,
	};

	it('an unauthenticated __proto__[email]=… changes no object and starts nothing', async () => {
		const outcome = await deliver(
			'moodleTrigger',
			'__proto__[email]=attacker%40example.com&__proto__[relateduserid]=666&token=guess',
			FORM,
			moodleCredentials,
		);
		expectRefused(outcome, 401, 'bad_signature');
		expectNoPollution(outcome);
	});

	it('a later, correctly signed completion carries only its own data', async () => {
		await deliver(
			'moodleTrigger',
			'__proto__[email]=attacker%40example.com',
			FORM,
			moodleCredentials,
		);
		const delivery = moodle(completion, { token: MOODLE_WEBHOOK_TOKEN, form: true });
		const outcome = await deliver('moodleTrigger', delivery.body, FORM, moodleCredentials);
		expect(outcome.items).toHaveLength(1);
		expect(outcome.items[0].learner).toEqual({ id: '57' });
		expect((outcome.items[0].learner as IDataObject).email).toBeUndefined();
	});

	it('with the right token, a reserved key is refused naming the field (422), no run', async () => {
		const delivery = moodle(completion, { token: MOODLE_WEBHOOK_TOKEN, form: true });
		const outcome = await deliver(
			'moodleTrigger',
			`${delivery.body}&__proto__[email]=x%40example.com`,
			FORM,
			moodleCredentials,
		);
		expectRefused(outcome, 422, 'reserved_key');
		expect(outcome.response.body).toMatchObject({ field: '__proto__' });
		expectNoPollution(outcome);
	});

	it('a wrong token is refused before the event is judged (401, not 422)', async () => {
		const delivery = moodle({ eventname: 'not-a-moodle-event' }, { token: 'wrong-token' });
		const outcome = await deliver(
			'moodleTrigger',
			delivery.body,
			delivery.headers,
			moodleCredentials,
		);
		expectRefused(outcome, 401, 'bad_signature');
	});
});

describe('signed triggers refuse a wrong signature without parsing (401, not 400)', () => {
	it('Thinkific', async () => {
		const signed = thinkific({}, { secret: 'not-the-api-key' });
		const outcome = await deliver(
			'thinkificTrigger',
			UNPARSEABLE,
			{ 'x-thinkific-hmac-sha256': signed.headers['x-thinkific-hmac-sha256'] },
			{ thinkificApi: { apiKey: THINKIFIC_API_KEY, subdomain: 'demo-school' } },
		);
		expectRefused(outcome, 401, 'bad_signature');
	});

	it('Teachable (signed, its default)', async () => {
		const signed = teachable({}, { secret: 'not-the-secret' });
		const outcome = await deliver('teachableTrigger', UNPARSEABLE, signed.headers, {
			teachableWebhookApi: { secret: TEACHABLE_WEBHOOK_SECRET },
		});
		expectRefused(outcome, 401, 'bad_signature');
	});

	it('Docebo', async () => {
		const outcome = await deliver(
			'doceboTrigger',
			UNPARSEABLE,
			{ 'X-Docebo-Secret': 'not-the-secret' },
			{ doceboWebhookApi: { authType: 'header', secret: DOCEBO_WEBHOOK_SECRET } },
		);
		expectRefused(outcome, 401, 'bad_signature');
	});

	it('Canvas: a forged token whose claims are not JSON fails on its signature', async () => {
		const signer = demoCanvasSigner();
		const [header, , signature] = signer.sign({ event: 'x' }).body.split('.');
		const claims = Buffer.from(UNPARSEABLE).toString('base64url');
		const outcome = await deliver(
			'canvasTrigger',
			`${header}.${claims}.${signature}`,
			{ 'content-type': 'application/jwt' },
			{ canvasLiveEventsApi: { jwksSource: 'json', jwks: JSON.stringify(signer.jwks) } },
		);
		expectRefused(outcome, 401, 'bad_signature');
		expect(outcome.response.body).toMatchObject({
			message: 'The JWT signature does not verify against the JWKS key',
		});
	});

	it('Certifier Trigger', async () => {
		const outcome = await deliver(
			'certifierTrigger',
			UNPARSEABLE,
			{ 'X-Webhook-Signature': 'ab'.repeat(32) },
			{ certifierApi: { accessToken: 'certifier-token', webhookSecret: 'certifier-secret-1' } },
			{ events: ['*'] },
		);
		expectRefused(outcome, 401);
	});
});

test('Certifier Trigger: a signed event with a __proto__ key is refused naming it (422)', async () => {
	const secret = 'certifier-secret-1';
	const text =
		'{"id":"e1","type":"credential.viewed","data":{"credentialInteraction":{"__proto__":{"email":"x"}}}}';
	const outcome = await deliver(
		'certifierTrigger',
		text,
		{ 'X-Webhook-Signature': createHmac('sha256', secret).update(text).digest('hex') },
		{ certifierApi: { accessToken: 'certifier-token', webhookSecret: secret } },
		{ events: ['*'], fetchCredential: false },
	);
	expect(outcome.items).toEqual([]);
	expect(outcome.response).toEqual({
		status: 422,
		body: {
			error: expect.stringContaining('uses a reserved name'),
			field: 'data.credentialInteraction.__proto__',
		},
	});
});
