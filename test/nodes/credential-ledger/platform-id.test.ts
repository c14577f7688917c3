// A platform event (Credly badge accepted, Certifier claim) knows only the platform and its id for
// the credential: Record Outcome, Revoke and Get Status find the credential by that pair.
import type { IDataObject } from 'n8n-workflow';

import {
	RESERVE,
	RESERVE_PARAMS,
	chainEntries,
	completionItem,
	derivedKey,
	ledgerFolder,
	ledgerOf,
	runCredentialOperation,
	runLedger,
} from '../support/credential-ledger';

const BADGE = 'b7e1c2d4-0f3a-4c5e-9a61-2f8d7c6b5a40';
const byBadge = (credentialId = BADGE) => ({
	lookupBy: 'platformId',
	credentialPlatform: 'credly',
	platformCredentialId: credentialId,
});

/** A ledger where L-1 and L-2 were issued as Credly badges "<BADGE>" and "badge-L-2". */
async function credlyLedger(): Promise<string> {
	const folder = ledgerFolder();
	const items = [completionItem('L-1'), completionItem('L-2')];
	const reserved = await runLedger({ folder, items, parameters: RESERVE_PARAMS });
	await runLedger({
		folder,
		items: (reserved.outputs[RESERVE.new] ?? []).map((item) => item.json),
		parameters: {
			resource: 'credential',
			operation: 'record',
			outcome: 'issued',
			platform: 'credly',
			externalId: `={{ $json.learner.id === "L-1" ? "${BADGE}" : "badge-" + $json.learner.id }}`,
		},
	});
	return folder;
}

describe('Credential Ledger: credential by platform credential ID', () => {
	test('Record Outcome Claimed by Credly badge id; Get Status by key shows it claimed', async () => {
		const folder = await credlyLedger();
		const recorded = await runCredentialOperation(folder, 'record', {
			outcome: 'claimed',
			...byBadge(),
		});
		expect(recorded.status).toBe('success');
		expect(ledgerOf(recorded.outputs[0][0])).toMatchObject({
			key: derivedKey('L-1'),
			recorded: 'claimed',
		});
		const status = await runCredentialOperation(folder, 'status', {
			lookupBy: 'key',
			idempotencyKey: derivedKey('L-1'),
		});
		const [credential] = ledgerOf(status.outputs[0][0]).credentials as IDataObject[];
		expect(credential).toMatchObject({ key: derivedKey('L-1'), state: 'claimed' });
		const other = await runCredentialOperation(folder, 'status', {
			lookupBy: 'key',
			idempotencyKey: derivedKey('L-2'),
		});
		expect((ledgerOf(other.outputs[0][0]).credentials as IDataObject[])[0].state).toBe('issued');
	});

	test('the same claim delivered twice is recorded once; the repeat says alreadyRecorded', async () => {
		const folder = await credlyLedger();
		const claim = { outcome: 'claimed', ...byBadge() };
		const first = await runCredentialOperation(folder, 'record', claim);
		const again = await runCredentialOperation(folder, 'record', claim);
		expect(ledgerOf(first.outputs[0][0])).toMatchObject({ alreadyRecorded: false });
		expect(ledgerOf(again.outputs[0][0])).toMatchObject({
			alreadyRecorded: true,
			seq: ledgerOf(first.outputs[0][0]).seq,
		});
		const claims = chainEntries(folder).filter((entry) => entry.type === 'claimed');
		expect(claims).toHaveLength(1);
	});

	test('Get Status by platform credential ID: found, and found false for an unknown id', async () => {
		const folder = await credlyLedger();
		const found = await runCredentialOperation(folder, 'status', byBadge('badge-L-2'));
		expect(ledgerOf(found.outputs[0][0])).toMatchObject({
			platform: 'credly',
			externalId: 'badge-L-2',
			found: true,
			credentials: [expect.objectContaining({ key: derivedKey('L-2'), learnerId: 'L-2' })],
		});
		const unknown = await runCredentialOperation(folder, 'status', byBadge('badge-404'));
		expect(ledgerOf(unknown.outputs[0][0])).toMatchObject({ found: false, credentials: [] });
	});

	test('an unknown platform id is refused, naming platform and id, and nothing is written', async () => {
		const folder = await credlyLedger();
		const before = chainEntries(folder).length;
		const run = await runCredentialOperation(folder, 'revoke', {
			...byBadge('badge-404'),
			reason: 'issued in error',
			operator: 'registrar',
		});
		expect(run.status).toBe('error');
		expect(run.error?.message).toMatch('No credential issued as credly credential "badge-404"');
		expect(chainEntries(folder)).toHaveLength(before);
	});

	test('Revoke by platform credential ID revokes that credential only', async () => {
		const folder = await credlyLedger();
		const run = await runCredentialOperation(folder, 'revoke', {
			...byBadge('badge-L-2'),
			reason: 'issued in error',
			operator: 'registrar',
		});
		expect(ledgerOf(run.outputs[0][0])).toMatchObject({
			key: derivedKey('L-2'),
			recorded: 'revoked',
		});
		const revoked = chainEntries(folder).filter((entry) => entry.type === 'revoked');
		expect(revoked.map((entry) => entry.key)).toEqual([derivedKey('L-2')]);
	});

	test('Record Outcome Issued by platform credential ID is refused: Issued writes that id', async () => {
		const folder = await credlyLedger();
		const run = await runCredentialOperation(folder, 'record', {
			outcome: 'issued',
			...byBadge(),
			platform: 'credly',
			externalId: 'badge-new',
		});
		expect(run.status).toBe('error');
		expect(run.error?.message).toMatch('name the credential by its idempotency key');
	});
});
