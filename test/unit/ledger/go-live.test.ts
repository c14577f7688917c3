// Go-live modes: shadow records what would be issued and issues nothing, a later full run issues
// the same completion once, assisted sends the first N issuances to review, monitored samples a
// share for spot checks, and every entry of a run carries its mode.
import {
	checkGoLiveSettings,
	goLiveCheckFor,
	isLedgerError,
	type CredentialLedger,
	type GoLiveSettings,
	type LedgerEntry,
} from '../../../nodes/core/domain/ledger';
import { decision, ISSUED, openTestLedger, removeTempFolders } from './support/fixtures';

afterEach(removeTempFolders);

const PERIOD = { periodStart: '2026-01-01T00:00:00.000Z', periodEnd: '2026-02-01T00:00:00.000Z' };
const NOW = '2026-01-05T10:00:00.000Z';
const settings = (mode: GoLiveSettings['mode'], extra: Partial<GoLiveSettings> = {}) =>
	checkGoLiveSettings({ mode, ...extra });
const WOULD_ISSUE = { platform: 'accredible', credentialTemplate: 'course-credential' };

async function entriesOf(ledger: CredentialLedger): Promise<LedgerEntry[]> {
	const entries: LedgerEntry[] = [];
	for await (const entry of ledger.store.entries()) entries.push(entry);
	return entries;
}

/** The production template's verified path in one mode: decision, go-live step, reserve, issue. */
async function runCompletion(
	ledger: CredentialLedger,
	learnerId: string,
	mode: GoLiveSettings['mode'],
	extra: Partial<GoLiveSettings> = {},
	draw = 0.5,
) {
	const key = `k-${learnerId}`;
	const opts = { now: NOW, goLiveMode: mode };
	await ledger.recordDecision(key, decision(learnerId), opts);
	const before = await ledger.goLiveBeforeIssuing(key, settings(mode, extra), WOULD_ISSUE, {
		now: NOW,
	});
	if (!before.issue) return { before };
	const reserved = await ledger.reserve(key, decision(learnerId), opts);
	if (reserved.status !== 'new') return { before, reserved };
	await ledger.record(key, 'issued', { ...ISSUED, externalId: `cred-${learnerId}` }, 'wf', opts);
	const after = await ledger.goLiveAfterIssuing(key, settings(mode, extra), { now: NOW, draw });
	return { before, reserved, after };
}

describe('go-live settings', () => {
	it('default to 50 assisted issuances and a 10 % monitored sample', () => {
		expect(checkGoLiveSettings({ mode: 'assisted' })).toEqual({
			mode: 'assisted',
			assistedFirstN: 50,
			monitoredSampleRate: 10,
		});
	});

	it('refuse a mistyped mode and bad numbers, naming each field and the fix', () => {
		try {
			checkGoLiveSettings({ mode: 'shadw', assistedFirstN: -1, monitoredSampleRate: 150 });
			throw new Error('expected a refusal');
		} catch (error) {
			expect(isLedgerError(error) && error.code).toBe('invalid_input');
			const issues = isLedgerError(error) ? error.issues : [];
			expect(issues.map((issue) => issue.path)).toEqual([
				'goLiveMode',
				'assistedFirstN',
				'monitoredSampleRate',
			]);
			expect(issues[0].message).toContain('shadow, assisted, monitored, full');
			expect(issues[2].message).toContain('0 to 100');
		}
		expect(() => checkGoLiveSettings({ mode: '' })).toThrow(/goLiveMode: is empty/);
		// Exact words: the template's mail conditions compare the same text.
		expect(() => checkGoLiveSettings({ mode: 'Shadow' })).toThrow(/goLiveMode: received "Shadow"/);
	});

	it('send the first N to review in assisted mode and draws under the rate to spot checks', () => {
		const assisted = settings('assisted', { assistedFirstN: 2 });
		expect([1, 2, 3].map((n) => goLiveCheckFor(assisted, n, 0))).toEqual([
			'assisted_review',
			'assisted_review',
			'none',
		]);
		const monitored = settings('monitored', { monitoredSampleRate: 10 });
		expect([0, 0.099, 0.1, 0.99].map((d) => goLiveCheckFor(monitored, 0, d))).toEqual([
			'spot_check',
			'spot_check',
			'none',
			'none',
		]);
		expect(goLiveCheckFor(settings('full'), 1, 0)).toBe('none');
		expect(goLiveCheckFor(settings('shadow'), 1, 0)).toBe('none');
	});
});

