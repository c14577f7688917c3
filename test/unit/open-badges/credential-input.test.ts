import {
	MAX_CREDENTIAL_CHARS,
	buildAchievementCredential,
	checkBadgeRequest,
	loadIssuerKey,
	readCredentialInput,
	signCredential,
	verifyCredential,
	type SignedCredential,
} from '../../../nodes/core/domain/open-badges';
import { badgeRequest, ed25519Pem } from './support/fixtures';

let signed: SignedCredential;

beforeAll(async () => {
	const key = await loadIssuerKey({ privateKey: ed25519Pem(), identity: { method: 'key' } });
	signed = await signCredential(
		buildAchievementCredential(checkBadgeRequest(badgeRequest()), key.did, []),
		key,
	);
});

it('reads text and objects into objects without a prototype, which still verify', async () => {
	for (const input of [JSON.stringify(signed), signed]) {
		const read = readCredentialInput(input) as Record<string, Record<string, unknown>>;
		expect(Object.getPrototypeOf(read)).toBeNull();
		expect(Object.getPrototypeOf(read.credentialSubject.achievement)).toBeNull();
		expect(Array.isArray(read.proof)).toBe(true);
		const report = await verifyCredential(read, { now: new Date('2027-01-01T00:00:00Z') });
		expect(report).toMatchObject({ verified: true, checks: { signature: 'ok' } });
	}
});

it('keeps a "__proto__" key as plain data: no prototype changes, and the credential fails', async () => {
	const text = JSON.stringify(signed).replace(
		'"credentialSubject":{',
		'"credentialSubject":{"__proto__":{"polluted":true},',
	);
	const read = readCredentialInput(text) as Record<string, Record<string, unknown>>;
	expect(Object.keys(read.credentialSubject)).toContain('__proto__');
	expect(({} as Record<string, unknown>).polluted).toBeUndefined();
	expect((read.credentialSubject as { polluted?: unknown }).polluted).toBeUndefined();
	const report = await verifyCredential(read, { now: new Date('2027-01-01T00:00:00Z') });
	// JSON-LD would drop the key before checking the proof: the verifier names it instead.
	expect(report).toMatchObject({ verified: false, checks: { schema: 'failed' } });
	expect(report.problems).toContainEqual(expect.stringMatching(/^credentialSubject\.__proto__: /));
});

describe('refuses, naming the field and the limit', () => {
	it('a credential over the size cap, before parsing it', () => {
		const huge = `{"pad":"${'x'.repeat(MAX_CREDENTIAL_CHARS)}"}`;
		expect(() => readCredentialInput(huge)).toThrow(
			/^credential: is 2,000,010 characters long; the limit is 2,000,000/,
		);
		expect(() => readCredentialInput({ pad: 'x'.repeat(MAX_CREDENTIAL_CHARS) })).toThrow(
			/^credential: is .* the limit is 2,000,000/,
		);
	});

	it('text that is not JSON, nothing at all, and nesting past the depth cap', () => {
		expect(() => readCredentialInput('{"a":')).toThrow(/^credential: is not valid JSON/);
		expect(() => readCredentialInput('')).toThrow(/^credential: give the credential JSON/);
		expect(() => readCredentialInput(undefined)).toThrow(/^credential: give the credential/);
		const deep = `${'['.repeat(5000)}${']'.repeat(5000)}`;
		expect(() => readCredentialInput(deep)).toThrow(/^credential: is nested more than 64 levels/);
		expect(readCredentialInput(`${'['.repeat(60)}${']'.repeat(60)}`)).toBeDefined();
	});
});
