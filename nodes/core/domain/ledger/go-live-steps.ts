import { draftOf, type LedgerEntry } from './entry';
import { invalidInput } from './errors';
import {
	ASSISTED_CHECK_HOURS,
	goLiveCheckFor,
	goLiveModeOf,
	isGoLiveCheck,
	type GoLiveCheck,
	type GoLiveMode,
	type GoLiveSettings,
} from './go-live';
import { checkActor, checkKey, instantOf } from './inputs';
import type { JsonObject } from './json';
import type { LedgerStore } from './store';
import { foldCredential, wasIssued } from './credential-state';
import { unknownKey } from './transitions';

export interface WouldIssueDetails {
	platform: string;
	credentialTemplate?: string;
}

export interface GoLiveResult {
	mode: GoLiveMode;
	/** Whether the run goes on to Reserve and the platform (false only in shadow). */
	issue: boolean;
	check: GoLiveCheck;
	/** The entry written: would_issue in shadow, the review of a check; none otherwise. */
	entry?: LedgerEntry;
	/** assisted: this issuance's place among the assisted-mode issuances. */
	ordinal?: number;
	/** The run met a would-be issuance already recorded for this key (an LMS retry). */
	alreadyRecorded?: boolean;
	/** Shadow met a credential issued before (in an earlier non-shadow week). */
	alreadyIssued?: boolean;
}

/**
 * Before issuing: in shadow mode records the credential that would be issued (a `would_issue`
 * entry, never counted as issued and never a reservation, so a later full run reserves and issues
 * the same key once) and answers issue: false. Other modes write nothing and answer issue: true.
 */
export async function beforeIssuing(
	store: LedgerStore,
	key: string,
	settings: GoLiveSettings,
	details: WouldIssueDetails,
	options: { actor?: string; now?: Date | string },
	clock: () => Date,
): Promise<GoLiveResult> {
	if (settings.mode !== 'shadow') return { mode: settings.mode, issue: true, check: 'none' };
	const checkedKey = checkKey(key);
	const platform = details.platform.trim();
	if (platform === '')
		throw invalidInput('would-be issuance', [
			{ path: 'platform', message: 'is empty; name the platform that would issue it' },
		]);
	const actor = checkActor(options.actor ?? 'ledger');
	const at = instantOf(options.now, clock);
	const payload: JsonObject = {
		platform,
		...(details.credentialTemplate ? { credentialTemplate: details.credentialTemplate } : {}),
		goLiveMode: 'shadow',
	};
	const { value, entries } = await store.transact<GoLiveResult | undefined>(async (view) => {
		const history = await view.entriesFor(checkedKey);
		const status = foldCredential(history);
		if (!status) throw unknownKey(checkedKey, 'key');
		const shadow: GoLiveResult = { mode: 'shadow', issue: false, check: 'none' };
		if (wasIssued(status)) return { drafts: [], value: { ...shadow, alreadyIssued: true } };
		const earlier = lastOf(history, (entry) => entry.type === 'would_issue');
		if (earlier) return { drafts: [], value: { ...shadow, entry: earlier, alreadyRecorded: true } };
		return { drafts: [draftOf('would_issue', checkedKey, at, actor, payload)], value: undefined };
	});
	return value ?? { mode: 'shadow', issue: false, check: 'none', entry: entries[0] };
}

/**
 * After issuing: in assisted mode the first N issuances recorded in that mode open a review
 * (check within 4 h); in monitored mode a sampled share goes to the spot-check list, also as a
 * review marked as such so metrics do not count it as an escalation. Closed, as any review, by
 * an Override entry.
 */
export async function afterIssuing(
	store: LedgerStore,
	key: string,
	settings: GoLiveSettings,
	options: { actor?: string; now?: Date | string; draw: number },
	clock: () => Date,
): Promise<GoLiveResult> {
	const checkedKey = checkKey(key);
	const actor = checkActor(options.actor ?? 'ledger');
	const at = instantOf(options.now, clock);
	// Read before the transaction (a listing holds no lock): two runs at once may both take the
	// last place, so a few more than N can be checked, never fewer.
	const ordinal =
		settings.mode === 'assisted' ? await assistedOrdinal(store.entries(), checkedKey) : 0;
	const { value, entries } = await store.transact<GoLiveResult>(async (view) => {
		const history = await view.entriesFor(checkedKey);
		const status = foldCredential(history);
		if (!status || !wasIssued(status))
			throw invalidInput('go-live check', [
				{
					path: 'key',
					message: `"${checkedKey}" has no issued credential; check after Record Issued`,
				},
			]);
		const base = { mode: settings.mode, issue: true };
		const earlier = lastOf(
			history,
			(entry) => entry.type === 'review' && isGoLiveCheck(entry.payload),
		);
		if (earlier) {
			const attributes = earlier.payload.attributes as JsonObject;
			const check = attributes.goLiveCheck as GoLiveCheck;
			return { drafts: [], value: { ...base, check, entry: earlier, alreadyRecorded: true } };
		}
		const check = goLiveCheckFor(settings, ordinal, options.draw);
		const result: GoLiveResult = { ...base, check, ...(ordinal > 0 ? { ordinal } : {}) };
		if (check === 'none') return { drafts: [], value: result };
		const reason =
			check === 'assisted_review'
				? `assisted go-live: issuance ${ordinal} of the first ${settings.assistedFirstN}; check it within ${ASSISTED_CHECK_HOURS} h`
				: `monitored go-live: spot check (${settings.monitoredSampleRate} % sample)`;
		const attributes: JsonObject = {
			goLiveCheck: check,
			...(check === 'assisted_review' ? { ordinal, checkWithinHours: ASSISTED_CHECK_HOURS } : {}),
		};
		const payload = { reason, attributes, goLiveMode: settings.mode };
		return { drafts: [draftOf('review', checkedKey, at, actor, payload)], value: result };
	});
	return entries.length > 0 ? { ...value, entry: entries[0] } : value;
}

/** The place of `key`'s issuance among the credentials issued in assisted mode, in chain order. */
async function assistedOrdinal(entries: AsyncIterable<LedgerEntry>, key: string): Promise<number> {
	const seen = new Set<string>();
	for await (const entry of entries) {
		if (entry.type !== 'issued' || goLiveModeOf(entry) !== 'assisted') continue;
		seen.add(entry.key);
		if (entry.key === key) return seen.size;
	}
	// Issued in another mode (before the switch): it still counts as the next one.
	return seen.size + 1;
}

function lastOf(
	entries: ReadonlyArray<LedgerEntry>,
	matches: (entry: LedgerEntry) => boolean,
): LedgerEntry | undefined {
	for (let i = entries.length - 1; i >= 0; i--) if (matches(entries[i])) return entries[i];
	return undefined;
}
