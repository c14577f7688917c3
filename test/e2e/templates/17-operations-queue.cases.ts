// Template 17 runs as "Execute workflow" does in the editor, from its Schedule Trigger, on the
// ledger the other templates left: one pass that reads the queue and answers without error. Its
// scenarios (retries, escalation, outage, stale reservations, review reminders) are in
// test/e2e/operations-queue.test.ts, which seeds the ledger for each.
import type { TemplateCase } from '../support/cases';

export const cases: TemplateCase = {
	poll: {
		check: (_run, output) => {
			expect(output('Settings')).toEqual([
				expect.objectContaining({ platform: 'accredible', maxAttempts: 3, reviewSlaHours: 24 }),
			]);
			// Both queues were read; each listing is an array (empty on a ledger with nothing due).
			for (const node of ['List Due Retries', 'List Reviews Past the SLA'])
				expect({ node, listed: Array.isArray(output(node)) }).toEqual({ node, listed: true });
		},
	},
};
