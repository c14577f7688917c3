// The worked CPE examples of the standards sheet (NASBA A3 and the CEU, CME, CLE comparison
// figures), each driven through Attendance → CPE Credit with a preset policy.
import type { INodeParameters } from 'n8n-workflow';

import { creditFromCsv, decisionRows, scansCsv, scheduleYaml, sessionYaml } from '../support/cpe';

const nasba = (increment: 'fifths' | 'halves'): INodeParameters => ({
	policySource: 'preset',
	preset: 'nasbaGroupLive',
	nasbaIncrement: increment,
});

// One 09:00-11:20 block (140 content minutes); the attendee leaves at the given time.
const longSession = scheduleYaml([sessionYaml('S1', '09:00', '11:20')]);
const attendUntil = (leave: string) => scansCsv([`a1,S1,09:00,in`, `a1,S1,${leave},out`]);

describe('CPE Credit: NASBA worked examples (group live)', () => {
	test.each([
		// [example, leave time, fifths, halves]
		['#1: 50 content minutes', '09:50', '1', '1'],
		['#2: 49 minutes is below the 1.0 minimum', '09:49', '0', '0'],
		['#3: 75 minutes', '10:15', '1.4', '1.5'],
		['#5: 70 minutes', '10:10', '1.4', '1'],
		["#4: 140 minutes (NASBA's own figure)", '11:20', '2.8', '2.5'],
	])('%s', async (_name, leave, fifths, halves) => {
		for (const [increment, expected] of [
			['fifths', fifths],
			['halves', halves],
		] as const) {
			const { run, decisions } = await creditFromCsv(
				longSession,
				attendUntil(leave),
				nasba(increment),
			);
			expect(run.status).toBe('success');
			expect(decisions).toHaveLength(1);
			expect(decisions[0].json.credits).toBe(expected);
			expect(decisions[0].json.deliveryMethod).toBe('group-live');
		}
	});

	test('#8: badge in 09:05, out 10:37 in a 09:00-10:40 block: 92 minutes, 1.8 / 1.5', async () => {
		const schedule = scheduleYaml([sessionYaml('S1', '09:00', '10:40')]);
		const csv = scansCsv(['a1,S1,09:05,in', 'a1,S1,10:37,out']);
		const fifths = await creditFromCsv(schedule, csv, nasba('fifths'));
		const halves = await creditFromCsv(schedule, csv, nasba('halves'));
		expect(decisionRows(fifths.decisions)).toEqual([
			'a1 | S1 | partial_credit | 1.8 | ARRIVED_LATE LEFT_EARLY PARTIAL_DURATION_CREDIT',
		]);
		expect(fifths.decisions[0].json).toMatchObject({
			attendedMinutes: 92,
			contentMinutes: 100,
			attendedPercent: 92,
			maxCredits: '2',
			windowsUsed: [
				{
					sessionId: 'S1',
					start: '2026-05-14T13:05:00.000Z',
					end: '2026-05-14T14:37:00.000Z',
					sources: ['badge'],
				},
			],
			ruleSetId: 'nasba-group-live',
			ruleVersion: '1',
		});
		expect(fifths.decisions[0].json.ruleHash).toMatch(/^[0-9a-f]{64}$/);
		expect(halves.decisions[0].json.credits).toBe('1.5');
		expect(halves.decisions[0].json.ruleHash).not.toBe(fifths.decisions[0].json.ruleHash);
	});

	test('#6 (R7): five 30-minute sessions in one program, attended back to back: 3.0', async () => {
		const sessions = ['09:00', '09:30', '10:00', '10:30', '11:00'].map((start, k) =>
			sessionYaml(
				`T${k + 1}`,
				start,
				['09:30', '10:00', '10:30', '11:00', '11:30'][k],
				'programId: TALKS',
			),
		);
		const csv = scansCsv(['a1,,09:00,in', 'a1,,11:30,out'].map((row) => row.replace(',,', ',T1,')));
		const { decisions } = await creditFromCsv(
			scheduleYaml(sessions),
			scansCsv([
				'a1,T1,09:00,in',
				'a1,T1,09:30,out',
				'a1,T2,09:30,in',
				'a1,T2,10:00,out',
				'a1,T3,10:00,in',
				'a1,T3,10:30,out',
				'a1,T4,10:30,in',
				'a1,T4,11:00,out',
				'a1,T5,11:00,in',
				'a1,T5,11:30,out',
			]),
			nasba('fifths'),
		);
		expect(csv).toContain('T1');
		expect(decisionRows(decisions)).toEqual([
			'a1 | TALKS | full_credit | 3 | PROGRAM_AGGREGATED MET_DURATION_THRESHOLD',
		]);
		expect(decisions[0].json.subject).toEqual({
			attendeeId: 'a1',
			sessionId: 'TALKS',
			sessionIds: ['T1', 'T2', 'T3', 'T4', 'T5'],
		});
	});
});

