// The operations queue (template 17) follows the go-live mode the ledger records: List Due
// Retries names the mode of the newest decision that carries one, with the assisted N and sample
// rate recorded beside it, and a retry run with those issues nothing in shadow, opens the assisted
// review counted with the issuing workflow's issuances, and writes the mode on its own entries.
import {
	checkGoLiveSettings,
	type CredentialLedger,
	type GoLiveMode,
	type LedgerEntry,
} from '../../../nodes/core/domain/ledger';
import { ISSUED, decision, openTestLedger, removeTempFolders } from './support/fixtures';

afterEach(removeTempFolders);

const T0 = Date.parse('2026-03-02T08:00:00.000Z');
const at = (minutes: number) => new Date(T0 + minutes * 60_000).toISOString();
const FAILURE = { error: 'timed out after 30 s', retryable: true, attributes: { platform: 'p' } };

async function entriesOf(ledger: CredentialLedger): Promise<LedgerEntry[]> {
	const entries: LedgerEntry[] = [];
	for await (const entry of ledger.store.entries()) entries.push(entry);
	return entries;
}

/** Template 14's Settings N and rate, as its Reserve and Record Decision record them. */
type Sampling = { assistedFirstN?: number; monitoredSampleRate?: number };

/** The issuing workflow (template 14) in `mode`: its attempt at `learner` fails at minute 1. */
async function failedIssuance(
	ledger: CredentialLedger,
	learner: string,
	mode?: GoLiveMode,
	retryable = true,
	sampling: Sampling = {},
) {
	const options = { now: at(0), ...(mode ? { goLiveMode: mode } : {}) };
	await ledger.reserve(`k-${learner}`, decision(learner), { ...options, ...sampling });
	await ledger.record(`k-${learner}`, 'failed', { ...FAILURE, retryable, attempt: 1 }, 'wf', {
		...options,
		now: at(1),
	});
}

/** The issuing workflow issues `learner` in `mode` (an entry that names the mode). */
async function issuedBy14(ledger: CredentialLedger, learner: string, mode: GoLiveMode) {
	const options = { now: at(2), goLiveMode: mode };
	await ledger.reserve(`k-${learner}`, decision(learner), options);
	await ledger.record(`k-${learner}`, 'issued', { ...ISSUED, externalId: learner }, 'wf', options);
}

/** One retry as template 17 runs it, with the go-live settings List Due Retries gave. */
async function retryAsTemplate17(ledger: CredentialLedger) {
	const [retry] = (await ledger.listDueRetries({ now: at(10) })).due;
	const settings = checkGoLiveSettings({
		mode: retry.goLiveMode,
		assistedFirstN: retry.assistedFirstN,
		monitoredSampleRate: retry.monitoredSampleRate,
	});
	const before = await ledger.goLiveBeforeIssuing(
		retry.key,
		settings,
		{ platform: 'p' },
		{ now: at(10) },
	);
	if (!before.issue) return { retry, before };
	const mode = { now: at(10), goLiveMode: retry.goLiveMode };
	await ledger.reserve(retry.key, retry.decision, mode);
	await ledger.record(retry.key, 'issued', { ...ISSUED, externalId: retry.key }, 'queue', mode);
	const after = await ledger.goLiveAfterIssuing(retry.key, settings, { now: at(10), draw: 0.5 });
	return { retry, before, after };
}

describe('List Due Retries names the go-live mode the ledger records', () => {
	it('is the mode of the newest decision that names one, on the retry and escalate outputs', async () => {
		const { ledger } = await openTestLedger();
		// Refused for good: escalated.
		await failedIssuance(ledger, 'L-1', 'full', false);
		await failedIssuance(ledger, 'L-2', 'full');
		expect((await ledger.listDueRetries({ now: at(10) })).due[0].goLiveMode).toBe('full');
		// The team switches the issuing workflow back to shadow; its next decision says so.
		await ledger.recordDecision('k-L-3', decision('L-3'), { now: at(3), goLiveMode: 'shadow' });
		// A decision without a mode (another workflow's) does not reset it, nor do the queue's
		// own entries, which carry the mode it read then: only decisions set the mode.
		await ledger.recordDecision('k-L-4', decision('L-4'), { now: at(4) });
		await ledger.record('k-L-4', 'review', { reason: 'checked' }, 'queue', {
			now: at(5),
			goLiveMode: 'full',
		});
		const listed = await ledger.listDueRetries({ now: at(10) });
		expect(listed.due.map((r) => [r.key, r.goLiveMode])).toEqual([['k-L-2', 'shadow']]);
		expect(listed.escalate.map((r) => [r.key, r.goLiveMode])).toEqual([['k-L-1', 'shadow']]);
	});

	it('is full when no entry names a mode (a ledger from before go-live modes)', async () => {
		const { ledger } = await openTestLedger();
		await failedIssuance(ledger, 'L-1');
		expect((await ledger.listDueRetries({ now: at(10) })).due[0].goLiveMode).toBe('full');
	});
});

