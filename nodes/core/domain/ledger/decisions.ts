import { OutcomeSchema } from '../model/decision';
import { isCpeDecision } from './cpe-decision';
import { draftOf, type LedgerEntry } from './entry';
import { invalidInput } from './errors';
import { sealEvidence, storeEvidence } from './evidence';
import { checkRecordedGoLive, withGoLive, withoutGoLive } from './go-live';
import { checkActor, checkKey, checkLedgerDecision, instantOf } from './inputs';
import type { JsonObject } from './json';
import type { LedgerStore } from './store';

export interface RecordDecisionOptions {
	now?: Date | string;
	actor?: string;
	/** Private evidence (the raw completion, names, emails): stored apart, committed by hash. */
	evidence?: unknown;
	/** The go-live mode of the run (shadow, assisted, monitored, full), recorded on the entry. */
	goLiveMode?: unknown;
	/** Recorded beside the mode: the operations queue applies the issuing workflow's N and rate. */
	assistedFirstN?: unknown;
	monitoredSampleRate?: unknown;
}

export interface RecordDecisionResult {
	/** recorded: a `decided` entry was appended; existing: the same decision was already the last. */
	status: 'recorded' | 'existing';
	entry: LedgerEntry;
}

/**
 * Appends a `decided` entry for any Verify Completion or CPE Credit outcome, so refused and held
 * completions leave a signed trace too. It reserves and issues nothing. Recording the decision that is already
 * the last one for the key (same outcome under the same rule hash) appends nothing and answers the
 * existing entry, so LMS retries do not fill the chain; a different one (a rule change, a review)
 * is appended.
 */
export async function recordDecision(
	store: LedgerStore,
	key: string,
	decision: unknown,
	options: RecordDecisionOptions,
	clock: () => Date,
): Promise<RecordDecisionResult> {
	const checkedKey = checkKey(key);
	const checked = checkLedgerDecision(decision);
	// A CPE decision's credit outcome was checked with its own schema.
	if (!isCpeDecision(decision) && !OutcomeSchema.safeParse(checked.outcome).success) {
		throw invalidInput('decision', [
			{
				path: 'decision.outcome',
				message: `received ${JSON.stringify(checked.outcome)}; expected one of ${OutcomeSchema.options.join(', ')}`,
			},
		]);
	}
	const actor = checkActor(options.actor ?? 'ledger');
	const at = instantOf(options.now, clock);
	const payload = withGoLive(withoutGoLive(checked), checkRecordedGoLive(options));
	const evidence = options.evidence === undefined ? undefined : sealEvidence(options.evidence);

	const { value, entries } = await store.transact<LedgerEntry | undefined>(async (view) => {
		const last = lastDecision(await view.entriesFor(checkedKey));
		if (last && sameDecision(last.payload, checked)) return { drafts: [], value: last };
		await storeEvidence(view, evidence);
		return {
			drafts: [draftOf('decided', checkedKey, at, actor, payload, evidence?.hash)],
			value: undefined,
		};
	});
	return value ? { status: 'existing', entry: value } : { status: 'recorded', entry: entries[0] };
}

function lastDecision(entries: ReadonlyArray<LedgerEntry>): LedgerEntry | undefined {
	for (let i = entries.length - 1; i >= 0; i--)
		if (entries[i].type === 'decided') return entries[i];
	return undefined;
}

// The rule hash pins the rules and the outcome the verdict: a retry of the same completion under
// the same rules is the same decision even if decidedAt differs.
function sameDecision(recorded: JsonObject, decision: JsonObject): boolean {
	return recorded.ruleHash === decision.ruleHash && recorded.outcome === decision.outcome;
}