describe('shadow mode', () => {
	it('records the decision and the would-be credential, reserves and issues nothing', async () => {
		const { ledger } = await openTestLedger();
		const { before } = await runCompletion(ledger, 'L-1', 'shadow');
		expect(before).toMatchObject({ mode: 'shadow', issue: false, check: 'none' });
		const entries = await entriesOf(ledger);
		expect(entries.map((e) => [e.type, e.payload.goLiveMode])).toEqual([
			['decided', 'shadow'],
			['would_issue', 'shadow'],
		]);
		expect(entries[1].payload).toMatchObject(WOULD_ISSUE);
		// An LMS retry of the same completion adds nothing.
		const again = await runCompletion(ledger, 'L-1', 'shadow');
		expect(again.before).toMatchObject({ issue: false, alreadyRecorded: true });
		expect(await entriesOf(ledger)).toHaveLength(2);
		expect(await ledger.verify()).toMatchObject({ ok: true, entries: 2 });
	});

	it('is never counted as issued by Get Metrics, but as would be issued', async () => {
		const { ledger } = await openTestLedger();
		for (const learner of ['L-1', 'L-2', 'L-3']) await runCompletion(ledger, learner, 'shadow');
		// An LMS retry in the same week records nothing more, so it is not counted twice.
		await runCompletion(ledger, 'L-1', 'shadow');
		const [report] = await ledger.metrics(PERIOD);
		expect(report.metrics.decided.value).toBe(3);
		expect(report.metrics.issued.value).toBe(0);
		expect(report.metrics.wouldIssue).toMatchObject({ value: 3, unit: 'count', status: 'info' });
		expect(report.metrics.escalated.value).toBe(0);
		expect(report.metrics.completionToIssuedAverage.value).toBeNull();
	});

	it('then full issues the same learners exactly once, the shadow entries neither blocking nor doubling', async () => {
		const { ledger } = await openTestLedger();
		const learners = ['L-1', 'L-2'];
		for (const learner of learners) await runCompletion(ledger, learner, 'shadow');
		for (const learner of learners) {
			const { reserved } = await runCompletion(ledger, learner, 'full');
			expect(reserved?.status).toBe('new');
		}
		// The LMS sends them again: Already Issued.
		for (const learner of learners) {
			const { reserved } = await runCompletion(ledger, learner, 'full');
			expect(reserved?.status).toBe('already_issued');
		}
		const entries = await entriesOf(ledger);
		const issued = entries.filter((e) => e.type === 'issued');
		expect(issued.map((e) => [e.key, e.payload.goLiveMode])).toEqual([
			['k-L-1', 'full'],
			['k-L-2', 'full'],
		]);
		// One decision per learner: the shadow one stands, its mode aside.
		expect(entries.filter((e) => e.type === 'decided')).toHaveLength(2);
		const [report] = await ledger.metrics(PERIOD);
		expect(report.metrics.issued.value).toBe(2);
		expect(report.metrics.wouldIssue.value).toBe(2);
		// Outside the period, the shadow week's figure is not counted.
		const [later] = await ledger.metrics({ ...PERIOD, periodStart: '2026-01-06T00:00:00.000Z' });
		expect(later.metrics.wouldIssue.value).toBe(0);
		// Shadow after a real issuance records nothing more.
		const late = await runCompletion(ledger, 'L-1', 'shadow');
		expect(late.before).toMatchObject({ issue: false, alreadyIssued: true });
		expect(await entriesOf(ledger)).toHaveLength(entries.length);
	});

	it('a decision read back from the ledger (a retry schedule reserving again) is not recorded twice', async () => {
		const held = await openTestLedger();
		await held.ledger.reserve('k', decision('L-2'), { goLiveMode: 'full' });
		await held.ledger.record('k', 'failed', { error: 'held', retryable: true }, 'wf');
		const [decided] = await entriesOf(held.ledger);
		expect(decided.payload.goLiveMode).toBe('full');
		const again = await held.ledger.reserve('k', decided.payload);
		expect(again.status).toBe('new');
		expect((await entriesOf(held.ledger)).map((e) => e.type)).toEqual([
			'decided',
			'reserved',
			'failed',
			'reserved',
		]);
	});

	it('answers unknown_key for a key without a decision', async () => {
		const { ledger } = await openTestLedger();
		await expect(
			ledger.goLiveBeforeIssuing('no-such-key', settings('shadow'), WOULD_ISSUE),
		).rejects.toMatchObject({ code: 'unknown_key' });
	});
});

