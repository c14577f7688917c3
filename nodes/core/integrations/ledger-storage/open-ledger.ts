import { EmbeddedStore, type EmbeddedStoreOptions } from './embedded/embedded-store';
import { CredentialLedger } from '../../domain/ledger/ledger';

/** The default set-up: a ledger over an embedded store in `folder`. Close it with ledger.store.close(). */
export async function openEmbeddedLedger(
	options: EmbeddedStoreOptions & { clock?: () => Date; defaultPendingTimeoutMs?: number },
): Promise<CredentialLedger> {
	const store = await EmbeddedStore.open(options);
	return new CredentialLedger({
		store,
		clock: options.clock,
		defaultPendingTimeoutMs: options.defaultPendingTimeoutMs,
	});
}
