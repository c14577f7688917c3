// Every push trigger of the pack as the fuzz suite drives it: its credentials, how an authentic
// delivery of a body is made (HMAC, shared secret, token in the body, signed JWT, a Credly event
// Credly confirms) and the ways authentication can be got wrong.
import { createHmac, createPublicKey, createSign, generateKeyPairSync } from 'node:crypto';
import type { KeyObject } from 'node:crypto';

import fc from 'fast-check';

import { CanvasTrigger } from '../../../../nodes/Canvas/CanvasTrigger.node';
import { CertifierTrigger } from '../../../../nodes/Certifier/CertifierTrigger.node';
import { DoceboTrigger } from '../../../../nodes/Docebo/DoceboTrigger.node';
import { MoodleTrigger } from '../../../../nodes/Moodle/MoodleTrigger.node';
import { TeachableTrigger } from '../../../../nodes/Teachable/TeachableTrigger.node';
import { ThinkificTrigger } from '../../../../nodes/Thinkific/ThinkificTrigger.node';
import { fixture } from '../../lms/fixtures';
import type { Delivery, TriggerUnderTest } from './deliver';

export interface TriggerSpec {
	trigger: TriggerUnderTest;
	/** A valid payload, the base of the mutated bodies. */
	valid: unknown;
	/** An authentic delivery of these bytes (Moodle: the token added to the body). */
	authentic(body: Buffer): Delivery;
	/** The same bytes with authentication missing or wrong. */
	forged(body: Buffer): fc.Arbitrary<Delivery>;
	/** The status every unauthenticated delivery gets, when the trigger can tell before parsing. */
	refusal?: number;
	/** The trigger with an empty secret configured, and a delivery "signed" with that secret. */
	emptySecret?: { trigger: TriggerUnderTest; authentic(body: Buffer): Delivery };
}

const JSON_TYPE = { 'content-type': 'application/json' };
const hmac = (secret: string, body: Buffer, encoding: 'hex' | 'base64' = 'hex') =>
	createHmac('sha256', secret).update(body).digest(encoding);

/** Wrong values for one auth header: absent, empty, another secret's, truncated, garbage. */
function forgedHeader(name: string, right: (body: Buffer) => string) {
	return (body: Buffer) =>
		fc
			.oneof(
				fc.constant(undefined),
				fc.constantFrom('', ' ', 'sha256=', '0'.repeat(64), '\u0000'),
				fc.constant(right(body).slice(0, 10)),
				fc.constant(right(Buffer.concat([body, Buffer.from(' ')]))),
				fc.string({ maxLength: 80 }),
			)
			.map((value) => ({
				body,
				headers: { ...JSON_TYPE, ...(value === undefined ? {} : { [name]: value }) },
			}));
}

/** A trigger signed with a header HMAC of the raw body (Thinkific, Teachable, Certifier). */
function hmacSpec(
	trigger: Omit<TriggerUnderTest, 'secrets'>,
	header: string,
	secret: string,
	withSecret: (secret: string) => Record<string, object>,
	valid: unknown,
): TriggerSpec {
	const sign = (key: string) => (body: Buffer) => ({
		body,
		headers: { ...JSON_TYPE, [header]: hmac(key, body) },
	});
	return {
		trigger: { ...trigger, credentials: withSecret(secret), secrets: [secret] },
		valid,
		authentic: sign(secret),
		forged: forgedHeader(header, (body) => hmac(secret, body)),
		refusal: 401,
		emptySecret: {
			trigger: { ...trigger, credentials: withSecret(''), secrets: [] },
			authentic: sign(''),
		},
	};
}

const THINKIFIC_KEY = 'fuzz-thinkific-api-key-0001';
const thinkific = hmacSpec(
	{
		name: 'Thinkific Trigger',
		node: new ThinkificTrigger(),
		parameters: { enrich: false },
		credentials: {},
	},
	'x-thinkific-hmac-sha256',
	THINKIFIC_KEY,
	(apiKey) => ({ thinkificApi: { apiKey } }),
	fixture('thinkific-enrollment-completed.json').json,
);

