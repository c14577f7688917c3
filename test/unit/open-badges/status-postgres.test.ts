// Two workers on one Postgres ledger (n8n queue mode): each has its own store and connection,
// both issue at once, and every badge still gets a position of its own; a revocation recorded by
// one worker shows in the list the other signs.
import { CredentialLedger } from '../../../nodes/core/domain/ledger';
import {
	OpenBadgeLedger,
	loadIssuerKey,
	statusListUrl,
	type IssuerKey,
} from '../../../nodes/core/domain/open-badges';
import { decision } from '../ledger/support/fixtures';
import {
	dropTables,
	endPools,
	freshPrefix,
	openPgStore,
	postgresAvailable,
} from '../ledger/support/postgres';
import { badgeRequest, ed25519Pem } from './support/fixtures';
import { verifyIndependently } from './support/independent-verifier';

const BASE = 'https://verify.example.org/webhook/badges/status';
const describePg = postgresAvailable ? describe : describe.skip;

describePg('Open Badges on a Postgres ledger shared by two workers', () => {
	const prefix = freshPrefix();
	let key: IssuerKey;
	afterAll(async () => {
		await dropTables(prefix);
		await endPools();
	});

	it('allocates each status position once across workers and shares revocations', async () => {
		key = await loadIssuerKey({ privateKey: ed25519Pem(), identity: { method: 'key' } });
		const workers = await Promise.all(
			[0, 1].map(async () => {
				const { store } = await openPgStore(prefix);
				const ledger = new CredentialLedger({ store });
				return {
					store,
					badges: new OpenBadgeLedger(ledger, { key, statusBaseUrl: BASE, actor: 'worker' }),
				};
			}),
		);
		const outcomes = await Promise.all(
			Array.from({ length: 20 }, (_, i) =>
				workers[i % 2].badges.issue(`badge:${i % 10}`, decision(`L-${i % 10}`), badgeRequest()),
			),
		);
		const issued = outcomes.filter((o) => o.status === 'issued');
		// Ten keys, each issued by exactly one worker; the other answered already_issued or pending.
		expect(issued).toHaveLength(10);
		const indexes = issued.map((o) => (o.status === 'issued' ? o.statusListIndex : -1));
		expect(new Set(indexes).size).toBe(10);

		const target = issued[3];
		if (target.status !== 'issued') throw new Error('unreachable');
		await workers[0].badges.changeStatus(target.credentialId, 'revoke', {
			reason: 'r',
			operator: 'ops@example.org',
		});
		const list = await workers[1].badges.statusListCredential('revocation', 0);
		const lists = new Map([[statusListUrl(BASE, 'revocation', 0), list]]);
		expect(await verifyIndependently(target.credential, lists)).toMatchObject({
			verified: false,
			status: { revocation: true },
		});
		const other = issued[4];
		if (other.status !== 'issued') throw new Error('unreachable');
		expect(await verifyIndependently(other.credential, lists)).toMatchObject({
			verified: true,
			status: { revocation: false },
		});
		await Promise.all(workers.map((w) => w.store.close()));
	}, 120_000);
});
