import {
	checkCanvasAccount,
	checkHmacSha256,
	checkSharedSecret,
	httpStatusFor,
	parseCanvasAllowList,
	liveEventFromClaims,
	normaliseCanvas,
	parseJwks,
	splitSeen,
	verifyRs256Jwt,
} from '../../../nodes/core/integrations/lms';
import type { Jwks } from '../../../nodes/core/integrations/lms';
import { canvasSigner, thinkific } from '../../simulators/lms/webhook-sender';
import { fixture } from './fixtures';

const SECRET = 'thinkific-api-key-123';

describe('HMAC-SHA256 over the raw body (Thinkific, Teachable)', () => {
	const { text } = fixture('thinkific-enrollment-completed.json');
	const delivery = thinkific(text, { secret: SECRET });
	const header = delivery.headers['x-thinkific-hmac-sha256'];

	it('accepts the signature of the exact bytes, as a Buffer or a string', () => {
		expect(checkHmacSha256(Buffer.from(text), SECRET, header, 'X-Thinkific-Hmac-Sha256')).toEqual({
			ok: true,
		});
		expect(checkHmacSha256(text, SECRET, header.toUpperCase(), 'X-Thinkific-Hmac-Sha256')).toEqual({
			ok: true,
		});
	});

	it('refuses the same JSON re-serialised (the reason to keep the raw body)', () => {
		const reserialised = JSON.stringify(JSON.parse(text));
		expect(reserialised).not.toBe(text);
		expect(checkHmacSha256(reserialised, SECRET, header, 'X-Thinkific-Hmac-Sha256')).toMatchObject({
			ok: false,
			reason: 'bad_signature',
		});
	});

	it.each([
		['a wrong secret', SECRET + 'x', header, 'bad_signature'],
		['a truncated signature', SECRET, header.slice(0, 20), 'bad_signature'],
		['no header', SECRET, undefined, 'missing_signature'],
		['an empty header', SECRET, '  ', 'missing_signature'],
	])('refuses %s', (_label, secret, sent, reason) => {
		expect(checkHmacSha256(text, secret, sent, 'X-Thinkific-Hmac-Sha256')).toMatchObject({
			ok: false,
			reason,
			field: 'X-Thinkific-Hmac-Sha256',
		});
	});

	it('checks base64 signatures when configured so', () => {
		const { createHmac } = jest.requireActual<typeof import('crypto')>('crypto');
		const b64 = createHmac('sha256', SECRET).update(text).digest('base64');
		expect(checkHmacSha256(text, SECRET, b64, 'sig', 'base64')).toEqual({ ok: true });
		expect(checkHmacSha256(text, SECRET, b64, 'sig', 'hex')).toMatchObject({ ok: false });
	});
});

describe('shared secrets (Docebo header, Moodle token)', () => {
	it('compares exactly', () => {
		expect(checkSharedSecret('s3cr3t', 's3cr3t', 'token')).toEqual({ ok: true });
		expect(checkSharedSecret('s3cr3t ', 's3cr3t', 'token')).toMatchObject({
			reason: 'bad_signature',
		});
		expect(checkSharedSecret('s3cr', 's3cr3t', 'token')).toMatchObject({ reason: 'bad_signature' });
		expect(checkSharedSecret(undefined, 's3cr3t', 'token')).toMatchObject({
			reason: 'missing_signature',
		});
	});
});