describe('CPE Credit: group internet based, polls (R11)', () => {
	// 100-minute webinar, six polls; present the whole time.
	const schedule = scheduleYaml([
		sessionYaml('W', '13:00', '14:40', 'deliveryMethod: group-internet, pollsScheduled: 6'),
	]);
	// Polls at irregular times through the webinar (R12), answered by the attendee.
	const POLL_TIMES = ['13:08', '13:21', '13:37', '13:52', '14:09', '14:31'];
	const csvWith = (answered: number) =>
		[
			'Attendee ID,Session,Time,Type,Question,Answer',
			'a1,W,2026-05-14 13:00,join,,',
			'a1,W,2026-05-14 14:40,leave,,',
			...POLL_TIMES.slice(0, answered).map(
				(time, k) => `a1,W,2026-05-14 ${time},poll,Q${k + 1},yes`,
			),
		].join('\n');

	test.each([
		['#10: 6 of 6 answered', 6, '2', 'full_credit'],
		['#11: 5 of 6 answered: 5/3 rounds down to 1.6', 5, '1.6', 'partial_credit'],
		['#12: 2 of 6 answered: below the minimum', 2, '0', 'no_credit'],
	])('%s', async (_name, answered, credits, outcome) => {
		const { decisions } = await creditFromCsv(schedule, csvWith(answered), {
			policySource: 'preset',
			preset: 'nasbaGroupInternet',
		});
		expect(decisionRows(decisions).map((row) => row.split(' | ').slice(2, 4))).toEqual([
			[outcome, credits],
		]);
		expect(decisions[0].json.deliveryMethod).toBe('group-internet');
	});
});

describe('CPE Credit: other credit systems', () => {
	const schedule = scheduleYaml([sessionYaml('S1', '09:00', '11:00')]);

	test.each([
		['IACET: 30 minutes is the 0.1 CEU minimum', { preset: 'iacet' }, '09:30', '0.1'],
		['CME: 100 minutes round to the nearest quarter, 1.75', { preset: 'cme' }, '10:40', '1.75'],
		['CME: 95 minutes, 1.5', { preset: 'cme' }, '10:35', '1.5'],
		[
			'NY CLE: 75 minutes at 50 per credit in halves, 1.5',
			{ preset: 'cle', minutesPerCredit: '50', creditIncrement: '0.5' },
			'10:15',
			'1.5',
		],
		[
			'NY CLE: 70 minutes, 1.0',
			{ preset: 'cle', minutesPerCredit: '50', creditIncrement: '0.5' },
			'10:10',
			'1',
		],
		[
			'Threshold: 80 % of 120 minutes earns the fixed credit',
			{ preset: 'threshold', minimumPercent: 80, thresholdCredits: '1.5' },
			'10:36',
			'1.5',
		],
		[
			'Threshold: 79 % earns nothing',
			{ preset: 'threshold', minimumPercent: 80, thresholdCredits: '1.5' },
			'10:34',
			'0',
		],
	])('%s', async (_name, preset, leave, credits) => {
		const { decisions } = await creditFromCsv(
			schedule,
			scansCsv(['a1,S1,09:00,in', `a1,S1,${leave},out`]),
			{ policySource: 'preset', ...preset },
		);
		expect(decisions.map((d) => d.json.credits)).toEqual([credits]);
		expect(typeof decisions[0].json.credits).toBe('string');
	});
});
