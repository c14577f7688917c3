import type { LedgerEntry } from './entry';
import { invalidInput } from './errors';
import { isPlainObject, type JsonObject, type JsonValue } from './json';

/**
 * The playbook's four parallel-running weeks: shadow (decide, issue nothing), assisted (issue;
 * the first N issuances are checked by a person), monitored (issue; a sample is spot-checked),
 * full (exceptions only).
 */
export const GO_LIVE_MODES = ['shadow', 'assisted', 'monitored', 'full'] as const;
export type GoLiveMode = (typeof GO_LIVE_MODES)[number];

/** Hours within which an assisted-week issuance should be checked (the playbook's 4 h). */
export const ASSISTED_CHECK_HOURS = 4;

export interface GoLiveSettings {
	mode: GoLiveMode;
	/** Assisted: how many issuances (counted over the ledger) go to the review queue. */
	assistedFirstN: number;
	/** Monitored: the share of issuances, in percent, that goes to the spot-check list. */
	monitoredSampleRate: number;
}

export const GO_LIVE_DEFAULTS = { assistedFirstN: 50, monitoredSampleRate: 10 } as const;

/** Where a go-live check sends an issuance: the review queue, the spot-check list, or nowhere. */
export type GoLiveCheck = 'assisted_review' | 'spot_check' | 'none';

const MODE_FIX = `expected one of ${GO_LIVE_MODES.join(', ')} (Settings → goLiveMode)`;

/** The mode as text, or undefined when none is given; anything else is refused, naming the field. */
export function checkGoLiveMode(value: unknown, path = 'goLiveMode'): GoLiveMode | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	// Exact words only: a template's conditions compare the same text (no "Shadow " there).
	if ((GO_LIVE_MODES as ReadonlyArray<unknown>).includes(value)) return value as GoLiveMode;
	throw invalidInput('go-live mode', [
		{ path, message: `received ${JSON.stringify(value)}; ${MODE_FIX}` },
	]);
}

/** Checks the three settings together and names every bad one. */
export function checkGoLiveSettings(input: {
	mode: unknown;
	assistedFirstN?: unknown;
	monitoredSampleRate?: unknown;
}): GoLiveSettings {
	const issues: Array<{ path: string; message: string }> = [];
	let mode: GoLiveMode | undefined;
	try {
		mode = checkGoLiveMode(input.mode);
		if (mode === undefined) issues.push({ path: 'goLiveMode', message: `is empty; ${MODE_FIX}` });
	} catch {
		issues.push({
			path: 'goLiveMode',
			message: `received ${JSON.stringify(input.mode)}; ${MODE_FIX}`,
		});
	}
	const sampling = checkSampling(input, issues);
	if (issues.length > 0 || mode === undefined) throw invalidInput('go-live settings', issues);
	return { mode, ...GO_LIVE_DEFAULTS, ...sampling };
}

type Sampling = Partial<Omit<GoLiveSettings, 'mode'>>;

/** The assisted N and the sample rate given (absent ones left out), each bad one named in issues. */
function checkSampling(
	input: { assistedFirstN?: unknown; monitoredSampleRate?: unknown },
	issues: Array<{ path: string; message: string }>,
): Sampling {
	const sampling: Sampling = {};
	const firstN = numberOrUndefined(input.assistedFirstN);
	if (firstN !== undefined && (!Number.isSafeInteger(firstN) || firstN < 0))
		issues.push({
			path: 'assistedFirstN',
			message: `received ${JSON.stringify(input.assistedFirstN)}; expected a whole number of issuances, 0 or more (default 50)`,
		});
	else if (firstN !== undefined) sampling.assistedFirstN = firstN;
	const rate = numberOrUndefined(input.monitoredSampleRate);
	if (rate !== undefined && (!Number.isFinite(rate) || rate < 0 || rate > 100))
		issues.push({
			path: 'monitoredSampleRate',
			message: `received ${JSON.stringify(input.monitoredSampleRate)}; expected a percentage from 0 to 100 (default 10)`,
		});
	else if (rate !== undefined) sampling.monitoredSampleRate = rate;
	return sampling;
}

