import { buildAuditPack, type AuditPackOptions, type AuditPackSummary } from './audit-pack';
import { agreementReport, type AgreementReport, type StaffDecisionInput } from './agreement';
import type { ChainHead, LedgerEntry } from './entry';
import { CredentialChanges, type RecordOutcomeResult } from './changes';
import { reconcileCpeEvent } from './cpe-event-holdings';
import type { PlannedChange } from './cpe-reconcile';
import { recordDecision, type RecordDecisionOptions, type RecordDecisionResult } from './decisions';
import type { CredentialStatus } from './credential-state';
import { exportCsv } from './csv-export';
import type { GoLiveSettings } from './go-live';
import {
	afterIssuing,
	beforeIssuing,
	type GoLiveResult,
	type WouldIssueDetails,
} from './go-live-steps';
import { erasePersonalData, type ErasureOptions, type ErasureReport } from './erasure';
import { checkActor, instantOf, type RecordKind } from './inputs';
import {
	evidenceBundleOf,
	exportJsonl,
	statusOf,
	type EvidenceBundle,
	type StatusQuery,
} from './reports';
import {
	listDueRetries,
	listOpenReviews,
	type DueRetries,
	type DueRetriesOptions,
	type OpenReview,
	type OpenReviewsOptions,
} from './queues';
import { dailyVolume, type DayVolume } from './daily-volume';
import { courseCompletions, type CourseCompletions } from './course-completions';
import { LookupCounts, type LookupCountsOptions } from './lookup-counts';
import { ledgerMetrics, type LedgerMetrics, type MetricsGroupBy } from './metrics';
import { keyForPlatformId, type PlatformCredentialId } from './platform-lookup';
import { publicStatusOf, type PublicCredentialView } from './public-view';
import { reserveCredential, type ReserveOptions, type ReserveResult } from './reserve';
import type { LedgerVerifier } from './signing';
import type { ChainHealth, LedgerStore, RepairReport } from './store';
import { verifyChain, type VerifyResult } from './verify';

export interface CredentialLedgerOptions {
	store: LedgerStore;
	clock?: () => Date;
	/** Age after which an unfinished reservation counts as abandoned (default 15 minutes). */
	defaultPendingTimeoutMs?: number;
	/**
	 * Where verification page lookups are counted (beside the chain), and who is told of counts
	 * not written (kept for the next write, or dropped past the bound); none: not counted.
	 */
	lookups?: LookupCountsOptions;
}

const DEFAULT_PENDING_TIMEOUT_MS = 15 * 60_000;

type When = { now?: Date | string };

/**
 * Exactly-once issuance bookkeeping over any LedgerStore: reserve before issuing, record what
 * happened, change state only by appending, and prove it all with verify and the exports.
 */
export class CredentialLedger {
	readonly store: LedgerStore;
	private readonly clock: () => Date;
	private readonly defaultPendingTimeoutMs: number;
	private readonly changes: CredentialChanges;
	/** Verification page lookups and status lists served, counted off the page's path. */
	readonly lookups: LookupCounts;

	constructor(options: CredentialLedgerOptions) {
		this.store = options.store;
		this.clock = options.clock ?? (() => new Date());
		this.lookups = new LookupCounts(options.lookups, this.clock);
		this.defaultPendingTimeoutMs = options.defaultPendingTimeoutMs ?? DEFAULT_PENDING_TIMEOUT_MS;
		this.changes = new CredentialChanges(this.store, this.clock);
	}

	reserve(key: string, decision: unknown, options: ReserveOptions = {}): Promise<ReserveResult> {
		return reserveCredential(this.store, key, decision, options, {
			clock: this.clock,
			pendingTimeoutMs: this.defaultPendingTimeoutMs,
		});
	}

	/** Records a decision of any outcome without reserving anything; a repeat is a no-op. */
	recordDecision(
		key: string,
		decision: unknown,
		options: RecordDecisionOptions = {},
	): Promise<RecordDecisionResult> {
		return recordDecision(this.store, key, decision, options, this.clock);
	}

	record(
		key: string,
		kind: RecordKind,
		details: unknown,
		actor: string,
		options: When & { evidence?: unknown; goLiveMode?: unknown } = {},
	): Promise<LedgerEntry> {
		return this.changes.record(key, kind, details, actor, options);
	}

	/** As record, and whether it was new (a repeated claim appends nothing: status existing). */
	recordOutcome(
		key: string,
		kind: RecordKind,
		details: unknown,
		actor: string,
		options: When & { evidence?: unknown; goLiveMode?: unknown } = {},
	): Promise<RecordOutcomeResult> {
		return this.changes.recordOutcome(key, kind, details, actor, options);
	}

	/** Go-live, before issuing: shadow records the would-be issuance and stops the run there. */
	goLiveBeforeIssuing(
		key: string,
		settings: GoLiveSettings,
		details: WouldIssueDetails,
		options: When & { actor?: string } = {},
	): Promise<GoLiveResult> {
		return beforeIssuing(this.store, key, settings, details, options, this.clock);
	}

	/** Go-live, after issuing: the assisted review or the monitored spot check, if this one gets it. */
	goLiveAfterIssuing(
		key: string,
		settings: GoLiveSettings,
		options: When & { actor?: string; draw?: number } = {},
	): Promise<GoLiveResult> {
		return afterIssuing(
			this.store,
			key,
			settings,
			{ ...options, draw: options.draw ?? Math.random() },
			this.clock,
		);
	}

