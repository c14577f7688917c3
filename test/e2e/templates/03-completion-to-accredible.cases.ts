// Template 03 in a real n8n against the Accredible simulator: a verified completion is issued
// once and answered with the credential link; other outcomes and unmapped courses issue nothing.
import type { CheckContext, TemplateCase } from '../support/cases';
import { guardedByWebhookToken, heldForMissingMapping, issuedTo } from '../support/template-kit';

// A learner new to this run's simulator, so the first post is a fresh issuance.
const accredibleLearner = {
	id: `e2e-${Date.now()}`,
	name: 'Ana Lima',
	email: `ana.${Date.now()}@example.com`,
};
const progCompletion = {
	source: 'moodle',
	learner: accredibleLearner,
	course: { id: 'PROG-101' },
	completedAt: '2026-05-04T09:30:00Z',
	score: 86,
	timeSpentMinutes: 120,
	modules: ['variables', 'loops', 'final-project'].map((id) => ({ id, status: 'completed' })),
};
// The first answer's credential, which the repeated post must return again.
let firstAccredibleCredential: unknown;

// The simulator holds exactly one credential for the learner, however often the completion came.
const issuedOnceToLearner = async ({ simulators }: CheckContext) =>
	expect(await issuedTo(simulators.accredible, accredibleLearner.email)).toHaveLength(1);

export const cases: TemplateCase = {
	requests: guardedByWebhookToken(
		() => progCompletion,
		[
			{
				name: 'a verified completion is issued once and answered with the credential link (200)',
				body: progCompletion,
				expect: {
					status: 200,
					body: {
						outcome: 'verified',
						credential: {
							status: 'issued',
							newlyIssued: true,
							groupId: '12472',
							url: expect.stringMatching(/^https:\/\/www\.credential\.net\/\d+$/),
						},
					},
				},
				check: (response) => {
					firstAccredibleCredential = (response.body as { credential: unknown }).credential;
				},
			},
			{
				name: 'the same completion posted again returns the same credential, no duplicate (200)',
				body: progCompletion,
				expect: {
					status: 200,
					body: {
						outcome: 'verified',
						credential: { status: 'already_issued', newlyIssued: false },
					},
				},
				check: (response) => {
					const { credential } = response.body as { credential: Record<string, unknown> };
					expect(firstAccredibleCredential).toMatchObject({
						credentialId: credential.credentialId,
						url: credential.url,
					});
				},
				afterResponse: issuedOnceToLearner,
			},
			{
				name: 'a failing score is not eligible and issues nothing (200)',
				body: { ...progCompletion, score: 40 },
				expect: { status: 200, body: { outcome: 'not_eligible' } },
				afterResponse: issuedOnceToLearner,
			},
			{
				name: 'a score just under the pass mark needs review and issues nothing (202)',
				body: { ...progCompletion, score: 69 },
				expect: { status: 202, body: { outcome: 'needs_review' } },
				afterResponse: issuedOnceToLearner,
			},
			{
				name: 'a verified learner without an email cannot be issued (502, names the field)',
				body: { ...progCompletion, learner: { id: 'no-mail', name: 'No Mail' } },
				expect: { status: 502, body: { error: expect.stringMatching(/Recipient Email/) } },
			},
			...heldForMissingMapping(progCompletion, 'DATA-200', 'accredible'),
		],
	),
};
