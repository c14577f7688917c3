import { createPublicKey, verify } from 'crypto';
import type { JsonWebKey } from 'crypto';

import type { LmsReject } from '../result';
import { reject } from '../result';
import { describe, isObject } from '../values';

export interface Jwks {
	keys: JsonWebKey[];
}

export interface JwtCheckOptions {
	/** Unix seconds; injectable for tests. */
	nowSeconds?: number;
	/** Clock skew allowed on exp/nbf/iat. */
	leewaySeconds?: number;
	/** Older tokens are stale even without exp. Canvas retries for ~20 minutes, so keep it above that. */
	maxAgeSeconds?: number;
}

export type JwtResult = { ok: true; claims: Record<string, unknown>; kid?: string } | LmsReject;

const B64URL = /^[A-Za-z0-9_-]+$/;

/** Reads a JWKS document (object or JSON text) into keys; undefined when it is not one. */
export function parseJwks(value: unknown): Jwks | undefined {
	let doc = value;
	if (typeof value === 'string') {
		try {
			doc = JSON.parse(value) as unknown;
		} catch {
			return undefined;
		}
	}
	if (!isObject(doc) || !Array.isArray(doc.keys)) return undefined;
	return { keys: doc.keys.filter(isObject) as JsonWebKey[] };
}

/**
 * Verifies a Canvas Live Events JWT: RS256 only (alg "none"/HS256 are refused so a public key can
 * never be used as an HMAC secret), key chosen by `kid` among the JWKS keys (Instructure publishes
 * previous, current and next keys and rotates monthly), then exp/nbf and a required iat.
 */
export function verifyRs256Jwt(
	token: string,
	jwks: Jwks,
	options: JwtCheckOptions = {},
): JwtResult {
	const parts = token.trim().split('.');
	if (parts.length !== 3 || !parts.every((part) => B64URL.test(part))) {
		return reject(
			'bad_signature',
			'(body)',
			'The body is not a compact JWT (header.payload.signature)',
		);
	}
	// Only the JOSE header (alg, kid) is read before the signature: it says which key checks it.
	const header = decodeJson(parts[0]);
	if (!header) return reject('bad_signature', '(body)', 'The JWT header is not JSON');
	if (header.alg !== 'RS256') {
		return reject(
			'bad_signature',
			'alg',
			`JWT algorithm ${describe(header.alg)} is not accepted; Canvas signs with RS256`,
		);
	}
	const kid = typeof header.kid === 'string' ? header.kid : undefined;
	const rsaKeys = jwks.keys.filter((key) => key.kty === 'RSA');
	const jwk = kid
		? rsaKeys.find((key) => key.kid === kid)
		: rsaKeys.length === 1
			? rsaKeys[0]
			: undefined;
	if (!jwk) {
		return reject(
			'unknown_key',
			'kid',
			`No RSA key with kid "${kid ?? '(none)'}" in the configured JWKS`,
		);
	}
	let valid = false;
	try {
		const key = createPublicKey({ key: jwk, format: 'jwk' });
		valid = verify(
			'RSA-SHA256',
			Buffer.from(`${parts[0]}.${parts[1]}`),
			key,
			Buffer.from(parts[2], 'base64url'),
		);
	} catch {
		valid = false;
	}
	if (!valid)
		return reject(
			'bad_signature',
			'(body)',
			'The JWT signature does not verify against the JWKS key',
		);
	const claims = decodeJson(parts[1]);
	if (!claims) return reject('wrong_type', '(body)', 'The signed JWT claims are not a JSON object');

	const now = options.nowSeconds ?? Math.floor(Date.now() / 1000);
	const leeway = options.leewaySeconds ?? 60;
	const maxAge = options.maxAgeSeconds ?? 3600;
	if (typeof claims.exp === 'number' && now > claims.exp + leeway) {
		return reject('stale_signature', 'exp', 'The JWT has expired (exp is in the past)');
	}
	if (typeof claims.nbf === 'number' && now + leeway < claims.nbf) {
		return reject('stale_signature', 'nbf', 'The JWT is not valid yet (nbf is in the future)');
	}
	// A token without iat would stay replayable forever, so it is required. That Canvas puts iat in
	// its live-event tokens is [INFERRED]: the claim layout is not documented, and iat is what
	// JWT libraries add by default.
	if (typeof claims.iat !== 'number' || !Number.isFinite(claims.iat)) {
		return reject(
			'stale_signature',
			'iat',
			'The JWT has no numeric iat (issued-at) claim, so its age cannot be checked',
		);
	}
	if (now - claims.iat > maxAge || now + leeway < claims.iat) {
		return reject(
			'stale_signature',
			'iat',
			`The JWT was issued more than ${maxAge} s ago or more than ${leeway} s in the future (iat)`,
		);
	}
	return { ok: true, claims, kid };
}

function decodeJson(part: string): Record<string, unknown> | undefined {
	try {
		const value = JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as unknown;
		return isObject(value) ? value : undefined;
	} catch {
		return undefined;
	}
}