function numberOrUndefined(value: unknown): number | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	return typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : NaN;
}

/**
 * Which check an issuance gets. `ordinal` is its place among the issuances recorded in assisted
 * mode (1 for the first); `draw` a number in [0, 1) that decides the monitored sample.
 */
export function goLiveCheckFor(
	settings: GoLiveSettings,
	ordinal: number,
	draw: number,
): GoLiveCheck {
	if (settings.mode === 'assisted')
		return ordinal <= settings.assistedFirstN ? 'assisted_review' : 'none';
	if (settings.mode === 'monitored')
		return draw * 100 < settings.monitoredSampleRate ? 'spot_check' : 'none';
	return 'none';
}

/** The mode an entry was written in, if its run named one. */
export function goLiveModeOf(entry: LedgerEntry): GoLiveMode | undefined {
	const mode = entry.payload.goLiveMode;
	return (GO_LIVE_MODES as ReadonlyArray<JsonValue>).includes(mode)
		? (mode as GoLiveMode)
		: undefined;
}

/** What a decision records of the run's go-live setting: the mode, and the N and rate given with it. */
export type RecordedGoLive = { mode: GoLiveMode } & Sampling;

/**
 * The run's go-live setting as Record Decision and Reserve write it; none given: undefined. The
 * assisted N and the sample rate are recorded only beside a mode, so a lone one is refused.
 */
export function checkRecordedGoLive(input: {
	goLiveMode?: unknown;
	assistedFirstN?: unknown;
	monitoredSampleRate?: unknown;
}): RecordedGoLive | undefined {
	const mode = checkGoLiveMode(input.goLiveMode);
	const issues: Array<{ path: string; message: string }> = [];
	const sampling = checkSampling(input, issues);
	if (mode === undefined)
		for (const path of Object.keys(sampling))
			issues.push({ path, message: 'is recorded with the go-live mode; set goLiveMode too' });
	if (issues.length > 0) throw invalidInput('go-live settings', issues);
	return mode === undefined ? undefined : { mode, ...sampling };
}

/** The payload with the run's go-live setting on it (none given: unchanged). */
export function withGoLive(payload: JsonObject, recorded: RecordedGoLive | undefined): JsonObject {
	if (recorded === undefined) return payload;
	const { mode, ...sampling } = recorded;
	return { ...payload, goLiveMode: mode, ...sampling };
}

/** The payload with the run's mode on it (none given: unchanged). */
export function withGoLiveMode(payload: JsonObject, mode: unknown): JsonObject {
	return withGoLive(payload, checkRecordedGoLive({ goLiveMode: mode }));
}

const GO_LIVE_FIELDS = ['goLiveMode', 'assistedFirstN', 'monitoredSampleRate'] as const;

/** The payload without the go-live fields: two decisions that differ only there are the same one. */
export function withoutGoLive(payload: JsonObject): JsonObject {
	if (!GO_LIVE_FIELDS.some((field) => field in payload)) return payload;
	const rest = { ...payload };
	for (const field of GO_LIVE_FIELDS) delete rest[field];
	return rest;
}

/**
 * The go-live settings a decision was recorded with, if it names a mode; the playbook's
 * defaults for an N or rate it does not name (a decision recorded before they were).
 */
export function goLiveSettingsOf(entry: LedgerEntry): GoLiveSettings | undefined {
	const mode = goLiveModeOf(entry);
	if (mode === undefined) return undefined;
	const p = entry.payload;
	const recorded = (value: JsonValue | undefined, fallback: number) =>
		typeof value === 'number' ? value : fallback;
	return {
		mode,
		assistedFirstN: recorded(p.assistedFirstN, GO_LIVE_DEFAULTS.assistedFirstN),
		monitoredSampleRate: recorded(p.monitoredSampleRate, GO_LIVE_DEFAULTS.monitoredSampleRate),
	};
}

/** A review opened by a go-live check (assisted or spot check), not by a problem. */
export function isGoLiveCheck(payload: JsonObject): boolean {
	return isPlainObject(payload.attributes) && typeof payload.attributes.goLiveCheck === 'string';
}