const TEACHABLE_SECRET = 'fuzz-teachable-secret-0001';
const teachable = hmacSpec(
	{
		name: 'Teachable Trigger',
		node: new TeachableTrigger(),
		parameters: { authentication: 'signature', enrich: false },
		credentials: {},
	},
	'teachable-signature',
	TEACHABLE_SECRET,
	(secret) => ({ teachableWebhookApi: { secret, headerName: '', encoding: 'hex' } }),
	fixture('teachable-enrollment-completed.json').json,
);

const CERTIFIER_SECRET = 'fuzz-certifier-webhook-secret-0001';
const certifier = hmacSpec(
	{
		name: 'Certifier Trigger',
		node: new CertifierTrigger(),
		parameters: { events: ['*'], fetchCredential: false },
		credentials: {},
	},
	'x-webhook-signature',
	CERTIFIER_SECRET,
	(webhookSecret) => ({
		certifierApi: {
			webhookSecret,
			apiKey: 'fuzz-certifier-api-key',
			baseUrl: 'https://api.certifier.io',
		},
	}),
	{
		id: 'evt_01',
		type: 'credential.issued',
		createdAt: '2026-05-01T10:00:00.000Z',
		data: { resource: { id: '01hx5v5m3y', type: 'credential' } },
	},
);

const DOCEBO_SECRET = 'fuzz-docebo-shared-secret-0001';
const doceboTrigger = (credentials: object): Omit<TriggerUnderTest, 'secrets'> => ({
	name: 'Docebo Trigger',
	node: new DoceboTrigger(),
	parameters: { enrich: false },
	credentials: { doceboWebhookApi: credentials },
});
const docebo: TriggerSpec = {
	trigger: {
		...doceboTrigger({ authType: 'header', headerName: 'X-Docebo-Secret', secret: DOCEBO_SECRET }),
		secrets: [DOCEBO_SECRET],
	},
	valid: fixture('docebo-enrollment-completed.json').json,
	authentic: (body) => ({ body, headers: { ...JSON_TYPE, 'x-docebo-secret': DOCEBO_SECRET } }),
	forged: forgedHeader('x-docebo-secret', (body) => `${DOCEBO_SECRET}${body.length % 10}`),
	refusal: 401,
	emptySecret: {
		trigger: { ...doceboTrigger({ authType: 'basic', user: '', password: '' }), secrets: [] },
		authentic: (body) => ({
			body,
			headers: { ...JSON_TYPE, authorization: `Basic ${Buffer.from(':').toString('base64')}` },
		}),
	},
};

const MOODLE_TOKEN = 'fuzz-moodle-token-0001';
const FORM_TYPE = { 'content-type': 'application/x-www-form-urlencoded' };
const moodleTrigger = (token: string): TriggerUnderTest => ({
	name: 'Moodle Trigger',
	node: new MoodleTrigger(),
	parameters: { enrich: false },
	credentials: { moodleWebhookApi: { token } },
	secrets: token ? [token] : [],
});
/** The plugin's token travels in the body: added to a JSON object, or as a first form field. */
const withMoodleToken = (token: string) => (body: Buffer) => {
	try {
		const value: unknown = JSON.parse(body.toString('utf8'));
		if (value && typeof value === 'object' && !Array.isArray(value)) {
			Object.defineProperty(value, 'token', { value: token, enumerable: true });
			return { body: Buffer.from(JSON.stringify(value)), headers: JSON_TYPE };
		}
	} catch {
		// Not JSON: sent form-encoded, with the token as the first field.
	}
	const tokenField = Buffer.from(`token=${encodeURIComponent(token)}&`);
	return { body: Buffer.concat([tokenField, body]), headers: FORM_TYPE };
};
const moodle: TriggerSpec = {
	trigger: moodleTrigger(MOODLE_TOKEN),
	valid: fixture('moodle-course-completed.json').json,
	authentic: withMoodleToken(MOODLE_TOKEN),
	forged: (body) =>
		fc
			.constantFrom(undefined, '', 'wrong-token', MOODLE_TOKEN.slice(0, 5), `${MOODLE_TOKEN} `)
			.chain((token) =>
				fc.constantFrom(
					token === undefined ? { body, headers: JSON_TYPE } : withMoodleToken(token)(body),
					token === undefined ? { body, headers: FORM_TYPE } : withMoodleToken(token)(body),
				),
			),
	emptySecret: { trigger: moodleTrigger(''), authentic: withMoodleToken('') },
};