describe('Canvas Live Events RS256 JWT', () => {
	const signer = canvasSigner();
	const jwks = parseJwks(JSON.stringify(signer.jwks)) as Jwks;
	const { json } = fixture('canvas-course-completed.json');
	const now = Math.floor(Date.now() / 1000);
	const tokenOf = (options = {}) => signer.sign(json, options).body;

	it('verifies with the key named by kid, across rotation (prev, current, next)', () => {
		for (const key of ['prev', 'current', 'next'] as const) {
			const result = verifyRs256Jwt(tokenOf({ key }), jwks, { nowSeconds: now });
			expect(result).toMatchObject({ ok: true, kid: signer.kid(key) });
			const event = result.ok ? liveEventFromClaims(result.claims) : undefined;
			const completion = normaliseCanvas(event);
			expect(completion.ok && completion.completions[0].businessKey).toBe(
				'canvas|123|565|2019-11-05T13:38:00Z',
			);
		}
	});

	it('reads a live event nested under a wrapper claim', () => {
		const result = verifyRs256Jwt(signer.sign({ event: json }).body, jwks, { nowSeconds: now });
		expect(result.ok && normaliseCanvas(liveEventFromClaims(result.claims)).ok).toBe(true);
	});

	it('asks for a JWKS refresh when the kid is unknown (next monthly key)', () => {
		const older = { keys: jwks.keys.filter((key) => key.kid !== signer.kid('next')) };
		expect(verifyRs256Jwt(tokenOf({ key: 'next' }), older, { nowSeconds: now })).toMatchObject({
			ok: false,
			reason: 'unknown_key',
			field: 'kid',
		});
	});

	it('refuses a token signed by another key claiming a known kid', () => {
		const other = canvasSigner();
		const forged = other.sign(json, { kid: signer.kid('current') }).body;
		expect(verifyRs256Jwt(forged, jwks, { nowSeconds: now })).toMatchObject({
			reason: 'bad_signature',
		});
	});

	it('refuses a tampered payload', () => {
		const [h, , s] = tokenOf().split('.');
		const claims = Buffer.from(JSON.stringify({ ...json, iat: now })).toString('base64url');
		expect(verifyRs256Jwt(`${h}.${claims}.${s}`, jwks, { nowSeconds: now })).toMatchObject({
			reason: 'bad_signature',
		});
	});

	it('refuses alg none and HS256', () => {
		const none = signer.sign(json, { alg: 'none' }).body;
		expect(verifyRs256Jwt(none, jwks, { nowSeconds: now })).toMatchObject({
			reason: 'bad_signature',
			field: 'alg',
		});
		expect(verifyRs256Jwt(signer.sign(json, { alg: 'HS256' }).body, jwks)).toMatchObject({
			field: 'alg',
		});
	});

	it('refuses stale tokens: expired, too old, or issued in the future', () => {
		expect(
			verifyRs256Jwt(tokenOf({ iat: now - 700, exp: now - 100 }), jwks, { nowSeconds: now }),
		).toMatchObject({
			reason: 'stale_signature',
			field: 'exp',
		});
		expect(
			verifyRs256Jwt(tokenOf({ iat: now - 7200, exp: now + 100 }), jwks, { nowSeconds: now }),
		).toMatchObject({ reason: 'stale_signature', field: 'iat' });
		expect(verifyRs256Jwt(tokenOf({ iat: now + 600 }), jwks, { nowSeconds: now })).toMatchObject({
			reason: 'stale_signature',
		});
	});

	it('refuses a token without iat, which would otherwise never go stale', () => {
		for (const exp of [undefined, now + 600]) {
			const token = signer.sign(json, { iat: null, ...(exp ? { exp } : {}) }).body;
			expect(verifyRs256Jwt(token, jwks, { nowSeconds: now })).toMatchObject({
				ok: false,
				reason: 'stale_signature',
				field: 'iat',
				message: expect.stringContaining('no numeric iat'),
			});
		}
		const textIat = signer.sign({ ...json, iat: String(now) }, { iat: null }).body;
		expect(verifyRs256Jwt(textIat, jwks, { nowSeconds: now })).toMatchObject({ field: 'iat' });
	});

	it('refuses plain JSON and junk where a JWT is required', () => {
		expect(verifyRs256Jwt(JSON.stringify(json), jwks)).toMatchObject({ reason: 'bad_signature' });
		expect(verifyRs256Jwt('a.b', jwks)).toMatchObject({ reason: 'bad_signature' });
		expect(parseJwks('{"nokeys":1}')).toBeUndefined();
		expect(parseJwks('not json')).toBeUndefined();
	});
});

describe('Canvas allow-list: a verified event must come from this Canvas', () => {
	const { json } = fixture('canvas-course-completed.json');
	const event = json as { metadata: Record<string, unknown> };
	const from = (metadata: Record<string, unknown>) => ({
		...event,
		metadata: { ...event.metadata, ...metadata },
	});
	const allow = (accounts: string, hosts = '') => parseCanvasAllowList(accounts, hosts);

	it('accepts a listed root account, by id or UUID, among several entries', () => {
		expect(checkCanvasAccount(event, allow('1, 21070000000000001\n2'))).toEqual({ ok: true });
		expect(checkCanvasAccount(event, allow('VicYj3cu5BIFpoZhDVU4DZumnlBrWi1grgJEzADs'))).toEqual({
			ok: true,
		});
	});

	it("refuses another tenant's event, naming where it came from (403)", () => {
		const foreign = from({ root_account_id: '99990000000000001', root_account_uuid: 'other' });
		const result = checkCanvasAccount(foreign, allow('21070000000000001'));
		expect(result).toMatchObject({
			ok: false,
			reason: 'foreign_account',
			field: 'metadata.root_account_id',
			message: expect.stringContaining('root account 99990000000000001'),
		});
		expect(!result.ok && httpStatusFor(result.reason)).toBe(403);
	});

	it('refuses an event without a root account, and everything when none is listed', () => {
		const anonymous = from({ root_account_id: undefined, root_account_uuid: undefined });
		expect(checkCanvasAccount(anonymous, allow('21070000000000001'))).toMatchObject({
			reason: 'foreign_account',
		});
		expect(checkCanvasAccount(event, allow(' , '))).toMatchObject({
			reason: 'foreign_account',
			field: 'rootAccounts',
			message: expect.stringContaining('Allowed Root Accounts'),
		});
	});

	it('with hosts listed, refuses another host; an event without a host relies on its account', () => {
		expect(checkCanvasAccount(event, allow('21070000000000001', 'OXANA.instructure.com'))).toEqual({
			ok: true,
		});
		expect(
			checkCanvasAccount(event, allow('21070000000000001', 'school.instructure.com')),
		).toMatchObject({ reason: 'foreign_account', field: 'metadata.hostname' });
		const jobEvent = from({ hostname: undefined });
		expect(
			checkCanvasAccount(jobEvent, allow('21070000000000001', 'school.instructure.com')),
		).toEqual({ ok: true });
	});
});

describe('bounded dedupe memory', () => {
	it('reports keys already seen, including twice in one batch', () => {
		const state = {};
		expect(splitSeen(state, ['a', 'b', 'a'])).toEqual({ fresh: ['a', 'b'], seen: ['a'] });
		expect(splitSeen(state, ['b', 'c'])).toEqual({ fresh: ['c'], seen: ['b'] });
	});

	it('forgets the oldest keys beyond the limit', () => {
		const state: { keys?: string[] } = {};
		splitSeen(state, ['k1', 'k2', 'k3'], 2);
		expect(state.keys).toEqual(['k2', 'k3']);
		expect(splitSeen(state, ['k1'], 2).fresh).toEqual(['k1']);
	});
});
