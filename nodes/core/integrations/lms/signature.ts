import { createHash, createHmac, timingSafeEqual } from 'crypto';

import type { CheckResult, LmsReject } from './result';
import { reject } from './result';

/**
 * The secret when it can authenticate anything: set and not blank. An HMAC keyed with "" (or a
 * Basic header of ":") is one anyone can compute, so a blank secret must refuse every delivery.
 */
export function configuredSecret(secret: unknown): string | undefined {
	return typeof secret === 'string' && secret.trim() !== '' ? secret : undefined;
}

/** The refusal for a credential without a secret; `field` is the header or field it guards. */
export function secretNotConfigured(field: string): LmsReject {
	return reject(
		'secret_not_configured',
		field,
		'The webhook credential has no secret, so no delivery can be verified; every delivery is refused until one is set',
	);
}

/** Constant-time string equality; hashing first keeps the time independent of the length too. */
export function safeEqual(a: string, b: string): boolean {
	const left = createHash('sha256').update(a, 'utf8').digest();
	const right = createHash('sha256').update(b, 'utf8').digest();
	return timingSafeEqual(left, right) && a.length === b.length;
}

/**
 * Checks a hex (or base64) HMAC-SHA256 of the RAW body bytes. Re-serialised JSON would not match:
 * key order, spacing and unicode escapes differ from what the LMS signed.
 */
export function checkHmacSha256(
	rawBody: Buffer | string,
	secret: string,
	header: string | undefined,
	headerName: string,
	encoding: 'hex' | 'base64' = 'hex',
): CheckResult {
	if (configuredSecret(secret) === undefined) return secretNotConfigured(headerName);
	const sent = (header ?? '').trim().replace(/^sha256=/i, '');
	if (sent === '') {
		return reject('missing_signature', headerName, `The ${headerName} header is missing`);
	}
	const expected = createHmac('sha256', secret).update(rawBody).digest(encoding);
	const matches =
		encoding === 'hex' ? safeEqual(sent.toLowerCase(), expected) : safeEqual(sent, expected);
	return matches
		? { ok: true }
		: reject('bad_signature', headerName, `The ${headerName} signature does not match the body`);
}

/** A shared secret sent as-is (a header or a body field), compared in constant time. */
export function checkSharedSecret(
	sent: string | undefined,
	secret: string,
	field: string,
): CheckResult {
	if (configuredSecret(secret) === undefined) return secretNotConfigured(field);
	if (sent === undefined || sent === '') {
		return reject('missing_signature', field, `The shared secret (${field}) is missing`);
	}
	return safeEqual(sent, secret)
		? { ok: true }
		: reject('bad_signature', field, `The shared secret (${field}) does not match`);
}
