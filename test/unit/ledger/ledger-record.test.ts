import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import {
	isLedgerError,
	type CredentialLedger,
	type LedgerErrorCode,
} from '../../../nodes/core/domain/ledger';
import { ISSUED, decision, openTestLedger, removeTempFolders } from './support/fixtures';

afterEach(removeTempFolders);

async function issuedLedger() {
	const opened = await openTestLedger();
	await opened.ledger.reserve('k', decision(), { evidence: { recipientEmail: 'ada@example.org' } });
	await opened.ledger.record('k', 'issued', ISSUED, 'workflow:1');
	return opened;
}

async function refusal(
	promise: Promise<unknown>,
	code: LedgerErrorCode,
): Promise<Error & { issues: Array<{ path: string }> }> {
	const error = await promise.catch((e: unknown) => e);
	if (!isLedgerError(error, code)) throw new Error(`expected ${code}, got ${String(error)}`);
	return error as Error & { issues: Array<{ path: string }> };
}

describe('record', () => {
	it('records the lifecycle and folds it into a status', async () => {
		const { ledger, store } = await issuedLedger();
		await ledger.record('k', 'delivered', { channel: 'email', messageId: 'm-1' }, 'workflow:2', {
			evidence: { to: 'ada@example.org' },
		});
		await ledger.record('k', 'claimed', { claimedAt: '2026-01-06T00:00:00.000Z' }, 'webhook');
		await ledger.record(
			'k',
			'review',
			{ reason: 'name spelled differently on the LMS' },
			'operator',
		);
		await ledger.record(
			'k',
			'override',
			{ reason: 'approved by the registrar', action: 'keep' },
			'registrar',
		);
		const [status] = await ledger.status({ key: 'k' });
		expect(status).toMatchObject({
			key: 'k',
			state: 'claimed',
			learnerId: 'L-1',
			courseId: 'C-101',
			attempts: 1,
			credential: { platform: 'accredible', externalId: 'cred-1', url: 'https://example.org/c/1' },
			firstSeq: 1,
			lastSeq: 7,
		});
		expect(status.reviews).toHaveLength(1);
		expect(status.overrides[0]).toMatchObject({
			actor: 'registrar',
			payload: { reason: 'approved by the registrar' },
		});
		expect(status.evidenceHashes).toHaveLength(2);
		await store.close();
	});

	it.each<[string, string, unknown, RegExp]>([
		[
			'issued without externalId',
			'issued',
			{ platform: 'x' },
			/^Invalid issued details: details\.externalId: missing/,
		],
		[
			'issued with a misspelt field',
			'issued',
			{ platform: 'x', externalID: 'y' },
			/details\.externalID: unknown field "externalID" \(did you mean "externalId"\?\)/,
		],
		[
			'issued with a bad url',
			'issued',
			{ platform: 'x', externalId: 'y', url: 'not a url' },
			/details\.url/,
		],
		[
			'failed without retryable',
			'failed',
			{ error: 'HTTP 500' },
			/details\.retryable: missing; expected true or false/,
		],
		[
			'failed with retryable as text',
			'failed',
			{ error: 'HTTP 500', retryable: 'yes' },
			/details\.retryable: received "yes"/,
		],
		[
			'an email in the public details',
			'delivered',
			{ channel: 'email', messageId: 'to ada@example.org' },
			/details\.messageId: looks like an email/,
		],
		['an unknown kind', 'archived', {}, /kind: received "archived"/],
	])('refuses %s, naming the field, and writes nothing', async (_name, kind, details, message) => {
		const { ledger, store } = await issuedLedger();
		const before = readFileSync(join(store.folder, 'chain.jsonl'));
		const error = await refusal(
			ledger.record('k', kind as 'issued', details, 'actor'),
			'invalid_input',
		);
		expect(error.message).toMatch(message);
		expect(readFileSync(join(store.folder, 'chain.jsonl'))).toEqual(before);
		await store.close();
	});

	it('names an unknown key', async () => {
		const { ledger, store } = await openTestLedger();
		const error = await refusal(
			ledger.record('never-reserved', 'issued', ISSUED, 'a'),
			'unknown_key',
		);
		expect(error.message).toBe('No credential with key "never-reserved" in the ledger');
		expect(error.issues[0].path).toBe('key');
		expect(readFileSync(join(store.folder, 'chain.jsonl'), 'utf8')).toBe('');
		await store.close();
	});

	it.each<[string, (l: CredentialLedger) => Promise<unknown>, RegExp]>([
		[
			'issuing twice',
			(l) => l.record('k', 'issued', { platform: 'x', externalId: 'other' }, 'a'),
			/already issued as accredible cred-1 \(entry 3\)/,
		],
		[
			'failing after issuance',
			(l) => l.record('k', 'failed', { error: 'late', retryable: false }, 'a'),
			/already issued/,
		],
		[
			'revoking twice',
			async (l) => {
				await l.revoke('k', { reason: 'fraud', operator: 'ops' });
				return l.revoke('k', { reason: 'again', operator: 'ops' });
			},
			/already revoked \(entry 4\)/,
		],
		[
			'delivering a revoked credential',
			async (l) => {
				await l.revoke('k', { reason: 'fraud', operator: 'ops' });
				return l.record('k', 'delivered', { channel: 'email' }, 'a');
			},
			/it is revoked/,
		],
	])('refuses %s as invalid_state and writes nothing more', async (_name, act, message) => {
		const { ledger, store } = await issuedLedger();
		const error = await refusal(act(ledger), 'invalid_state');
		expect(error.message).toMatch(message);
		await store.close();
	});

	it('refuses delivery of a credential that was only reserved', async () => {
		const { ledger, store } = await openTestLedger();
		await ledger.reserve('k', decision());
		const error = await refusal(
			ledger.record('k', 'delivered', { channel: 'email' }, 'a'),
			'invalid_state',
		);
		expect(error.message).toMatch(/has not been issued/);
		await store.close();
	});
});

