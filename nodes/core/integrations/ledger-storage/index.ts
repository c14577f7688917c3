// Where ledger entries are kept: the embedded folder store and the PostgreSQL store.
export { EmbeddedStore } from './embedded/embedded-store';
export type { Durability, EmbeddedStoreOptions } from './embedded/embedded-store';
export { openEmbeddedLedger } from './open-ledger';
export { PostgresStore } from './postgres/postgres-store';
export type { PostgresStoreOptions } from './postgres/postgres-store';
export type {
	PgClientLike,
	PgPoolLike,
	PgQueryResult,
	PgQueryable,
	PgTimeouts,
} from './postgres/pg-client';
export { DEFAULT_PG_TIMEOUTS } from './postgres/pg-client';
export { EmbeddedLookupCounter } from './lookups/embedded-lookups';
export { PostgresLookupCounter } from './lookups/postgres-lookups';