// Canvas signs a JWT with a key of its JWKS: here a key made for the suite, and a stranger's.
const rsaKey = () => generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
const canvasKey = rsaKey();
const strangerKey = rsaKey();
const currentKid = 'fuzz-current';
const canvasJwks = {
	keys: [
		{ ...createPublicKey(canvasKey).export({ format: 'jwk' }), kid: currentKid, alg: 'RS256' },
	],
};
const b64url = (value: Buffer | string) => Buffer.from(value).toString('base64url');
/** A compact JWT over these exact claim bytes (which need not be JSON at all). */
function jwt(claims: Buffer, header: object, key: KeyObject) {
	const input = `${b64url(JSON.stringify(header))}.${b64url(claims)}`;
	const signature = createSign('RSA-SHA256').update(input).sign(key);
	return Buffer.from(`${input}.${signature.toString('base64url')}`);
}
const JWT_TYPE = { 'content-type': 'application/jwt' };
/** Claims that are a JSON object get iat (Canvas always sets it); other bytes are signed as they are. */
function issuedNow(claims: Buffer): Buffer {
	try {
		const value: unknown = JSON.parse(claims.toString('utf8'));
		if (value && typeof value === 'object' && !Array.isArray(value) && !('iat' in value)) {
			Object.defineProperty(value, 'iat', {
				value: Math.floor(Date.now() / 1000),
				enumerable: true,
			});
			return Buffer.from(JSON.stringify(value));
		}
	} catch {
		// Not JSON: signed as it is.
	}
	return claims;
}
const canvas: TriggerSpec = {
	trigger: {
		name: 'Canvas Trigger',
		node: new CanvasTrigger(),
		parameters: { acceptUnsigned: false, enrich: false, gradeChanges: true },
		credentials: {
			canvasLiveEventsApi: {
				jwksSource: 'json',
				jwks: JSON.stringify(canvasJwks),
				// The account and host of the fixture's events.
				allowedRootAccounts: '21070000000000001',
				allowedHosts: 'oxana.instructure.com',
			},
		},
		secrets: [],
	},
	valid: fixture('canvas-course-completed.json').json,
	authentic: (claims) => ({
		body: jwt(issuedNow(claims), { alg: 'RS256', typ: 'JWT', kid: currentKid }, canvasKey),
		headers: JWT_TYPE,
	}),
	forged: (claims) =>
		fc.constantFrom(
			{ body: claims, headers: JSON_TYPE },
			{ body: jwt(claims, { alg: 'RS256', kid: currentKid }, strangerKey), headers: JWT_TYPE },
			{ body: jwt(claims, { alg: 'RS256', kid: 'unknown-kid' }, canvasKey), headers: JWT_TYPE },
			{
				body: Buffer.from(`${b64url('{"alg":"none"}')}.${b64url(claims)}.`),
				headers: JWT_TYPE,
			},
			{
				body: Buffer.from(`${b64url('{"alg":{"toString":1}}')}.${b64url(claims)}.c2ln`),
				headers: JWT_TYPE,
			},
		),
	refusal: 401,
};

export const PUSH_TRIGGERS: TriggerSpec[] = [
	moodle,
	canvas,
	thinkific,
	teachable,
	docebo,
	certifier,
];
