// What each workflow template in workflows/ must answer in a real n8n. Every template needs
// an entry keyed by its file name: "execute" for Manual Trigger templates, "requests" for
// webhook templates (see support/cases.ts for the fields).
import type { TemplateCases } from './support/cases';

// A completion that meets every SAFE-101 rule of the template's demo rule set.
const safeCompletion = {
	source: 'moodle',
	learner: { id: '42', name: 'Ana Lima' },
	course: { id: 'SAFE-101' },
	completedAt: '2026-05-04T09:30:00Z',
	score: 86,
	timeSpentMinutes: 120,
	modules: [
		{ id: 'hazard-basics', status: 'completed' },
		{ id: 'protective-equipment', status: 'completed' },
		{ id: 'final-quiz', status: 'completed' },
	],
};

const subject = { learnerId: '42', courseId: 'SAFE-101', source: 'moodle' };
const ruleSet = { ruleSetId: 'demo-completion-rules', ruleVersion: '2026.1' };

const ledgerCredential = { platform: 'demo-platform', externalId: expect.stringMatching(/^demo-/) };

export const templateCases: TemplateCases = {
	// A fresh n8n user folder holds a fresh ledger: the first Reserve is New, the re-sent
	// completion finds it issued, and the chain of three entries verifies.
	'02-issue-exactly-once-with-ledger.json': {
		execute: {
			nodeOutputs: {
				'Reserve credential': [{ ledger: { status: 'new', attempt: 1 } }],
				'Record issued': [{ ledger: { recorded: 'issued', seq: 3 } }],
				'Verify ledger': [{ ok: true, entries: 3, keyIds: ['demo-ledger-ed25519'] }],
			},
			check: (_run, output) => {
				expect(output('Reserve credential', 1)).toEqual([]);
				expect(output('Completion re-sent: Reserve again', 0)).toEqual([]);
				expect(output('Completion re-sent: Reserve again', 1)).toMatchObject([
					{ ledger: { status: 'already_issued', credential: ledgerCredential } },
				]);
				expect(output('Pending: reconcile with the platform')).toBeUndefined();
			},
		},
	},
	'01-verify-lms-completion-webhook.json': {
		requests: [
			{
				name: 'a complete record is verified (200)',
				body: safeCompletion,
				expect: { status: 200, body: { outcome: 'verified', subject, ...ruleSet } },
			},
			{
				name: 'a score just under the pass mark needs review (202)',
				body: { ...safeCompletion, score: 79 },
				expect: {
					status: 202,
					body: {
						outcome: 'needs_review',
						reasons: expect.arrayContaining([
							expect.objectContaining({ code: 'SCORE_NEAR_THRESHOLD' }),
						]),
					},
				},
			},
			{
				name: 'a missing required module is not eligible (200)',
				body: { ...safeCompletion, modules: safeCompletion.modules.slice(0, 2) },
				expect: {
					status: 200,
					body: {
						outcome: 'not_eligible',
						reasons: expect.arrayContaining([
							expect.objectContaining({ code: 'MODULES_INCOMPLETE' }),
						]),
					},
				},
			},
			{
				name: 'an unusable payload is rejected (422)',
				body: { source: 'moodle', learner: { name: 'No Id' } },
				expect: { status: 422, body: { error: expect.any(String) } },
			},
		],
	},
};
