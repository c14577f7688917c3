import type { IExecuteFunctions } from 'n8n-workflow';

import {
	CredentialLedger,
	EmbeddedStore,
	PostgresStore,
	type LedgerStore,
} from '../../credentialing/ledger';
import { resolveLedgerFolder } from './ledger-folder';
import { poolFor } from './postgres-pool';
import { SIGNING_CREDENTIAL, signingKeyOf, type SigningKey } from './signing-key';

export const POSTGRES_CREDENTIAL = 'credentialLedgerPostgresApi';

export interface OpenedLedger {
	ledger: CredentialLedger;
	key: SigningKey;
	/** Where the ledger lives, for outputs: a folder path or "postgres:<schema>.<prefix>". */
	location: string;
}

/*
 * Open ledgers per storage location and signing key, for the life of the n8n process: every
 * execution in this process appends through the same store, whose queue serialises appends and
 * shares one sync per batch. The embedded store is safe across processes too (a lock file), but
 * within one process it relies on going through one store per folder.
 */
const ledgers = new Map<string, Promise<CredentialLedger>>();

function cached(id: string, open: () => Promise<LedgerStore>): Promise<CredentialLedger> {
	let ledger = ledgers.get(id);
	if (!ledger) {
		ledger = open().then((store) => new CredentialLedger({ store }));
		// A failed open (lock timeout, server down) is retried by the next execution.
		ledger.catch(() => ledgers.delete(id));
		ledgers.set(id, ledger);
	}
	return ledger;
}

/** The ledger the node's Storage parameters and credentials name. */
export async function openLedger(this: IExecuteFunctions): Promise<OpenedLedger> {
	const key = signingKeyOf(await this.getCredentials(SIGNING_CREDENTIAL));
	const storage = this.getNodeParameter('storage', 0, 'embedded') as string;
	if (storage === 'postgres') {
		const connection = poolFor(await this.getCredentials(POSTGRES_CREDENTIAL));
		const tablePrefix = (this.getNodeParameter('tablePrefix', 0, '') as string).trim();
		const schema = (this.getNodeParameter('schema', 0, '') as string).trim();
		const prefix = tablePrefix || 'credential_ledger';
		const id = `pg|${connection.id}|${schema}|${prefix}|${key.fingerprint}`;
		const ledger = await cached(id, () =>
			PostgresStore.open({
				pool: connection.pool,
				signer: key.signer,
				tablePrefix: prefix,
				schema: schema || undefined,
			}),
		);
		return { ledger, key, location: `postgres:${schema ? `${schema}.` : ''}${prefix}` };
	}
	const folder = resolveLedgerFolder(this.getNodeParameter('folderPath', 0, '') as string);
	const ledger = await cached(`fs|${folder}|${key.fingerprint}`, () =>
		EmbeddedStore.open({ folder, signer: key.signer }),
	);
	return { ledger, key, location: folder };
}
