// Template 14's go-live modes in a real n8n, against the Moodle, Accredible and mail simulators:
// shadow issues nothing and mails nobody while the ledger shows every would-be issuance; switching
// to full issues the same learners once; assisted sends the first N issuances to review; monitored
// at a 100 % share sends each issuance to the spot-check list.
import * as fs from 'fs';
import * as path from 'path';

import { currentLine } from './support/harness';
import { ProductionRun, type LedgerLine } from './support/production-run';

const { line, n8nVersion } = currentLine();
/** Time on task above course 12's minimum of 90 minutes, as the site's event data carries it. */
const ON_TIME = { timespentminutes: 120 };

const ofType = (entries: LedgerLine[], type: string) => entries.filter((e) => e.type === type);
const payloadOf = (entry: LedgerLine | undefined) => entry?.payload as Record<string, unknown>;

describe(`go-live modes of the production template (14) on n8n ${n8nVersion}`, () => {
	const run = new ProductionRun();
	beforeAll(
		async () =>
			// As imported (shadow), with refusals kept away from the reviewer: the sink stays empty.
			await run.start(line, { goLiveMode: 'shadow', reviewNotEligible: false }),
	);
	afterAll(async () => await run.stop());

	async function allIssued(): Promise<unknown[]> {
		const response = await fetch(`${run.simulators.urls.accredible}/__control/issued`);
		return ((await response.json()) as { items: unknown[] }).items;
	}

	/** Waits until n8n has `count` runs of the template and none is still going. */
	async function runsSettled(count: number): Promise<void> {
		const deadline = Date.now() + 30_000;
		for (;;) {
			const runs = await run.executions();
			const going = runs.filter((r) => ['new', 'running'].includes(r.status));
			if ((runs.length >= count && going.length === 0) || Date.now() > deadline) return;
			await new Promise((resolve) => setTimeout(resolve, 200));
		}
	}

	async function issueOne(surname: string) {
		const learner = await run.newLearner('Ada', surname, 12, 91);
		await run.sendCompletion(learner.id, 12, ON_TIME);
		const [mail] = await run.mailTo(learner.email, 1, /credential .* is ready/);
		if (!mail) throw new Error(`no credential email for ${learner.email}\n${await run.failures()}`);
		return { learner, entries: await run.untilLedger(learner.id, 12, 'delivered') };
	}

	/**
	 * Issues learners one by one until `count` of them were issued under `mode`, as the ledger's
	 * issued entry records it. After a Settings change, n8n 2.x may run the version activated
	 * before for the first delivery (a harness effect of re-importing a workflow, not of the
	 * template): such an issuance is recorded under the previous mode, which the caller checks.
	 */
	async function issueUnder(mode: string, count: number, surname: string) {
		type Issued = Awaited<ReturnType<typeof issueOne>> & { recorded: unknown };
		const underMode: Issued[] = [];
		const before: Issued[] = [];
		for (let i = 1; underMode.length < count; i++) {
			if (i > count + 2) throw new Error(`fewer than ${count} issuances ran in ${mode} mode`);
			const one = await issueOne(`${surname}${i}`);
			const recorded = payloadOf(ofType(one.entries, 'issued')[0]).goLiveMode;
			(recorded === mode ? underMode : before).push({ ...one, recorded });
		}
		return { underMode, before };
	}

	test('shadow records every would-be issuance and sends nothing; full then issues the same learners once', async () => {
		const completedAt = Math.floor(Date.now() / 1000) - 600;
		const learners = [
			await run.newLearner('Grace', 'Shadow', 12, 91),
			await run.newLearner('Alan', 'Shadow', 12, 88),
		];
		// Course 16 without its prerequisite: outside shadow the learner is always told.
		const refused = await run.newLearner('Early', 'Shadow', 16, 95);
		for (const learner of learners) await run.sendCompletion(learner.id, 12, ON_TIME, completedAt);
		await run.sendCompletion(refused.id, 16, {}, completedAt);
		await runsSettled(3);

		expect(await allIssued()).toEqual([]);
		expect(await run.messages()).toEqual([]);
		for (const learner of learners) {
			const entries = run.entriesOf(learner.id, 12);
			expect(entries.map((e) => e.type)).toEqual(['decided', 'would_issue']);
			expect(entries.map((e) => payloadOf(e).goLiveMode)).toEqual(['shadow', 'shadow']);
			expect(payloadOf(entries[0]).outcome).toBe('verified');
			expect(payloadOf(entries[1])).toEqual({
				platform: 'accredible',
				credentialTemplate: 'course-credential',
				goLiveMode: 'shadow',
			});
		}
		const refusedEntries = run.entriesOf(refused.id, 16);
		expect(refusedEntries.map((e) => e.type)).toEqual(['decided']);
		expect(payloadOf(refusedEntries[0])).toMatchObject({
			outcome: 'not_eligible',
			goLiveMode: 'shadow',
		});

		// The same completions again after the switch: one credential and one email each. The
		// Moodle trigger remembers the deliveries it handled (a guard, not the record): forgetting
		// them stands in for the shadow week's completions reaching the full-mode run again (a
		// replay, a poll catching up), where only the ledger keeps it to one credential.
		(run.workflow.json as { staticData?: unknown }).staticData = null;
		await run.changeSettings({ goLiveMode: 'full' }, async () =>
			fs.rmSync(path.join(run.n8n.userFolder, '.n8n', 'lms-replay'), {
				recursive: true,
				force: true,
			}),
		);
		for (const round of [1, 2])
			for (const learner of learners) {
				await run.sendCompletion(learner.id, 12, ON_TIME, completedAt);
				if (round === 1) await run.untilLedger(learner.id, 12, 'delivered');
			}
		await runsSettled(3 + 2 * learners.length);
		for (const learner of learners) {
			expect(await run.issued('accredible', learner.email)).toHaveLength(1);
			expect(await run.mailTo(learner.email, 1, /credential .* is ready/)).toHaveLength(1);
			const entries = run.entriesOf(learner.id, 12);
			// Reserve records the decision the credential is issued under (decided again, now).
			expect(entries.map((e) => e.type)).toEqual([
				'decided',
				'would_issue',
				'decided',
				'reserved',
				'issued',
				'delivered',
			]);
			expect(entries.slice(2).map((e) => payloadOf(e).goLiveMode)).toEqual([
				'full',
				'full',
				'full',
				'full',
			]);
		}
		expect(await allIssued()).toHaveLength(learners.length);
	});

	test('assisted: the first N issuances go to the review queue, the rest are issued alone', async () => {
		await run.changeSettings({ goLiveMode: 'assisted', assistedFirstN: 2 });
		const { underMode: issued, before } = await issueUnder('assisted', 3, 'Assisted');
		for (const stale of before) {
			expect(stale.recorded).toBe('full');
			expect(ofType(stale.entries, 'review')).toEqual([]);
		}
		const reviews = issued.map(({ learner }) => ofType(run.entriesOf(learner.id, 12), 'review'));
		expect(reviews.map((r) => r.length)).toEqual([1, 1, 0]);
		expect(reviews.slice(0, 2).map((r) => payloadOf(r[0]))).toEqual([
			expect.objectContaining({
				goLiveMode: 'assisted',
				attributes: { goLiveCheck: 'assisted_review', ordinal: 1, checkWithinHours: 4 },
			}),
			expect.objectContaining({
				attributes: { goLiveCheck: 'assisted_review', ordinal: 2, checkWithinHours: 4 },
			}),
		]);
		for (const { learner } of [...before, ...issued])
			expect(await run.issued('accredible', learner.email)).toHaveLength(1);
	});

	test('monitored at a 100 % share: each issuance goes to the spot-check list', async () => {
		await run.changeSettings({ goLiveMode: 'monitored', monitoredSampleRate: 100 });
		const { underMode, before } = await issueUnder('monitored', 1, 'Monitored');
		for (const stale of before) expect(stale.recorded).toBe('assisted');
		const { learner } = underMode[0];
		const reviews = ofType(run.entriesOf(learner.id, 12), 'review');
		expect(reviews.map((r) => payloadOf(r))).toEqual([
			expect.objectContaining({
				goLiveMode: 'monitored',
				attributes: { goLiveCheck: 'spot_check' },
			}),
		]);
	});
});
