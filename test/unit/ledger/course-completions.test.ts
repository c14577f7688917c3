// Courses with completions in the ledger over a period (the ledger side of configuration drift),
// on a real embedded ledger: decisions inside and outside the period, re-decisions, other sources.
import { courseCompletions } from '../../../nodes/core/domain/ledger/course-completions';
import { decision, openTestLedger, removeTempFolders } from './support/fixtures';

afterEach(removeTempFolders);

const PERIOD = { periodStart: '2026-12-01T00:00:00.000Z', periodEnd: '2026-12-08T00:00:00.000Z' };

test('decisions in the period are counted per source and course, one per credential', async () => {
	const { ledger } = await openTestLedger();
	const decide = (
		key: string,
		learner: string,
		course: string,
		at: string,
		source = 'moodle',
		outcome = 'verified',
	) =>
		ledger.recordDecision(
			key,
			decision(learner, course, {
				subject: { learnerId: learner, courseId: course, source, businessKey: `${source}|${key}` },
				decidedAt: at,
				outcome,
			}),
			{ now: new Date(at) },
		);
	await decide('k1', 'L-1', '17', '2026-12-02T10:00:00.000Z', 'moodle', 'needs_review');
	// The same credential decided again (after a review) counts once; the later time is the latest.
	await decide('k1', 'L-1', '17', '2026-12-03T11:00:00.000Z');
	await decide('k2', 'L-2', '17', '2026-12-02T12:00:00.000Z');
	await decide('k3', 'L-3', '12', '2026-12-04T08:00:00.000Z');
	await decide('k4', 'L-4', '17', '2026-12-05T08:00:00.000Z', 'canvas');
	// Outside the period: before its start, and at its (exclusive) end.
	await decide('k5', 'L-5', '13', '2026-11-30T23:59:59.000Z');
	await decide('k6', 'L-6', '13', '2026-12-08T00:00:00.000Z');

	const rows = await ledger.courseCompletions(PERIOD);
	const sorted = [...rows].sort((a, b) =>
		`${a.source}${a.courseId}`.localeCompare(`${b.source}${b.courseId}`),
	);
	expect(sorted).toEqual([
		{ source: 'canvas', courseId: '17', completions: 1, lastDecidedAt: '2026-12-05T08:00:00.000Z' },
		{ source: 'moodle', courseId: '12', completions: 1, lastDecidedAt: '2026-12-04T08:00:00.000Z' },
		{ source: 'moodle', courseId: '17', completions: 2, lastDecidedAt: '2026-12-03T11:00:00.000Z' },
	]);
});

test('an unreadable period is refused naming the field', async () => {
	async function* none() {}
	await expect(
		courseCompletions(none(), { periodStart: 'last week', periodEnd: PERIOD.periodEnd }),
	).rejects.toMatchObject({ message: expect.stringContaining('periodStart') });
});
