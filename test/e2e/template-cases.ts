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

// Template 04 issues a Credly badge; template 05 then revokes that badge (templates run in file
// order against the same simulators), so the revoke works on a credential that really exists.
const issuedBadge: { id?: string } = {};
const credlyCompletion = {
	...safeCompletion,
	learner: { id: '42', name: 'Ana Lima', email: 'Ana.Lima@example.com' },
};

function badgeOf(response: { body: unknown }): { id?: string; state?: string } {
	const body = response.body as { badge?: { id?: string; state?: string } } | undefined;
	return body?.badge ?? {};
}

export const templateCases: TemplateCases = {
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
	'04-completion-to-credly-badge.json': {
		requests: [
			{
				name: 'a verified completion is issued a Credly badge (200)',
				body: credlyCompletion,
				expect: {
					status: 200,
					body: {
						outcome: 'verified',
						status: 'issued',
						alreadyIssued: false,
						badge: { state: 'pending', recipientEmail: 'ana.lima@example.com' },
					},
				},
				check: (response) => {
					issuedBadge.id = badgeOf(response).id;
					expect(issuedBadge.id).toMatch(/^[0-9a-f-]{36}$/);
				},
			},
			{
				name: 'the same completion again returns the same badge, no second one (200)',
				body: credlyCompletion,
				expect: {
					status: 200,
					body: { outcome: 'verified', status: 'already_issued', alreadyIssued: true },
				},
				check: (response) => {
					expect(issuedBadge.id).toBeDefined();
					expect(badgeOf(response).id).toBe(issuedBadge.id);
				},
			},
			{
				name: 'a score just under the pass mark needs review and issues nothing (202)',
				body: {
					...credlyCompletion,
					learner: { ...credlyCompletion.learner, id: '43' },
					score: 79,
				},
				expect: { status: 202, body: { outcome: 'needs_review' } },
			},
			{
				name: 'a verified learner without an email gets the reason from the Credly node (502)',
				body: { ...credlyCompletion, learner: { id: '44', name: 'No Mail' } },
				expect: { status: 502, body: { error: expect.stringMatching(/Recipient Email/) } },
			},
		],
	},
	'05-revoke-a-credential.json': {
		requests: [
			{
				name: 'the badge issued by template 04 is revoked with the reason (200)',
				get body() {
					return { platform: 'credly', credentialId: issuedBadge.id, reason: 'Issued in error' };
				},
				expect: {
					status: 200,
					body: {
						platform: 'credly',
						method: 'revoke',
						alreadyDone: false,
						state: 'revoked',
						reason: 'Issued in error',
					},
				},
			},
			{
				name: 'revoking it again changes nothing (200, alreadyDone)',
				get body() {
					return { platform: 'Credly', credentialId: issuedBadge.id, reason: 'Issued in error' };
				},
				expect: { status: 200, body: { alreadyDone: true, state: 'revoked' } },
			},
			{
				name: 'Credly needs a reason (422, nothing sent)',
				body: {
					platform: 'credly',
					credentialId: 'f77311e5-9d8c-4c4f-a5e7-089ae2f0b85b',
					reason: '',
				},
				expect: { status: 422, body: { error: expect.stringMatching(/"Reason"/) } },
			},
			{
				name: 'an unknown Certifier credential is refused (422)',
				body: {
					platform: 'certifier',
					credentialId: '01aaaaaaaaaaaaaaaaaaaaaaaa',
					reason: 'Issued in error',
				},
				expect: { status: 422, body: { error: expect.stringMatching(/not found/i) } },
			},
			{
				name: 'an unknown platform is refused (422)',
				body: { platform: 'badgr', credentialId: 'x', reason: 'r' },
				expect: { status: 422, body: { error: expect.stringMatching(/credly.*certifier/) } },
			},
		],
	},
};