describe('assisted and monitored modes', () => {
	it('assisted: the first N issuances open a review to check within 4 h, the rest none', async () => {
		const { ledger } = await openTestLedger({ clock: () => new Date(NOW) });
		// Issued before the switch to assisted: not one of the first N.
		await runCompletion(ledger, 'L-0', 'full');
		const results = [];
		for (const learner of ['L-1', 'L-2', 'L-3'])
			results.push((await runCompletion(ledger, learner, 'assisted', { assistedFirstN: 2 })).after);
		expect(results.map((r) => [r?.check, r?.ordinal])).toEqual([
			['assisted_review', 1],
			['assisted_review', 2],
			['none', 3],
		]);
		const reviews = (await entriesOf(ledger)).filter((e) => e.type === 'review');
		expect(reviews.map((e) => e.key)).toEqual(['k-L-1', 'k-L-2']);
		expect(reviews[0].payload).toMatchObject({
			goLiveMode: 'assisted',
			attributes: { goLiveCheck: 'assisted_review', ordinal: 1, checkWithinHours: 4 },
		});
		expect(String(reviews[1].payload.reason)).toContain('issuance 2 of the first 2');
		const open = await ledger.listOpenReviews();
		expect(open.map((r) => r.key)).toEqual(['k-L-1', 'k-L-2']);
		// A planned check is not an escalation; it is in the review queue.
		const [report] = await ledger.metrics(PERIOD);
		expect(report.metrics.escalated.value).toBe(0);
		expect(report.metrics.reviewQueueSize.value).toBe(2);
		// Asking again for the same credential writes nothing.
		const again = await ledger.goLiveAfterIssuing(
			'k-L-1',
			settings('assisted', { assistedFirstN: 2 }),
		);
		expect(again).toMatchObject({ check: 'assisted_review', alreadyRecorded: true });
		expect((await entriesOf(ledger)).filter((e) => e.type === 'review')).toHaveLength(2);
	});

	it('monitored: a draw under the share goes to the spot-check list, one above does not', async () => {
		const { ledger } = await openTestLedger();
		const sampled = await runCompletion(
			ledger,
			'L-1',
			'monitored',
			{ monitoredSampleRate: 10 },
			0.05,
		);
		const skipped = await runCompletion(
			ledger,
			'L-2',
			'monitored',
			{ monitoredSampleRate: 10 },
			0.5,
		);
		const all = await runCompletion(
			ledger,
			'L-3',
			'monitored',
			{ monitoredSampleRate: 100 },
			0.999,
		);
		const none = await runCompletion(ledger, 'L-4', 'monitored', { monitoredSampleRate: 0 }, 0);
		expect([sampled, skipped, all, none].map((r) => r.after?.check)).toEqual([
			'spot_check',
			'none',
			'spot_check',
			'none',
		]);
		const reviews = (await entriesOf(ledger)).filter((e) => e.type === 'review');
		expect(
			reviews.map((e) => [e.key, (e.payload.attributes as { goLiveCheck: string }).goLiveCheck]),
		).toEqual([
			['k-L-1', 'spot_check'],
			['k-L-3', 'spot_check'],
		]);
	});

	it('refuses a check before the credential is issued', async () => {
		const { ledger } = await openTestLedger();
		await ledger.recordDecision('k-1', decision('L-1'));
		await expect(ledger.goLiveAfterIssuing('k-1', settings('assisted'))).rejects.toThrow(
			/key: "k-1" has no issued credential/,
		);
	});
});

describe('the mode on each entry', () => {
	it('is written on decided, reserved, issued and delivered entries, and a bad one is refused by name', async () => {
		const { ledger } = await openTestLedger();
		await runCompletion(ledger, 'L-1', 'monitored', { monitoredSampleRate: 0 });
		await ledger.record('k-L-1', 'delivered', { channel: 'email' }, 'wf', {
			goLiveMode: 'monitored',
		});
		const entries = await entriesOf(ledger);
		expect(entries.map((e) => [e.type, e.payload.goLiveMode])).toEqual([
			['decided', 'monitored'],
			['reserved', 'monitored'],
			['issued', 'monitored'],
			['delivered', 'monitored'],
		]);
		await expect(
			ledger.record('k-L-1', 'claimed', {}, 'wf', { goLiveMode: 'live' }),
		).rejects.toThrow(
			/goLiveMode: received "live"; expected one of shadow, assisted, monitored, full/,
		);
		await expect(
			ledger.reserve('k-L-2', decision('L-2'), { goLiveMode: 'live' }),
		).rejects.toMatchObject({ code: 'invalid_input' });
		expect(await entriesOf(ledger)).toHaveLength(entries.length);
	});
});

describe('agreement during shadow', () => {
	it('compares staff decisions with the shadow decisions and says how many were shadow', async () => {
		const { ledger } = await openTestLedger();
		await runCompletion(ledger, 'L-1', 'shadow');
		await runCompletion(ledger, 'L-2', 'shadow');
		const report = await ledger.agreement(
			[
				{ learnerId: 'L-1', courseId: 'C-101', decision: 'issue', source: 'row 1' },
				{ learnerId: 'L-2', courseId: 'C-101', decision: 'refuse', source: 'row 2' },
			],
			PERIOD,
		);
		expect(report).toMatchObject({
			total: 2,
			agreements: 1,
			falsePositives: 1,
			comparedWithShadowDecisions: 2,
		});
		expect(report.disagreementList[0].automated).toMatchObject({
			outcome: 'verified',
			goLiveMode: 'shadow',
		});
	});
});