describe('revoke and supersede', () => {
	it('revokes with reason, operator and time; the issued entry stays', async () => {
		const { ledger, store } = await issuedLedger();
		const entry = await ledger.revoke('k', {
			reason: 'issued in error',
			operator: 'registrar@example.org',
			at: '2026-02-01T00:00:00.000Z',
		});
		expect(entry).toMatchObject({
			type: 'revoked',
			actor: 'registrar@example.org',
			payload: {
				reason: 'issued in error',
				operator: 'registrar@example.org',
				revokedAt: '2026-02-01T00:00:00.000Z',
			},
		});
		const types = (await store.findByKey('k')).map((e) => e.type);
		expect(types).toEqual(['decided', 'reserved', 'issued', 'revoked']);
		const [status] = await ledger.status({ key: 'k' });
		expect(status.state).toBe('revoked');
		expect(status.credential?.externalId).toBe('cred-1');
		await store.close();
	});

	it('refuses to revoke an unknown credential, naming it', async () => {
		const { ledger, store } = await openTestLedger();
		const error = await refusal(
			ledger.revoke('ghost', { reason: 'x', operator: 'ops' }),
			'unknown_key',
		);
		expect(error.message).toContain('"ghost"');
		await refusal(ledger.revoke('ghost', { reason: '', operator: 'ops' }), 'invalid_input');
		await store.close();
	});

	it('supersedes by a new ledger key or an external credential', async () => {
		const { ledger, store } = await issuedLedger();
		await ledger.reserve('k2', decision());
		await expect(
			ledger.supersede('k', { newKey: 'k2', reason: 'reissued', operator: 'ops' }),
		).rejects.toThrow(/"k2" has no issued credential yet/);
		await ledger.record('k2', 'issued', { platform: 'accredible', externalId: 'cred-2' }, 'w');
		const entry = await ledger.supersede('k', {
			newKey: 'k2',
			reason: 'name corrected',
			operator: 'ops',
		});
		expect(entry.payload).toMatchObject({
			newKey: 'k2',
			newCredential: { platform: 'accredible', externalId: 'cred-2' },
			reason: 'name corrected',
		});
		expect((await ledger.status({ key: 'k' }))[0].state).toBe('superseded');
		await expect(
			ledger.supersede('k', { newKey: 'k2', reason: 'again', operator: 'ops' }),
		).rejects.toThrow(/already superseded/);
		await expect(
			ledger.supersede('k2', { newKey: 'missing', reason: 'x', operator: 'ops' }),
		).rejects.toThrow(/No credential with key "missing"/);
		await expect(ledger.supersede('k2', { reason: 'x', operator: 'ops' })).rejects.toThrow(
			/exactly one of newKey/,
		);
		await expect(
			ledger.supersede('k2', { newKey: 'k2', reason: 'x', operator: 'ops' }),
		).rejects.toThrow(/cannot supersede itself/);
		const external = await ledger.supersede('k2', {
			newCredential: { platform: 'credly', externalId: 'b-9' },
			reason: 'moved',
			operator: 'ops',
		});
		expect(external.payload.newCredential).toEqual({ platform: 'credly', externalId: 'b-9' });
		await store.close();
	});
});

describe('status and evidence bundle', () => {
	it('lists every credential of a learner', async () => {
		const { ledger, store } = await openTestLedger();
		await ledger.reserve('a', decision('L-1', 'C-1'));
		await ledger.reserve('b', decision('L-2', 'C-1'));
		await ledger.reserve('c', decision('L-1', 'C-2'));
		expect((await ledger.status({ learnerId: 'L-1' })).map((s) => s.key)).toEqual(['a', 'c']);
		expect(await ledger.status({ learnerId: 'nobody' })).toEqual([]);
		expect(await ledger.status({ key: 'zzz' })).toEqual([]);
		await store.close();
	});

	it('bundles decision, rule version and hash, data points, issuance, delivery, claim, revocation and evidence', async () => {
		const { ledger, store } = await issuedLedger();
		await ledger.record('k', 'delivered', { channel: 'email' }, 'w');
		await ledger.record('k', 'claimed', {}, 'w');
		await ledger.revoke('k', { reason: 'fraud', operator: 'ops' });
		const bundle = await ledger.evidenceBundle('k');
		expect(bundle).toMatchObject({
			key: 'k',
			ruleSetId: 'rules-1',
			ruleVersion: '3',
			ruleHash: 'a'.repeat(64),
			dataPoints: { score: 92, passingScore: 80 },
			issuance: { platform: 'accredible', externalId: 'cred-1' },
			delivery: { payload: { channel: 'email' } },
			claim: { seq: 5 },
			revocations: [{ payload: { reason: 'fraud' } }],
		});
		expect(bundle.evidence).toEqual([
			expect.objectContaining({
				seq: 1,
				type: 'decided',
				state: 'present',
				record: expect.objectContaining({ data: { recipientEmail: 'ada@example.org' } }),
			}),
		]);
		expect(bundle.entries.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6]);
		await expect(ledger.evidenceBundle('nope')).rejects.toThrow(/No credential with key "nope"/);
		await store.close();
	});
});
