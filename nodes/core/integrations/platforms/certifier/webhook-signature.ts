import { createHmac, timingSafeEqual } from 'node:crypto';

/** Certifier signs webhooks with X-Webhook-Signature: hex HMAC-SHA256 of the raw body. */
export const CERTIFIER_SIGNATURE_HEADER = 'x-webhook-signature';

export function certifierSignature(rawBody: Buffer | string, secret: string): string {
	return createHmac('sha256', secret).update(rawBody).digest('hex');
}

/**
 * Checks a Certifier webhook over the raw bytes as received: a body parsed and serialised again
 * no longer matches, which is the usual reason verification "does not work".
 */
export function verifyCertifierSignature(
	rawBody: Buffer | string,
	signature: string | undefined,
	secret: string,
): boolean {
	if (!signature || !/^[0-9a-f]+$/i.test(signature.trim())) return false;
	const expected = Buffer.from(certifierSignature(rawBody, secret), 'hex');
	const given = Buffer.from(signature.trim(), 'hex');
	return given.length === expected.length && timingSafeEqual(given, expected);
}
