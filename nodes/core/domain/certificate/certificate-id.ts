import { createHash } from 'node:crypto';
import { TRAILING_SLASHES } from '../text';

// Crockford base32: no I, L, O or U, so an id read aloud or retyped from paper stays unambiguous.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * A certificate id derived from the idempotency inputs (recipient, course, completion), so a
 * retried workflow renders the same id. A reissue passes the superseded id as well and gets a new
 * one. 80 bits, written as four groups of four: C-7K3M-9QXH-2B4N-T8VW.
 */
export function deriveCertificateId(
	parts: ReadonlyArray<string | number | undefined>,
	supersedes?: string,
): string {
	const material = JSON.stringify([
		...parts.map((p) => (p === undefined ? null : String(p))),
		supersedes ?? null,
	]);
	const digest = createHash('sha256').update(material, 'utf8').digest();
	let bits = 0;
	let value = 0;
	let out = '';
	for (const byte of digest.subarray(0, 10)) {
		value = (value << 8) | byte;
		bits += 8;
		while (bits >= 5) {
			out += ALPHABET[(value >>> (bits - 5)) & 31];
			bits -= 5;
		}
		value &= (1 << bits) - 1;
	}
	return `C-${out.match(/.{4}/g)?.join('-')}`;
}

/**
 * Puts the id into the verification URL: `{{id}}` or `{id}` (any case) is replaced, URL-encoded; a base
 * without a placeholder gets the id appended as the last path segment.
 */
export function verificationUrlFor(base: string, certificateId: string): string {
	const id = encodeURIComponent(certificateId);
	const trimmed = base.trim();
	if (/\{\{\s*id\s*\}\}|\{id\}/i.test(trimmed))
		return trimmed.replace(/\{\{\s*id\s*\}\}|\{id\}/gi, id);
	return `${trimmed.replace(TRAILING_SLASHES, '')}/${id}`;
}

/**
 * Where the verification-endpoint template answers, under n8n's production webhook prefix:
 * GET <base>/webhook/verify/<certificate id>.
 */
export const VERIFICATION_WEBHOOK_PATH = 'webhook/verify/{{id}}';

/** The default verification URL: this n8n's public base URL plus the template's path. */
export function defaultVerificationUrl(instanceBaseUrl: string): string | undefined {
	const base = instanceBaseUrl.trim().replace(TRAILING_SLASHES, '');
	return /^https?:\/\/[^/]/i.test(base) ? `${base}/${VERIFICATION_WEBHOOK_PATH}` : undefined;
}
