'use strict';
// Builds webhook deliveries the way each LMS signs them, so tests and the demo can POST
// realistic requests to a trigger's URL. Each builder returns { body, headers }: body is the
// exact string to send (signatures cover these bytes, so never re-serialise it).

const {
	createHmac,
	createPrivateKey,
	createPublicKey,
	createSign,
	generateKeyPairSync,
	randomUUID,
} = require('node:crypto');

const json = (payload) => (typeof payload === 'string' ? payload : JSON.stringify(payload));
const hmacHex = (secret, body) => createHmac('sha256', secret).update(body).digest('hex');

/** Thinkific: X-Thinkific-Hmac-Sha256 = hex HMAC-SHA256(raw body, API key or client secret). */
function thinkific(payload, { secret, topic = 'enrollment.completed', subdomain = 'demo-school' }) {
	const body = json(payload);
	return {
		body,
		headers: {
			'content-type': 'application/json',
			'x-thinkific-topic': topic,
			'x-thinkific-subdomain': subdomain,
			...(secret ? { 'x-thinkific-hmac-sha256': hmacHex(secret, body) } : {}),
		},
	};
}

/** Teachable (optional signing): hex HMAC-SHA256 of the raw body in a configurable header. */
function teachable(payload, { secret, header = 'teachable-signature' } = {}) {
	const body = json(payload);
	return {
		body,
		headers: {
			'content-type': 'application/json',
			...(secret ? { [header]: hmacHex(secret, body) } : {}),
		},
	};
}

/** Docebo: a shared secret in a custom header, or HTTP Basic credentials. */
function docebo(payload, { secret, header = 'x-docebo-secret', basic } = {}) {
	const headers = { 'content-type': 'application/json' };
	if (secret) headers[header] = secret;
	if (basic) {
		headers.authorization = `Basic ${Buffer.from(`${basic.user}:${basic.password}`).toString('base64')}`;
	}
	return { body: json(payload), headers };
}

/** Moodle local_webhooks: the shared token travels inside the body; JSON or PHP form encoding. */
function moodle(event, { token, form = false } = {}) {
	const data = { ...event, ...(token ? { token } : {}) };
	if (!form) return { body: JSON.stringify(data), headers: { 'content-type': 'application/json' } };
	const params = new URLSearchParams();
	for (const [key, value] of Object.entries(data)) {
		if (value && typeof value === 'object') {
			for (const [inner, v] of Object.entries(value)) params.append(`${key}[${inner}]`, String(v));
		} else params.append(key, value === null ? '' : String(value));
	}
	return {
		body: params.toString(),
		headers: { 'content-type': 'application/x-www-form-urlencoded' },
	};
}

/**
 * A Canvas Live Events signer: three RSA keys (previous, current, next) like Instructure's JWKS.
 * sign() wraps the live event in a JWT signed with the current key by default.
 */
function canvasSigner(options = {}) {
	const keys = ['prev', 'current', 'next'].map((label) => {
		const privateKey = options.keys
			? createPrivateKey(options.keys[label])
			: generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
		const kid = options.keys ? `${label}-demo` : `${label}-${randomUUID().slice(0, 8)}`;
		const jwk = createPublicKey(privateKey).export({ format: 'jwk' });
		return { label, kid, privateKey, jwk: { ...jwk, kid, alg: 'RS256', use: 'sig' } };
	});
	const byLabel = Object.fromEntries(keys.map((key) => [key.label, key]));
	return {
		jwks: { keys: keys.map((key) => key.jwk) },
		kid: (label = 'current') => byLabel[label].kid,
		/**
		 * @param {object} event
		 * @param {{ key?: string, iat?: number | null, exp?: number, alg?: string, kid?: string }} [options]
		 *   iat null leaves the issued-at claim out (a token the trigger must refuse)
		 */
		sign(event, options = {}) {
			const key = byLabel[options.key || 'current'];
			const iat = options.iat ?? Math.floor(Date.now() / 1000);
			const header = { alg: options.alg || 'RS256', typ: 'JWT', kid: options.kid ?? key.kid };
			const claims = { ...event, iat, exp: options.exp ?? iat + 600 };
			if (options.iat === null) delete claims.iat;
			const enc = (value) => Buffer.from(JSON.stringify(value)).toString('base64url');
			const input = `${enc(header)}.${enc(claims)}`;
			const signature = createSign('RSA-SHA256')
				.update(input)
				.sign(key.privateKey)
				.toString('base64url');
			return { body: `${input}.${signature}`, headers: { 'content-type': 'application/jwt' } };
		},
	};
}

/** POSTs a delivery; resolves to { status, text }. */
async function post(url, delivery) {
	const response = await fetch(url, {
		method: 'POST',
		body: delivery.body,
		headers: delivery.headers,
	});
	return { status: response.status, text: await response.text() };
}

/** The signer with the committed demo keys (kids prev-demo, current-demo, next-demo). */
const demoCanvasSigner = () => canvasSigner({ keys: require('./canvas-demo-keys') });

module.exports = { thinkific, teachable, docebo, moodle, canvasSigner, demoCanvasSigner, post };
