// Template 21 runs as "Execute workflow" does in the editor, from its Schedule Trigger, on the
// ledger the other templates left: one pass that reads the ledger and lets the day's summary
// through. The outage and the one-alert-per-condition scenarios are in dashboard.test.ts,
// which seeds the ledger for them.
import type { TemplateCase } from '../support/cases';

export const cases: TemplateCase = {
	poll: {
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
		},
	},
};
