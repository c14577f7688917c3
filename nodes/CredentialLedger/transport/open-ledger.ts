import type { IExecuteFunctions } from 'n8n-workflow';

import { CredentialLedger, type LedgerStore, type LookupCounter } from '../../core/domain/ledger';
import {
	EmbeddedLookupCounter,
	EmbeddedStore,
	PostgresLookupCounter,
	PostgresStore,
} from '../../core/integrations/ledger-storage';
import { isQueueMode } from '../../kit/execution-mode';
import { LeasedCache, type Lease } from '../../kit/leased-cache';
import { embeddedInQueueModeError } from '../helpers/errors';
import { allowedLedgerFolder } from '../../kit/ledger-folder';
import { poolFor } from './postgres-pool';
import { SIGNING_CREDENTIAL, signingKeyOf, type SigningKey } from './signing-key';

export const POSTGRES_CREDENTIAL = 'credentialLedgerPostgresApi';

export interface OpenedLedger {
	ledger: CredentialLedger;
	/** Ends this execution's use of the ledger; call once the operation is done. */
	release(): void;
	key: SigningKey;
	/** Where the ledger lives, for outputs: a folder path or "postgres:<schema>.<prefix>". */
	location: string;
}

/*
 * Open ledgers per storage location and signing key, for the life of the n8n process: every
 * execution in this process appends through the same store, whose queue serialises appends and
 * shares one sync per batch. The embedded store is safe across processes too (a lock file), but
 * within one process it relies on going through one store per folder. After a key rotation the
 * previous key's store stays open for executions still using it; older ones are closed.
 */
type CachedLedger = CredentialLedger & { close(): Promise<void> };

const ledgers = new LeasedCache<CachedLedger>(2);

function cached(
	id: string,
	location: string,
	open: () => Promise<LedgerStore>,
	lookups: LookupCounter,
	warn: (message: string) => void,
): Lease<CachedLedger> {
	return ledgers.acquire(id, location, async () => {
		const store = await open();
		const ledger = new CredentialLedger({ store, lookups: { counter: lookups, warn } });
		// Lookup counts still in memory are written before the ledger goes (a key rotation
		// retires it); n8n gives community nodes no hook at process shutdown.
		const close = async () => {
			await ledger.lookups.flush();
			await store.close();
		};
		return Object.assign(ledger, { close });
	});
}

/** The ledger the node's Storage parameters and credentials name. */
export async function openLedger(this: IExecuteFunctions): Promise<OpenedLedger> {
	const storage = this.getNodeParameter('storage', 0, 'embedded') as string;
	// Refused before the folder is resolved, created or locked: nothing of it is touched.
	if (storage !== 'postgres' && isQueueMode()) throw embeddedInQueueModeError(this.getNode());
	const key = signingKeyOf(await this.getCredentials(SIGNING_CREDENTIAL));
	// The logger only, not this execution: the ledger outlives it.
	const logger = this.logger;
	const warn = (message: string) => logger.warn(message);
	if (storage === 'postgres') {
		const connection = poolFor(await this.getCredentials(POSTGRES_CREDENTIAL));
		const tablePrefix = (this.getNodeParameter('tablePrefix', 0, '') as string).trim();
		const schema = (this.getNodeParameter('schema', 0, '') as string).trim();
		const prefix = tablePrefix || 'credential_ledger';
		const { lockTimeoutMs, statementTimeoutMs } = connection.timeouts;
		const id = `pg|${connection.id}|${schema}|${prefix}|${key.fingerprint}|${lockTimeoutMs}|${statementTimeoutMs}`;
		const location = `postgres:${connection.id}|${schema}|${prefix}`;
		const lease = cached(
			id,
			location,
			() =>
				PostgresStore.open({
					pool: connection.pool,
					signer: key.signer,
					tablePrefix: prefix,
					schema: schema || undefined,
					lockTimeoutMs,
					statementTimeoutMs,
					evidenceCipher: key.evidenceCipher,
				}),
			new PostgresLookupCounter(connection.pool, {
				tablePrefix: prefix,
				schema: schema || undefined,
			}),
			warn,
		);
		return {
			ledger: await leased(lease),
			release: lease.release,
			key,
			location: `postgres:${schema ? `${schema}.` : ''}${prefix}`,
		};
	}
	const folder = await allowedLedgerFolder(
		this,
		this.getNodeParameter('folderPath', 0, '') as string,
	);
	// The credential id vouches for a retired public key after a rotation (see key-binding.ts).
	const owner = this.getNode().credentials?.[SIGNING_CREDENTIAL]?.id ?? undefined;
	const lease = cached(
		`fs|${folder}|${key.fingerprint}`,
		folder,
		() =>
			EmbeddedStore.open({
				folder,
				signer: key.signer,
				retired: key.keyring.slice(1),
				owner,
				evidenceCipher: key.evidenceCipher,
			}),
		new EmbeddedLookupCounter(folder),
		warn,
	);
	return { ledger: await leased(lease), release: lease.release, key, location: folder };
}

/** The lease's ledger; a failed open ends the lease, and its error goes on to the router. */
function leased(lease: Lease<CachedLedger>): Promise<CredentialLedger> {
	lease.value.catch(() => lease.release());
	return lease.value;
}
