// Template 05 in a real n8n: revokes (Credly) or expires (Accredible) a credential that its own
// preparation issued through the simulator's API, tells the learner when asked, refuses
// incomplete requests before anything is revoked.
import type { CheckContext, TemplateCase } from '../support/cases';
import { credlyAuthorization } from '../../../nodes/core/integrations/platforms';
import * as accredibleSamples from '../../simulators/accredible/sample-data';
import * as credlySamples from '../../simulators/credly/sample-data';
import { guardedByWebhookToken, sinkMessages } from '../support/template-kit';

// A badge issued through the Credly API (the simulator), so the template revokes a credential
// that really exists whatever else ran before it.
const badgeToRevoke: { id?: string } = {};
async function issueBadgeToRevoke({ simulators }: CheckContext): Promise<void> {
	const response = await fetch(
		`${simulators.credly}/v1/organizations/${credlySamples.SAMPLE_ORGANIZATION_ID}/badges`,
		{
			method: 'POST',
			headers: {
				authorization: credlyAuthorization(credlySamples.SAMPLE_TOKEN),
				'content-type': 'application/json',
			},
			body: JSON.stringify({
				recipient_email: 'revoke.me@example.com',
				issued_to_first_name: 'Rita',
				issued_to_last_name: 'Revoke',
				badge_template_id: credlySamples.SAMPLE_TEMPLATES[0].id,
				issued_at: '2026-05-04 09:00:00 +0000',
			}),
		},
	);
	const created = (await response.json()) as { data?: { id?: string; state?: string } };
	expect({ status: response.status, state: created.data?.state }).toEqual({
		status: 201,
		state: 'pending',
	});
	badgeToRevoke.id = created.data?.id;
}

// An Accredible credential for template 05 to expire, created through the simulator's API.
const accredibleToExpire: { id?: string } = {};
async function issueAccredibleToExpire({ simulators }: CheckContext): Promise<void> {
	const response = await fetch(`${simulators.accredible}/v1/credentials`, {
		method: 'POST',
		headers: {
			authorization: `Token token=${accredibleSamples.SAMPLE_API_KEY}`,
			'content-type': 'application/json',
		},
		body: JSON.stringify({
			credential: {
				recipient: { name: 'Rita Revoke', email: 'revoke.me@example.com' },
				group_id: accredibleSamples.SAMPLE_GROUPS[0].id,
			},
		}),
	});
	const created = (await response.json()) as { credential?: { id?: number } };
	expect(response.status).toBe(200);
	accredibleToExpire.id = String(created.credential?.id);
}

// The revocation notices template 05 sent to one learner, as the mail sink received them.
async function revocationNotices(mailUrl: string, learnerEmail: string) {
	return (await sinkMessages(mailUrl)).filter(
		(m) => m.to.includes(learnerEmail) && /is no longer valid$/.test(m.subject ?? ''),
	);
}
const revokeNoticeTo = `revoked.${Date.now()}@example.com`;

export const cases: TemplateCase = {
	requests: guardedByWebhookToken(
		() => ({
			platform: 'credly',
			credentialId: 'f77311e5-9d8c-4c4f-a5e7-089ae2f0b85b',
			reason: 'Issued in error',
			operator: 'ops.lead',
		}),
		[
			{
				// The badge was issued outside the ledger, so the ledger has nothing to revoke.
				name: 'a Credly badge is revoked with reason and operator; not in the ledger; learner emailed (200)',
				prepare: issueBadgeToRevoke,
				get body() {
					return {
						platform: 'credly',
						credentialId: badgeToRevoke.id,
						reason: 'Issued in error',
						operator: 'ops.lead',
						learnerEmail: revokeNoticeTo,
					};
				},
				expect: {
					status: 200,
					body: {
						platform: 'credly',
						method: 'revoke',
						alreadyDone: false,
						state: 'revoked',
						reason: 'Issued in error',
						ledger: 'not_found',
						notified: true,
					},
				},
				afterResponse: async ({ simulators }: CheckContext) => {
					const notices = await revocationNotices(simulators.mail, revokeNoticeTo);
					expect(notices.map((m) => [m.to, m.subject])).toEqual([
						[[revokeNoticeTo], `Your credential ${badgeToRevoke.id} is no longer valid`],
					]);
				},
			},
			{
				name: 'revoking it again changes nothing and, without learnerEmail, tells no one (200)',
				get body() {
					return {
						platform: 'Credly',
						credentialId: badgeToRevoke.id,
						reason: 'Issued in error',
						operator: 'ops.lead',
					};
				},
				expect: { status: 200, body: { alreadyDone: true, state: 'revoked', notified: false } },
				afterResponse: async ({ simulators }: CheckContext) => {
					expect(await revocationNotices(simulators.mail, revokeNoticeTo)).toHaveLength(1);
				},
			},
			{
				name: 'an Accredible credential is expired (200)',
				prepare: issueAccredibleToExpire,
				get body() {
					return {
						platform: 'accredible',
						credentialId: accredibleToExpire.id,
						reason: 'Assessment annulled',
						operator: 'ops.lead',
					};
				},
				expect: {
					status: 200,
					body: {
						platform: 'accredible',
						method: 'expire',
						alreadyDone: false,
						expiresOn: new Date().toISOString().slice(0, 10),
						reason: 'Assessment annulled',
						ledger: 'not_found',
						notified: false,
					},
				},
			},
			{
				name: 'a request without an operator is refused before anything is revoked (422)',
				body: {
					platform: 'credly',
					credentialId: 'f77311e5-9d8c-4c4f-a5e7-089ae2f0b85b',
					reason: 'Issued in error',
				},
				expect: { status: 422, body: { error: expect.stringMatching(/^Missing operator: /) } },
			},
			{
				name: 'a request without a reason is refused (422, names the field)',
				body: {
					platform: 'credly',
					credentialId: 'f77311e5-9d8c-4c4f-a5e7-089ae2f0b85b',
					reason: '',
					operator: 'ops.lead',
				},
				expect: { status: 422, body: { error: expect.stringMatching(/^Missing reason: /) } },
			},
			{
				name: 'an unknown Certifier credential is refused (422)',
				body: {
					platform: 'certifier',
					credentialId: '01aaaaaaaaaaaaaaaaaaaaaaaa',
					reason: 'Issued in error',
					operator: 'ops.lead',
				},
				expect: { status: 422, body: { error: expect.stringMatching(/not found/i) } },
			},
			{
				name: 'an unknown platform is refused (422)',
				body: { platform: 'badgr', credentialId: 'x', reason: 'r', operator: 'o' },
				expect: {
					status: 422,
					body: { error: expect.stringMatching(/credly.*certifier.*accredible/) },
				},
			},
		],
	),
};
