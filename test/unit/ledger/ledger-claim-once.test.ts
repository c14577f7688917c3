// A claim is recorded once: platforms deliver "badge accepted" / "credential claimed" more than
// once, and a workflow calls a downstream system only for the first. Embedded store here; the
// store contract suite runs the same transaction rules on Postgres.
import { isLedgerError } from '../../../nodes/core/domain/ledger';
import { ISSUED, decision, openTestLedger, removeTempFolders } from './support/fixtures';

afterEach(removeTempFolders);

async function issued() {
	const opened = await openTestLedger();
	await opened.ledger.reserve('k', decision());
	await opened.ledger.record('k', 'issued', ISSUED, 'workflow:1');
	return opened;
}

describe('recording a claim', () => {
	it('the first claim is recorded; a repeat answers it and appends nothing', async () => {
		const { ledger } = await issued();
		const first = await ledger.recordOutcome(
			'k',
			'claimed',
			{ claimedAt: '2026-01-06T00:00:00.000Z' },
			'credly',
		);
		expect(first.status).toBe('recorded');
		const headAfterFirst = await ledger.head();
		const again = await ledger.recordOutcome(
			'k',
			'claimed',
			{ claimedAt: '2026-01-06T00:05:00.000Z' },
			'credly',
		);
		expect(again).toEqual({ status: 'existing', entry: first.entry });
		expect(await ledger.head()).toEqual(headAfterFirst);
		const [status] = await ledger.status({ key: 'k' });
		expect(status.claimed?.payload.claimedAt).toBe('2026-01-06T00:00:00.000Z');
	});

	it('ten deliveries at once record one claim', async () => {
		const { ledger } = await issued();
		const results = await Promise.all(
			Array.from({ length: 10 }, () => ledger.recordOutcome('k', 'claimed', {}, 'certifier')),
		);
		expect(results.filter((r) => r.status === 'recorded')).toHaveLength(1);
		expect(new Set(results.map((r) => r.entry.seq)).size).toBe(1);
		const claims = (await ledger.exportJsonl())
			.split('\n')
			.filter(Boolean)
			.filter((line) => (JSON.parse(line) as { type: string }).type === 'claimed');
		expect(claims).toHaveLength(1);
		expect((await ledger.verify()).ok).toBe(true);
	});

	it('other outcomes are still appended each time', async () => {
		const { ledger } = await issued();
		const first = await ledger.recordOutcome('k', 'delivered', { channel: 'email' }, 'w');
		const second = await ledger.recordOutcome('k', 'delivered', { channel: 'sms' }, 'w');
		expect([first.status, second.status]).toEqual(['recorded', 'recorded']);
		expect(second.entry.seq).toBe(first.entry.seq + 1);
	});

	it('a claim of a credential never issued is still refused', async () => {
		const { ledger } = await openTestLedger();
		await ledger.reserve('r', decision());
		const error = await ledger.recordOutcome('r', 'claimed', {}, 'credly').catch((e: unknown) => e);
		expect(isLedgerError(error, 'invalid_state')).toBe(true);
		expect((error as Error).message).toBe('Cannot record claimed for "r": it has not been issued');
	});
});
