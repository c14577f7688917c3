// Webhook bodies whose keys would reach Object.prototype: a form-encoded `__proto__[email]=x`
// (PHP array syntax, read before Moodle's token can be checked) must stay data on the parsed body
// and change no other object; after authentication every LMS body with such a key is refused
// naming the field.
import {
	normaliseMoodle,
	normaliseThinkific,
	parseJsonBody,
	parseJwks,
	parseMoodleBody,
	verifyRs256Jwt,
} from '../../../nodes/core/integrations/lms';
import type { Jwks } from '../../../nodes/core/integrations/lms';
import { canvasSigner, moodle } from '../../simulators/lms/webhook-sender';
import { fixture } from './fixtures';

const FORM = 'application/x-www-form-urlencoded';

afterEach(() => {
	// A failing run must not leave the pollution behind for the next test.
	for (const key of ['email', 'relateduserid', 'polluted']) {
		delete (Object.prototype as Record<string, unknown>)[key];
	}
});

describe('Moodle form bodies (read before the token check)', () => {
	it.each([
		'__proto__[email]=attacker@example.com&token=wrong',
		'__proto__[relateduserid]=666',
		'constructor[prototype]=x&__proto__[polluted]=yes',
	])('%s changes no other object', (body) => {
		const parsed = parseMoodleBody(body, FORM);
		expect(parsed.ok).toBe(true);
		expect(({} as Record<string, unknown>).email).toBeUndefined();
		expect(({} as Record<string, unknown>).relateduserid).toBeUndefined();
		expect(({} as Record<string, unknown>).polluted).toBeUndefined();
	});

	it('keeps the pair as plain data and refuses it after the token, naming the field', () => {
		const { json } = fixture('moodle-course-completed.json');
		const delivery = moodle(json, { token: 't0ken', form: true });
		const parsed = parseMoodleBody(`${delivery.body}&__proto__[email]=x@example.com`, FORM);
		if (!parsed.ok) throw new Error(parsed.message);
		expect(normaliseMoodle(parsed.value)).toEqual({
			ok: false,
			reason: 'reserved_key',
			field: '__proto__',
			message: expect.stringContaining('Field "__proto__" uses a reserved name'),
		});
	});

	it('refuses a nested reserved key in a JSON body with its path', () => {
		const { json } = fixture('moodle-course-completed.json');
		const body = JSON.stringify({ ...json }).replace(
			'"other":{',
			'"other":{"constructor":{"prototype":1},',
		);
		const parsed = parseMoodleBody(body, 'application/json');
		expect(parsed.ok && normaliseMoodle(parsed.value)).toMatchObject({
			ok: false,
			reason: 'reserved_key',
			field: 'other.constructor',
		});
	});
});

describe('JSON webhook bodies (read after the signature check)', () => {
	it.each([
		['{"__proto__":{"email":"x"}}', '__proto__'],
		['[{"object":{"user":{"constructor":{}}}}]', '0.object.user.constructor'],
		['{"payload":{"course":{"prototype":"x"}}}', 'payload.course.prototype'],
	])('%s is refused naming %s', (text, field) => {
		expect(parseJsonBody(text, 'application/json')).toEqual({
			ok: false,
			reason: 'reserved_key',
			field,
			message: expect.stringContaining(`Field "${field}" uses a reserved name`),
		});
	});

	it('a body nested 100,000 levels deep is read without overflowing the stack', () => {
		const text = '['.repeat(100_000) + ']'.repeat(100_000);
		expect(parseJsonBody(text, 'application/json').ok).toBe(true);
	});

	it('an ordinary body still normalises', () => {
		const { json } = fixture('thinkific-enrollment-completed.json');
		const parsed = parseJsonBody(JSON.stringify(json), 'application/json');
		expect(parsed.ok && normaliseThinkific(parsed.value).ok).toBe(true);
	});
});

describe('Canvas JWT claims (read only once the signature verifies)', () => {
	const signer = canvasSigner();
	const jwks = parseJwks(signer.jwks) as Jwks;

	it('a forged token whose claims would not parse is refused for its signature', () => {
		const [header, , signature] = signer.sign({ event: 'x' }).body.split('.');
		const claims = Buffer.from('{"__proto__":').toString('base64url');
		expect(verifyRs256Jwt(`${header}.${claims}.${signature}`, jwks)).toEqual({
			ok: false,
			reason: 'bad_signature',
			field: '(body)',
			message: 'The JWT signature does not verify against the JWKS key',
		});
	});
});
