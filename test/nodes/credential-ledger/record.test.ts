// Record Outcome, Revoke and Supersede: every outcome with its actor, governed changes that keep
// the original entry, and refusals that name the field and write nothing.
import type { INodeParameters } from 'n8n-workflow';

import {
	RESERVE,
	RESERVE_PARAMS,
	chainEntries,
	completionItem,
	derivedKey,
	issuedLedger,
	ledgerFolder,
	ledgerOf,
	reserveAndIssue,
	runCredentialOperation,
	runLedger,
} from '../support/credential-ledger';

const record = (parameters: INodeParameters): INodeParameters => ({
	resource: 'credential',
	operation: 'record',
	idempotencyKey: derivedKey(),
	...parameters,
});

describe('Credential Ledger: Record Outcome', () => {
	test('issued records platform, external id, url and actor', async () => {
		const folder = ledgerFolder();
		const { recorded } = await reserveAndIssue(folder, [completionItem()]);
		const [item] = recorded.outputs[0];
		expect(ledgerOf(item)).toMatchObject({ key: derivedKey(), recorded: 'issued', seq: 3 });
		const last = chainEntries(folder)[2];
		expect(last).toMatchObject({
			type: 'issued',
			key: derivedKey(),
			actor: 'n8n workflow run n8n-nodes-certificate-delivery.credentialLedger',
			payload: { platform: 'accredible', externalId: 'cred-L-1', url: 'https://example.org/c/L-1' },
		});
	});

	test.each([
		{
			outcome: 'delivered',
			parameters: { channel: 'email', messageId: 'm-1' },
			payload: { channel: 'email', messageId: 'm-1' },
		},
		{
			outcome: 'claimed',
			parameters: { claimedAt: '2026-05-06T08:00:00.000Z' },
			payload: { claimedAt: '2026-05-06T08:00:00.000Z' },
		},
		{
			outcome: 'review',
			parameters: { reason: 'name mismatch checked by phone', actor: 'reviewer-7' },
			payload: { reason: 'name mismatch checked by phone' },
		},
		{
			outcome: 'override',
			parameters: { reason: 'late completion accepted', action: 'approve', actor: 'registrar-2' },
			payload: { reason: 'late completion accepted', action: 'approve' },
		},
	])(
		'$outcome after issuance is appended with its details',
		async ({ outcome, parameters, payload }) => {
			const folder = await issuedLedger();
			const run = await runLedger({
				folder,
				items: [{}],
				parameters: record({ outcome, ...parameters }),
			});
			expect(run.status).toBe('success');
			const entry = chainEntries(folder)[3];
			expect(entry).toMatchObject({ type: outcome, payload });
			if ('actor' in parameters) expect(entry.actor).toBe(parameters.actor);
		},
	);

	test('failed ends the reservation, and the next Reserve is New with attempt 2', async () => {
		const folder = ledgerFolder();
		const reserved = await runLedger({
			folder,
			items: [completionItem()],
			parameters: RESERVE_PARAMS,
		});
		const failed = await runLedger({
			folder,
			items: reserved.outputs[RESERVE.new].map((item) => item.json),
			parameters: record({
				idempotencyKey: '={{ $json.ledger.key }}',
				outcome: 'failed',
				errorMessage: 'HTTP 503 from the platform',
				retryable: true,
				recordOptions: { attempt: '={{ $json.ledger.attempt }}' },
			}),
		});
		expect(ledgerOf(failed.outputs[0][0])).toMatchObject({ recorded: 'failed' });
		expect(chainEntries(folder)[2]).toMatchObject({
			type: 'failed',
			payload: { error: 'HTTP 503 from the platform', retryable: true, attempt: 1 },
		});
		const again = await runLedger({
			folder,
			items: [completionItem()],
			parameters: RESERVE_PARAMS,
		});
		expect(ledgerOf(again.outputs[RESERVE.new][0])).toMatchObject({ status: 'new', attempt: 2 });
	});

	test.each([
		{
			name: 'an override without an actor',
			parameters: { outcome: 'override', reason: 'x' },
			message: /override.*actor.*check "Actor"/,
		},
		{
			name: 'issued without an external id',
			parameters: { outcome: 'issued', platform: 'accredible', externalId: '={{ $json.nothing }}' },
			message: /details\.externalId.*check "External ID"/,
		},
		{
			name: 'a malformed credential url',
			parameters: { outcome: 'issued', platform: 'p', externalId: 'e', credentialUrl: 'not a url' },
			message: /details\.url.*check "Credential URL"/,
		},
		{
			name: 'issued twice',
			parameters: { outcome: 'issued', platform: 'p', externalId: 'other' },
			message: /already issued as accredible cred-L-1/,
		},
		{
			name: 'a key that was never reserved',
			parameters: { outcome: 'delivered', channel: 'email', idempotencyKey: 'never-reserved' },
			message: /No credential with key "never-reserved".*check "Idempotency Key"/,
		},
	])('refuses $name, naming the field, and writes nothing', async ({ parameters, message }) => {
		const folder = await issuedLedger();
		const before = chainEntries(folder).length;
		const run = await runLedger({ folder, items: [{}], parameters: record(parameters) });
		expect(run.status).toBe('error');
		expect(run.error?.message).toMatch(message);
		expect(chainEntries(folder)).toHaveLength(before);
	});

	test('with Continue On Fail a refused item carries the error and the others are recorded', async () => {
		const folder = await issuedLedger([completionItem(), completionItem('L-2')]);
		const run = await runLedger({
			folder,
			items: [{ key: derivedKey('L-1') }, { key: 'unknown' }, { key: derivedKey('L-2') }],
			parameters: record({
				idempotencyKey: '={{ $json.key }}',
				outcome: 'delivered',
				channel: 'email',
			}),
			settings: { onError: 'continueRegularOutput' },
		});
		expect(run.outputs[0].map((item) => item.json.error === undefined)).toEqual([
			true,
			false,
			true,
		]);
		expect(String(run.outputs[0][1].json.error)).toMatch(
			/^Item 1: No credential with key "unknown"/,
		);
		expect(run.outputs[0].map((item) => item.pairedItem)).toEqual([
			{ item: 0 },
			{ item: 1 },
			{ item: 2 },
		]);
	});
});

