import { isLedgerError } from '../../../nodes/core/domain/ledger';
import { ISSUED, decision, openTestLedger, removeTempFolders } from './support/fixtures';

afterEach(removeTempFolders);

// A platform event (badge accepted, credential claimed) names the credential only by platform id.
async function twoIssued() {
	const opened = await openTestLedger();
	for (const [key, externalId] of [
		['k1', 'badge-1'],
		['k2', 'badge-2'],
	]) {
		await opened.ledger.reserve(key, decision());
		await opened.ledger.record(key, 'issued', { ...ISSUED, platform: 'credly', externalId }, 'w');
	}
	return opened;
}

describe('credential by platform id', () => {
	it('finds the credential whose issued entry carries the id', async () => {
		const { ledger } = await twoIssued();
		expect(await ledger.keyForPlatformId({ platform: 'credly', externalId: 'badge-2' })).toBe('k2');
		const statuses = await ledger.status({ platform: 'credly', externalId: ' badge-1 ' });
		expect(statuses.map((s) => [s.key, s.credential?.externalId])).toEqual([['k1', 'badge-1']]);
	});

	it('names platform and id when none was issued, and finds nothing for status', async () => {
		const { ledger } = await twoIssued();
		const error = await ledger
			.keyForPlatformId({ platform: 'credly', externalId: 'badge-404' })
			.catch((e: unknown) => e);
		expect(isLedgerError(error, 'unknown_key')).toBe(true);
		expect((error as Error).message).toBe(
			'No credential issued as credly credential "badge-404" in the ledger',
		);
		expect(await ledger.status({ platform: 'credly', externalId: 'badge-404' })).toEqual([]);
	});

	it('keeps finding the old credential by its old id after it was superseded elsewhere', async () => {
		const { ledger } = await twoIssued();
		await ledger.supersede('k1', {
			newCredential: { platform: 'credly', externalId: 'badge-reissued' },
			reason: 'name corrected',
			operator: 'registrar',
		});
		expect(await ledger.keyForPlatformId({ platform: 'credly', externalId: 'badge-1' })).toBe('k1');
		await expect(
			ledger.keyForPlatformId({ platform: 'credly', externalId: 'badge-reissued' }),
		).rejects.toThrow('badge-reissued');
	});

	it('refuses an empty platform or id, naming the field', async () => {
		const { ledger } = await twoIssued();
		await expect(ledger.keyForPlatformId({ platform: ' ', externalId: 'badge-1' })).rejects.toThrow(
			'Invalid platform credential: platform: expected non-empty text',
		);
		await expect(ledger.status({ platform: 'credly', externalId: '' })).rejects.toThrow(
			'externalId: expected non-empty text',
		);
	});
});