describe('List Due Retries carries the assisted N and sample rate the issuing workflow recorded', () => {
	it('takes both from the newest decision that names a mode, on every output', async () => {
		const { ledger } = await openTestLedger();
		await failedIssuance(ledger, 'L-1', 'full', false, { assistedFirstN: 5 });
		await failedIssuance(ledger, 'L-2', 'assisted', true, {
			assistedFirstN: 7,
			monitoredSampleRate: 25,
		});
		// A decision without a mode (another workflow's) changes none of them.
		await ledger.recordDecision('k-L-3', decision('L-3'), { now: at(3) });
		const listed = await ledger.listDueRetries({ now: at(10) });
		const settings = [...listed.due, ...listed.escalate].map((r) => [
			r.key,
			r.goLiveMode,
			r.assistedFirstN,
			r.monitoredSampleRate,
		]);
		expect(settings).toEqual([
			['k-L-2', 'assisted', 7, 25],
			['k-L-1', 'assisted', 7, 25],
		]);
		const decided = (await entriesOf(ledger)).find((e) => e.key === 'k-L-2');
		expect(decided?.payload).toMatchObject({
			goLiveMode: 'assisted',
			assistedFirstN: 7,
			monitoredSampleRate: 25,
		});
	});

	it('defaults to 50 and 10 % when the decision names a mode only, or no decision names one', async () => {
		for (const mode of ['monitored', undefined] as const) {
			const { ledger } = await openTestLedger();
			await failedIssuance(ledger, 'L-1', mode);
			const [retry] = (await ledger.listDueRetries({ now: at(10) })).due;
			expect([retry.goLiveMode, retry.assistedFirstN, retry.monitoredSampleRate]).toEqual([
				mode ?? 'full',
				50,
				10,
			]);
		}
	});

	it('refuses an N or rate without a mode, or out of range, naming the field', async () => {
		const { ledger } = await openTestLedger();
		const record = (options: object) =>
			ledger.recordDecision('k-L-1', decision('L-1'), { now: at(0), ...options });
		await expect(record({ assistedFirstN: 3 })).rejects.toThrow(
			/assistedFirstN: is recorded with the go-live mode; set goLiveMode too/,
		);
		await expect(record({ goLiveMode: 'assisted', assistedFirstN: -1 })).rejects.toThrow(
			/assistedFirstN: received -1; expected a whole number/,
		);
		await expect(
			ledger.reserve('k-L-1', decision('L-1'), {
				goLiveMode: 'monitored',
				monitoredSampleRate: 101,
			}),
		).rejects.toThrow(/monitoredSampleRate: received 101; expected a percentage from 0 to 100/);
		expect(await entriesOf(ledger)).toEqual([]);
	});

	it('a retry reserves with the listed decision: its recorded N and rate do not make it another one', async () => {
		const { ledger } = await openTestLedger();
		await failedIssuance(ledger, 'L-1', 'assisted', true, { assistedFirstN: 3 });
		const [retry] = (await ledger.listDueRetries({ now: at(10) })).due;
		expect(retry.decision).toMatchObject({ assistedFirstN: 3 });
		const reserved = await ledger.reserve(retry.key, retry.decision, {
			now: at(10),
			goLiveMode: retry.goLiveMode,
			assistedFirstN: retry.assistedFirstN,
		});
		expect(reserved.status).toBe('new');
		const types = (await entriesOf(ledger)).map((e) => e.type);
		expect(types).toEqual(['decided', 'reserved', 'failed', 'reserved']);
	});
});

describe('a retry run in the mode the ledger names', () => {
	it('shadow: issues nothing and records the would-be credential, once', async () => {
		const { ledger } = await openTestLedger();
		await failedIssuance(ledger, 'L-1', 'full');
		await ledger.recordDecision('k-L-2', decision('L-2'), { now: at(3), goLiveMode: 'shadow' });
		const { retry, before } = await retryAsTemplate17(ledger);
		expect(retry.goLiveMode).toBe('shadow');
		expect(before).toMatchObject({ mode: 'shadow', issue: false });
		// The next run of the queue finds it recorded and adds nothing.
		const again = await retryAsTemplate17(ledger);
		expect(again.before).toMatchObject({ issue: false, alreadyRecorded: true });
		const entries = (await entriesOf(ledger)).filter((e) => e.key === 'k-L-1');
		expect(entries.map((e) => e.type)).toEqual(['decided', 'reserved', 'failed', 'would_issue']);
		expect((await ledger.metrics({ periodStart: at(0), periodEnd: at(60) }))[0].metrics)
			.toMatchObject({ issued: { value: 0 }, wouldIssue: { value: 1 } });
	});

	it('assisted: the review opens with the ordinal counted over the issuing workflow too', async () => {
		const { ledger } = await openTestLedger();
		await failedIssuance(ledger, 'L-1', 'assisted');
		await issuedBy14(ledger, 'L-2', 'assisted');
		const { after } = await retryAsTemplate17(ledger);
		// L-2 was the first assisted issuance, this retry the second of the first 50.
		expect(after).toMatchObject({ mode: 'assisted', check: 'assisted_review', ordinal: 2 });
		const open = await ledger.listOpenReviews({ now: at(11) });
		expect(open.map((r) => r.key)).toEqual(['k-L-1']);
		const written = (await entriesOf(ledger)).filter((e) => e.at === at(10));
		expect(written.map((e) => [e.type, e.payload.goLiveMode])).toEqual([
			['reserved', 'assisted'],
			['issued', 'assisted'],
			['review', 'assisted'],
		]);
	});

	it('assisted past the first N the issuing workflow recorded, and full: issued with no review', async () => {
		for (const mode of ['assisted', 'full'] as const) {
			const { ledger } = await openTestLedger();
			await issuedBy14(ledger, 'L-2', mode);
			await failedIssuance(ledger, 'L-1', mode, true, { assistedFirstN: 1 });
			const { after } = await retryAsTemplate17(ledger);
			expect([mode, after?.check]).toEqual([mode, 'none']);
			expect(await ledger.listOpenReviews({ now: at(11) })).toEqual([]);
		}
	});
});
