// Template 04 in a real n8n against the Credly simulator: a verified completion is issued one
// badge, the same completion again gets the same badge back, other outcomes issue nothing.
import type { TemplateCase } from '../support/cases';
import {
	guardedByWebhookToken,
	heldForMissingMapping,
	safeCompletion,
} from '../support/template-kit';

// Template 04 issues a Credly badge and its second case must get that same badge back.
const issuedBadge: { id?: string } = {};
const credlyCompletion = {
	...safeCompletion,
	learner: { id: '42', name: 'Ana Lima', email: 'Ana.Lima@example.com' },
};

function badgeOf(response: { body: unknown }): { id?: string; state?: string } {
	const body = response.body as { badge?: { id?: string; state?: string } } | undefined;
	return body?.badge ?? {};
}

export const cases: TemplateCase = {
	requests: guardedByWebhookToken(
		() => credlyCompletion,
		[
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
			...heldForMissingMapping(credlyCompletion, 'FIRE-110', 'credly'),
		],
	),
};
