// Template 21 runs as "Execute workflow" does in the editor, from each Schedule Trigger, on the
// ledger the other templates left: the 15-minute one reads the ledger and lets the day's summary
// through; the Monday one checks the demo rules against the Moodle simulator's courses instead.
// The outage and the one-alert-per-condition scenarios, and drift appearing and clearing, are in
// dashboard.test.ts, which seeds the ledger for them.
import type { TemplateCase } from '../support/cases';

interface DriftReport {
	lms: string;
	driftFound: boolean;
	findings: Array<{ kind: string; courseId: string }>;
}

export const cases: TemplateCase = {
	pollTriggers: {
		'Every 15 Minutes': {
			check: (_run, output) => {
				expect(output('Settings')).toEqual([
					expect.objectContaining({ reviewSlaHours: 24, outageMinutes: 30 }),
				]);
				const messages = output('Get Daily Summary and Alerts') as Array<{ kind: string }>;
				expect(messages[0]).toMatchObject({
					kind: 'summary',
					messageKey: expect.stringMatching(/^summary:\d{4}-\d{2}-\d{2}$/),
					subject: expect.stringMatching(/^Credentials on /),
				});
				expect(output('Get Configuration Drift')).toBeUndefined();
			},
		},
		'Every Monday': {
			check: (_run, output) => {
				expect(output('Get Daily Summary and Alerts')).toBeUndefined();
				const [report] = output('Get Configuration Drift') as DriftReport[];
				// The demo rules (12, 13, 16) against the simulator's courses 12 to 16.
				expect(report).toMatchObject({
					lms: 'Moodle',
					ruleSetId: 'production-moodle-rules',
					coursesListed: 5,
					rulesChecked: 3,
				});
				expect(report.findings.filter((f) => f.kind === 'rule_without_course')).toEqual([]);
				// Which courses have completions depends on the templates run before: one email
				// exactly when there is drift.
				expect(output('Email Operations') ?? []).toHaveLength(report.driftFound ? 1 : 0);
			},
		},
	},
};
