import { canonicalJson } from '../canonical';
import {
	foldCredential,
	wasIssued,
	type CredentialStatus,
	type IssuedCredential,
} from './credential-state';
import { draftOf, type EntryDraft, type LedgerEntry } from './entry';
import { invalidInput } from './errors';
import { sealEvidence, storeEvidence } from './evidence';
import { checkRecordedGoLive, withGoLive, withoutGoLive } from './go-live';
import { checkActor, checkKey, checkLedgerDecision, instantOf } from './inputs';
import type { JsonObject } from './json';
import type { LedgerStore } from './store';

export type ReserveResult =
	| { status: 'new'; key: string; attempt: number; reservedAt: string; reclaimed: boolean }
	| {
			status: 'already_issued';
			key: string;
			credential: IssuedCredential;
			state: CredentialStatus['state'];
	  }
	| {
			status: 'pending';
			key: string;
			/**
			 * stale: the reservation is older than the pending timeout it was made with (the
			 * caller's pendingTimeoutMs only when it recorded none), most likely left by a crashed
			 * run; ask the platform (findExisting), then record `issued` or reserve again with
			 * `reclaimStaleAttempt`. in_flight: younger, another execution is issuing it now.
			 */
			reason: 'stale' | 'in_flight';
			attempt: number;
			reservedAt: string;
			ageMs: number;
	  };

export interface ReserveOptions {
	/**
	 * Age after which this reservation counts as abandoned (default 15 minutes). It is recorded
	 * with the reservation, and a reservation already in flight is judged by its own.
	 */
	pendingTimeoutMs?: number;
	now?: Date | string;
	actor?: string;
	/** Private evidence (raw event, recipient name/email): stored apart, committed by hash. */
	evidence?: unknown;
	/** Take over this stale attempt: it is marked failed and a new attempt reserved, atomically. */
	reclaimStaleAttempt?: number;
	/** The go-live mode of the run, recorded on the entries written. */
	goLiveMode?: unknown;
	/** Recorded beside the mode (see RecordDecisionOptions). */
	assistedFirstN?: unknown;
	monitoredSampleRate?: unknown;
}

/**
 * Claims `key` for one issuance, atomically under the chain head: a first reservation writes the
 * decision and a `reserved` entry and answers `new`; every other answer writes nothing.
 */
export async function reserveCredential(
	store: LedgerStore,
	key: string,
	decision: unknown,
	options: ReserveOptions,
	defaults: { clock: () => Date; pendingTimeoutMs: number },
): Promise<ReserveResult> {
	const checkedKey = checkKey(key);
	// A decision read back from the ledger (a retry schedule's) carries the mode it was recorded
	// in; the mode of this run is the option's.
	const checked = withoutGoLive(checkLedgerDecision(decision));
	const timeout = options.pendingTimeoutMs ?? defaults.pendingTimeoutMs;
	if (!Number.isSafeInteger(timeout) || timeout < 0) {
		throw invalidInput('reserve options', [
			{ path: 'pendingTimeoutMs', message: 'expected a whole number of milliseconds, 0 or more' },
		]);
	}
	const reclaim = options.reclaimStaleAttempt;
	if (reclaim !== undefined && (!Number.isSafeInteger(reclaim) || reclaim < 1)) {
		throw invalidInput('reserve options', [
			{
				path: 'reclaimStaleAttempt',
				message: 'expected the attempt number of a stale reservation',
			},
		]);
	}
	const actor = checkActor(options.actor ?? 'ledger');
	const at = instantOf(options.now, defaults.clock);
	const goLive = checkRecordedGoLive(options);
	const marked = (payload: JsonObject) => withGoLive(payload, goLive);
	const evidence = options.evidence === undefined ? undefined : sealEvidence(options.evidence);

	const { value } = await store.transact<ReserveResult>(async (view) => {
		const entries = await view.entriesFor(checkedKey);
		const status = foldCredential(entries);
		if (status && wasIssued(status)) {
			return {
				drafts: [],
				value: {
					status: 'already_issued',
					key: checkedKey,
					credential: status.credential,
					state: status.state,
				},
			};
		}
		const drafts: EntryDraft[] = [];
		let reclaimed = false;
		if (status?.state === 'reserved' && status.reservedAt !== undefined) {
			const ageMs = Date.parse(at) - Date.parse(status.reservedAt);
			const stale = ageMs >= (recordedTimeout(entries) ?? timeout);
			if (!stale || reclaim !== status.attempts) {
				const reason = stale ? 'stale' : 'in_flight';
				return {
					drafts: [],
					value: {
						status: 'pending',
						key: checkedKey,
						reason,
						attempt: status.attempts,
						reservedAt: status.reservedAt,
						ageMs,
					},
				};
			}
			reclaimed = true;
			drafts.push(
				draftOf(
					'failed',
					checkedKey,
					at,
					actor,
					marked({
						error: `reservation abandoned for ${ageMs} ms; reclaimed`,
						retryable: true,
						attempt: status.attempts,
						reclaimed: true,
					}),
				),
			);
		}
		const attempt = (status?.attempts ?? 0) + 1;
		// The mode a decision was recorded in is not part of the decision.
		const decisionChanged =
			status?.decision === undefined ||
			canonicalJson(withoutGoLive(status.decision)) !== canonicalJson(checked);
		await storeEvidence(view, evidence);
		if (decisionChanged)
			drafts.push(draftOf('decided', checkedKey, at, actor, marked(checked), evidence?.hash));
		drafts.push(
			draftOf(
				'reserved',
				checkedKey,
				at,
				actor,
				marked({ attempt, pendingTimeoutMs: timeout }),
				decisionChanged ? undefined : evidence?.hash,
			),
		);
		return {
			drafts,
			value: { status: 'new', key: checkedKey, attempt, reservedAt: at, reclaimed },
		};
	});
	return value;
}

/**
 * The timeout the latest reservation was made with: whoever asks later (a retry schedule with
 * another setting) judges it by the same measure as the run that made it.
 */
function recordedTimeout(entries: readonly LedgerEntry[]): number | undefined {
	for (let i = entries.length - 1; i >= 0; i--) {
		if (entries[i].type !== 'reserved') continue;
		const timeout = entries[i].payload.pendingTimeoutMs;
		return typeof timeout === 'number' ? timeout : undefined;
	}
	return undefined;
}