describe('Credential Ledger: Revoke and Supersede', () => {
	test('revoke records reason, operator and time; the issued entry stays', async () => {
		const folder = await issuedLedger();
		const run = await runCredentialOperation(folder, 'revoke', {
			idempotencyKey: derivedKey(),
			reason: 'issued in error',
			operator: 'registrar@example.org',
			effectiveAt: '2026-06-01T00:00:00Z',
		});
		expect(ledgerOf(run.outputs[0][0])).toMatchObject({ recorded: 'revoked', seq: 4 });
		const entries = chainEntries(folder);
		expect(entries.map((entry) => entry.type)).toEqual([
			'decided',
			'reserved',
			'issued',
			'revoked',
		]);
		expect(entries[3]).toMatchObject({
			actor: 'registrar@example.org',
			payload: {
				reason: 'issued in error',
				operator: 'registrar@example.org',
				revokedAt: '2026-06-01T00:00:00.000Z',
			},
		});
	});

	test('revoking an unknown credential names the key and writes nothing', async () => {
		const folder = await issuedLedger();
		const run = await runCredentialOperation(folder, 'revoke', {
			idempotencyKey: 'ik_unknown',
			reason: 'x',
			operator: 'op',
		});
		expect(run.error?.message).toMatch(
			/No credential with key "ik_unknown".*check "Idempotency Key"/,
		);
		expect(chainEntries(folder)).toHaveLength(3);
	});

	test('revoke without a reason names Reason', async () => {
		const folder = await issuedLedger();
		const run = await runCredentialOperation(folder, 'revoke', {
			idempotencyKey: derivedKey(),
			reason: '={{ $json.reason }}',
			operator: 'op',
		});
		expect(run.error?.message).toMatch(/reason.*check "Reason"/);
	});

	test('supersede by a credential in the ledger copies its platform id', async () => {
		const folder = await issuedLedger([completionItem('L-1'), completionItem('L-2')]);
		const run = await runCredentialOperation(folder, 'supersede', {
			idempotencyKey: derivedKey('L-1'),
			replacement: 'key',
			supersedingKey: derivedKey('L-2'),
			reason: 'reissued with corrected name',
			operator: 'registrar-2',
		});
		expect(run.status).toBe('success');
		const last = chainEntries(folder).at(-1);
		expect(last).toMatchObject({
			type: 'superseded',
			key: derivedKey('L-1'),
			payload: {
				newKey: derivedKey('L-2'),
				newCredential: { platform: 'accredible', externalId: 'cred-L-2' },
				reason: 'reissued with corrected name',
			},
		});
	});

	test('supersede by a credential issued elsewhere', async () => {
		const folder = await issuedLedger();
		await runCredentialOperation(folder, 'supersede', {
			idempotencyKey: derivedKey(),
			replacement: 'credential',
			supersedingPlatform: 'credly',
			supersedingExternalId: 'badge-9',
			reason: 'moved to Credly',
			operator: 'registrar-2',
		});
		expect(chainEntries(folder).at(-1)).toMatchObject({
			type: 'superseded',
			payload: { newCredential: { platform: 'credly', externalId: 'badge-9' } },
		});
	});
});