	revoke(
		key: string,
		request: { reason: string; operator: string; at?: string; category?: string },
		options: When = {},
	): Promise<LedgerEntry> {
		return this.changes.revoke(key, request, options);
	}

	supersede(
		key: string,
		request: {
			newKey?: string;
			newCredential?: { platform: string; externalId: string; url?: string };
			reason: string;
			operator: string;
			at?: string;
		},
		options: When = {},
	): Promise<LedgerEntry> {
		return this.changes.supersede(key, request, options);
	}

	/** Recomputes hashes, signatures and links; by default with the store's own key only. */
	verify(
		options: { keyring?: ReadonlyArray<LedgerVerifier>; expectedHead?: ChainHead } = {},
	): Promise<VerifyResult> {
		return verifyChain((onRecordedHead) => this.store.readLines(onRecordedHead), {
			keyring: options.keyring ?? [this.store.verifier],
			expectedHead: options.expectedHead,
		});
	}

	status(query: StatusQuery): Promise<CredentialStatus[]> {
		return statusOf(this.store, query);
	}

	/**
	 * The key of the credential whose `issued` entry carries this platform id, for a platform
	 * event (badge accepted, credential claimed); unknown_key if none does.
	 */
	keyForPlatformId(query: PlatformCredentialId): Promise<string> {
		return keyForPlatformId(this.store, query);
	}

	/**
	 * What a verification page may show about a certificate id (the External ID of an issued
	 * entry of `platform`): public fields and status only.
	 */
	publicStatus(
		query: { certificateId: unknown; platform: string },
		options: When = {},
	): Promise<PublicCredentialView> {
		return publicStatusOf(this.store, query, new Date(instantOf(options.now, this.clock)));
	}

	/** Credentials waiting for a person (Needs Review or a review entry), oldest first. */
	listOpenReviews(options: OpenReviewsOptions = {}): Promise<OpenReview[]> {
		return listOpenReviews(this.store, options, this.clock);
	}

	/** Failed or abandoned issuances due for another attempt or for escalation; outages. */
	listDueRetries(options: DueRetriesOptions = {}): Promise<DueRetries> {
		return listDueRetries(
			this.store,
			{ pendingTimeoutMinutes: this.defaultPendingTimeoutMs / 60_000, ...options },
			this.clock,
		);
	}

	/**
	 * The playbook's monitoring figures per group over [periodStart, periodEnd), one pass over the
	 * chain; with measureAuditExport, the CSV audit export is produced once and timed too.
	 */
	async metrics(options: {
		periodStart: string;
		periodEnd: string;
		groupBy?: MetricsGroupBy;
		measureAuditExport?: boolean;
	}): Promise<LedgerMetrics[]> {
		let auditExportSeconds: number | undefined;
		if (options.measureAuditExport === true) {
			const started = Date.now();
			await this.exportCsv();
			auditExportSeconds = (Date.now() - started) / 1000;
		}
		return ledgerMetrics(this.store.entries(), { ...options, auditExportSeconds });
	}

	/** Decided, issued and failed entries per UTC day of the period, for a chart. */
	dailyVolume(options: { periodStart: string; periodEnd: string }): Promise<DayVolume[]> {
		return dailyVolume(this.store.entries(), options);
	}

	/** Staff decisions against the automated ones of the period (parallel running). */
	agreement(
		staff: ReadonlyArray<StaffDecisionInput>,
		options: { periodStart: string; periodEnd: string },
	): Promise<AgreementReport> {
		return agreementReport(this.store.entries(), staff, options);
	}

	/** Courses with completions decided in the period, per source system (configuration drift). */
	courseCompletions(options: {
		periodStart: string;
		periodEnd: string;
	}): Promise<CourseCompletions[]> {
		return courseCompletions(this.store.entries(), options);
	}

	evidenceBundle(key: string): Promise<EvidenceBundle> {
		return evidenceBundleOf(this.store, key);
	}

	/** One event's audit pack (zip) for a sponsor or regulator; see buildAuditPack. */
	auditPack(options: AuditPackOptions): Promise<{ zip: Buffer; summary: AuditPackSummary }> {
		return buildAuditPack(this.store, () => this.verify(), options);
	}

	/** What a re-run of a CPE event changes, attendee by attendee; writes nothing. */
	reconcileCpeEvent(input: {
		eventId: unknown;
		rollUps: ReadonlyArray<unknown>;
		fileIsComplete: boolean;
	}): Promise<PlannedChange[]> {
		return reconcileCpeEvent(this.store, input);
	}

	exportCsv(): Promise<string> {
		return exportCsv(this.store);
	}

	exportJsonl(): Promise<string> {
		return exportJsonl(this.store);
	}

	/** Erases evidence past its retention period (per record kind, or one olderThan cut-off). */
	erasePersonalData(options: ErasureOptions): Promise<ErasureReport> {
		return erasePersonalData(this.store, options, this.clock);
	}

	head(): Promise<ChainHead> {
		return this.store.head();
	}

	inspect(): Promise<ChainHealth> {
		return this.store.inspect();
	}

	repairTornTail(options: { actor: string; now?: Date | string }): Promise<RepairReport> {
		return this.store.repairTornTail({
			actor: checkActor(options.actor),
			at: instantOf(options.now, this.clock),
		});
	}
}
