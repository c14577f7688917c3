export * from './entry';
export type { JsonObject, JsonValue } from './json';
export { JsonObjectSchema, JsonValueSchema } from './json';
export { LedgerError, isLedgerError } from './errors';
export type { LedgerErrorCode } from './errors';
export {
	ed25519Signer,
	generateEd25519KeyPair,
	hmacSigner,
	checkSignerMatchesHead,
	keyringOf,
	verifierFromPublicKey,
} from './signing';
export type { Ed25519Signer, LedgerSigner, LedgerVerifier, SigningAlgorithm } from './signing';
export { entryHash, parseEntryLine, sealEntry } from './line-format';
export type { SealedEntry } from './line-format';
export type {
	ChainHealth,
	LedgerStore,
	RepairReport,
	StoreView,
	StoredLine,
	TransactPlan,
} from './store';
export { verifyChain } from './verify';
export type { LineSource, TamperKind, VerifyOptions, VerifyResult } from './verify';
export { CredentialLedger } from './ledger';
export type { CredentialLedgerOptions } from './ledger';
export type { AuditPackOptions, AuditPackSummary } from './audit-pack';
export type { ReserveOptions, ReserveResult } from './reserve';
export type { RecordDecisionOptions, RecordDecisionResult } from './decisions';
export type { RecordOutcomeResult } from './changes';
export {
	ASSISTED_CHECK_HOURS,
	GO_LIVE_DEFAULTS,
	GO_LIVE_MODES,
	checkGoLiveSettings,
	goLiveCheckFor,
	isGoLiveCheck,
} from './go-live';
export type { GoLiveCheck, GoLiveMode, GoLiveSettings } from './go-live';
export type { GoLiveResult } from './go-live-steps';
export { applyEntry, foldCredential, wasNeverSent } from './credential-state';
export type {
	CredentialState,
	CredentialStatus,
	IssuedCredential,
	NoteRef,
} from './credential-state';
export { LedgerDecisionSchema, RECORD_KINDS, RecordDetailsSchemas } from './inputs';
export type { LedgerDecision, RecordKind } from './inputs';
export type { EvidenceBundle, EvidenceItem, StatusQuery } from './reports';
export type { PlatformCredentialId } from './platform-lookup';
export type { ErasureOptions, ErasureReport } from './erasure';
export { DEFAULT_RETENTION_DAYS, retentionCutoffs, retentionDaysOf } from './retention';
export type { RetentionDays, RetentionKind } from './retention';
export { csvCell } from './csv-export';
export { deriveAttendeeEventKey, deriveIdempotencyKey } from './keys';
export { CpeLedgerDecisionSchema, evidenceDigestOf } from './cpe-decision';
export { RECONCILE_ACTIONS, planCpeReconcile } from './cpe-reconcile';
export type { HeldAttendee, PlannedChange, ReconcileAction } from './cpe-reconcile';
export { reconcileTable } from './cpe-reconcile-table';
export type { IdempotencyKeyParts } from './keys';
export { sealEvidence } from './evidence';
export { EvidenceCipher } from './evidence-cipher';
export {
	MAX_CERTIFICATE_ID_LENGTH,
	OPEN_BADGE_PLATFORM,
	REVOCATION_CATEGORIES,
	certificateIdProblem,
} from './public-view';
export type {
	PublicCredentialView,
	PublicCredit,
	PublicStatusCode,
	RevocationCategory,
} from './public-view';
export type {
	DueRetries,
	DueRetriesOptions,
	DueRetry,
	OpenReview,
	OpenReviewsOptions,
	PlatformOutage,
} from './queues';
export { isReminder } from './queue-scan';
export { METRICS_GROUPS, UNKNOWN_GROUP } from './metrics';
export type { LedgerMetrics, MetricName, MetricsGroupBy } from './metrics';
export { LookupCounts, MAX_PENDING_TALLIES } from './lookup-counts';
export type { LookupCountsOptions } from './lookup-counts';
export {
	PUBLIC_STATUS_CODES,
	STATUS_LIST_FETCH,
	hourStart,
	isLookupSubject,
	summariseLookups,
} from './lookups';
export type {
	LookupCounter,
	LookupSubject,
	LookupSummary,
	LookupTally,
	UnreadableLookups,
	VerificationLookup,
} from './lookups';
export type { DayVolume } from './daily-volume';
export type { CourseCompletions } from './course-completions';
export { dailySummary, operationsAlerts, yesterdayOf } from './operations-alerts';
export type { OperationsMessage, OperationsMessageKind } from './operations-alerts';
export type {
	AgreementReport,
	AutomatedSide,
	Disagreement,
	StaffDecisionInput,
} from './agreement';
export type { Figure, FigureStatus, Threshold } from './playbook-targets';
