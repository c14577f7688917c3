// What each workflow template in workflows/ must answer in a real n8n. Every template needs
// an entry keyed by its file name: "execute" for Manual Trigger templates, "requests" for
// webhook templates, "poll" for poll-trigger templates (see support/cases.ts for the fields).
import * as lmsSamples from '../simulators/lms/sample-data';
import * as lmsSender from '../simulators/lms/webhook-sender';
import type { SinkMessage } from '../simulators/mail';
import { credlyAuthorization } from '../../nodes/core/integrations/platforms';
import * as accredibleSamples from '../simulators/accredible/sample-data';
import * as credlySamples from '../simulators/credly/sample-data';
import { extractTexts } from '../unit/certificate/support/pdf-tools';
import type { CheckContext, TemplateCases } from './support/cases';
import { cases as verificationEndpointCases } from './templates/19-verification-endpoint.cases';
import { refusedWithoutToken, withWebhookToken } from './support/webhook-token';

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
const ruleSet = { ruleSetId: 'demo-completion-rules', ruleVersion: '2026.1' };

const ledgerCredential = { platform: 'demo-platform', externalId: expect.stringMatching(/^demo-/) };

// Template 04 issues a Credly badge and its second case must get that same badge back.
const issuedBadge: { id?: string } = {};
const credlyCompletion = {
	...safeCompletion,
	learner: { id: '42', name: 'Ana Lima', email: 'Ana.Lima@example.com' },
};

// Everything a platform simulator issued to one address (its control endpoint needs no auth).
async function issuedTo(simulatorUrl: string, email: string): Promise<unknown[]> {
	const response = await fetch(`${simulatorUrl}/__control/issued`);
	const { items } = (await response.json()) as { items: Array<{ email: string }> };
	return items.filter((item) => item.email.toLowerCase() === email.toLowerCase());
}

// Admin alerts about a course without a Course Mapping row that reached the mail sink. The
// alert is sent after the webhook's answer, so this waits (up to `waitMs`) for `atLeast` of them.
async function mappingAlerts(mailUrl: string, courseId: string, atLeast: number, waitMs: number) {
	const deadline = Date.now() + waitMs;
	for (;;) {
		const res = await fetch(`${mailUrl}/__control/messages`);
		const { messages } = (await res.json()) as { messages: SinkMessage[] };
		const alerts = messages.filter(
			(m) =>
				m.to.includes('credential-admin@academy.example.org') &&
				(m.subject ?? '').startsWith(`Course ${courseId} has no row in Course Mapping`),
		);
		if (alerts.length >= atLeast || Date.now() > deadline) return alerts;
		await new Promise((resolve) => setTimeout(resolve, 200));
	}
}

// Verified completions of a course the template's rules know but its Course Mapping does not:
// held with a clear answer, never issued, never dropped; the admin is emailed once per course.
function heldForMissingMapping(
	completion: Record<string, unknown>,
	courseId: string,
	simulator: 'accredible' | 'credly',
) {
	// Each case waits until `waitFor` alerts arrived (or `waitMs` passed); one alert is right.
	const heldCase = (learnerId: string, name: string, waitFor: number, waitMs: number) => {
		const learner = { id: learnerId, name: 'Held Learner', email: `${learnerId}@example.com` };
		return {
			name,
			body: { ...completion, learner, course: { id: courseId } },
			expect: {
				status: 202,
				body: {
					outcome: 'held',
					reason: 'course_not_mapped',
					courseId,
					error: expect.stringContaining(`add a row for course "${courseId}" in "Course Mapping"`),
				},
			},
			afterResponse: async ({ simulators }: CheckContext) => {
				expect(await issuedTo(simulators[simulator], learner.email)).toEqual([]);
				const alerts = await mappingAlerts(simulators.mail, courseId, waitFor, waitMs);
				expect(alerts).toHaveLength(1);
			},
		};
	};
	return [
		heldCase(
			`held-${courseId.toLowerCase()}-1`,
			'a verified completion of a course without a Course Mapping row is held, nothing issued, admin emailed (202)',
			1,
			10_000,
		),
		// A second learner of the same course: held too, and no second alert (waits 3 s for one).
		heldCase(
			`held-${courseId.toLowerCase()}-2`,
			'another completion of the same unmapped course is held without a second admin email (202)',
			2,
			3_000,
		),
	];
}

// Template 05 revokes a badge its own preparation issued through the Credly API (the simulator),
// so it works on a credential that really exists whatever else ran before it.
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
async function revocationNotices(mailUrl: string, learnerEmail: string): Promise<SinkMessage[]> {
	const res = await fetch(`${mailUrl}/__control/messages`);
	const { messages } = (await res.json()) as { messages: SinkMessage[] };
	return messages.filter(
		(m) => m.to.includes(learnerEmail) && /is no longer valid$/.test(m.subject ?? ''),
	);
}
const revokeNoticeTo = `revoked.${Date.now()}@example.com`;

function badgeOf(response: { body: unknown }): { id?: string; state?: string } {
	const body = response.body as { badge?: { id?: string; state?: string } } | undefined;
	return body?.badge ?? {};
}

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
				// Go-live scenario 3: all met except the time threshold is held, not refused.
				name: 'time on task below the minimum needs review (202)',
				body: { ...safeCompletion, timeSpentMinutes: 45 },
				expect: {
					status: 202,
					body: {
						outcome: 'needs_review',
						reasons: expect.arrayContaining([
							expect.objectContaining({
								code: 'TIME_BELOW_MINIMUM',
								detail: expect.stringContaining('45 min is below the minimum of 90 min'),
							}),
						]),
						subject,
						...ruleSet,
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
	'06-conference-cpe-credits.json': {
		execute: {
			nodeOutputs: {
				'Roster CSV': [{ report: 'roster', rows: 7, fileName: 'spring-cpe-roster.csv' }],
				'Sponsor Report': [{ report: 'sponsor', rows: 7 }],
			},
			check: async (_run, output, { simulators }) => {
				const credits = (index: number) =>
					(output('CPE Credit', index) ?? []).map((json) => {
						const d = json as {
							subject: { attendeeId: string; sessionId: string };
							credits: string;
							reasons: Array<{ code: string }>;
						};
						return [
							d.subject.attendeeId,
							d.subject.sessionId,
							d.credits,
							d.reasons.map((r) => r.code),
						];
					});
				expect(credits(0)).toEqual([
					[
						'ada@example.com',
						'KEY',
						'1',
						['EARLY_DEPARTURE_GRACE_APPLIED', 'MET_DURATION_THRESHOLD'],
					],
					['ada@example.com', 'A1', '2', ['DUPLICATE_SIGNALS', 'MET_DURATION_THRESHOLD']],
					[
						'ada@example.com',
						'LIGHTNING',
						'1',
						['ARRIVED_LATE', 'PROGRAM_AGGREGATED', 'PARTIAL_DURATION_CREDIT'],
					],
					['grace@example.com', 'B1', '1.8', ['ARRIVED_LATE', 'PARTIAL_DURATION_CREDIT']],
					[
						'katherine@example.com',
						'B1',
						'1.6',
						['ARRIVED_LATE', 'LEFT_EARLY', 'PARTIAL_DURATION_CREDIT'],
					],
				]);
				expect(credits(1)).toEqual([
					['alan@example.com', 'A1', '0', ['MISSING_CHECKOUT', 'NO_PRESENCE_DURING_CONTENT']],
				]);
				expect(credits(2)).toEqual([
					['grace@example.com', 'KEY', '0', ['ARRIVED_LATE', 'BELOW_ATTENDANCE_MINIMUM']],
				]);
				// One PDF per credited decision, with the attendee's printed name and the credits.
				const certificates = (output('Certificate') ?? []).map((json) => {
					const c = (json as { certificate: Record<string, unknown> }).certificate;
					return [c.recipientName, c.courseTitle, c.totalCredits, c.fileName];
				});
				expect(certificates).toEqual([
					[
						'Ada Lovelace',
						'Opening keynote: the future of audit',
						'1',
						expect.stringMatching(/\.pdf$/),
					],
					['Ada Lovelace', expect.any(String), '2', expect.stringMatching(/\.pdf$/)],
					['Ada Lovelace', expect.any(String), '1', expect.stringMatching(/\.pdf$/)],
					['Grace Hopper', expect.any(String), '1.8', expect.stringMatching(/\.pdf$/)],
					['Katherine Johnson', expect.any(String), '1.6', expect.stringMatching(/\.pdf$/)],
				]);
				const sponsor = output('Sponsor Report')?.[0] as {
					sessions: Array<{ sessionId: string; creditsAwarded: string }>;
				};
				expect(sponsor.sessions.map((s) => [s.sessionId, s.creditsAwarded])).toEqual([
					['KEY', '1'],
					['A1', '2'],
					['LIGHTNING', '1'],
					['B1', '3.4'],
				]);
				// Send Email: one mail per certificate, each accepted by the SMTP server for its attendee.
				const attendees = [
					'ada@example.com',
					'ada@example.com',
					'ada@example.com',
					'grace@example.com',
					'katherine@example.com',
				];
				const sent = (output('Email Certificate') ?? []) as Array<{ accepted: string[] }>;
				expect(sent.map((info) => info.accepted)).toEqual(attendees.map((to) => [to]));
				// What the mail sink received: the same recipients, each with their own PDF attached.
				const res = await fetch(`${simulators.mail}/__control/messages`);
				const { messages } = (await res.json()) as { messages: SinkMessage[] };
				const fromTemplate = messages.filter((m) => m.from === 'cpe-desk@conference.example.org');
				const fileNames = (output('Certificate') ?? []).map(
					(json) => (json as { certificate: { fileName: string } }).certificate.fileName,
				);
				expect(
					fromTemplate.map((m) => [m.to, m.subject, m.attachments.map((a) => a.filename)]),
				).toEqual(
					attendees.map((to, i) => [
						[to],
						expect.stringMatching(/^Your CPE certificate: /),
						[fileNames[i]],
					]),
				);
				for (const m of fromTemplate) {
					expect(m.attachments[0]).toMatchObject({ contentType: 'application/pdf' });
					expect(m.attachments[0].size).toBeGreaterThan(1000);
				}
			},
		},
	},
	'03-completion-to-accredible.json': {
		requests: [
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
			},
			{
				name: 'a failing score is not eligible and issues nothing (200)',
				body: { ...progCompletion, score: 40 },
				expect: { status: 200, body: { outcome: 'not_eligible' } },
			},
			{
				name: 'a score just under the pass mark needs review (202)',
				body: { ...progCompletion, score: 69 },
				expect: { status: 202, body: { outcome: 'needs_review' } },
			},
			{
				name: 'a verified learner without an email cannot be issued (502, names the field)',
				body: { ...progCompletion, learner: { id: 'no-mail', name: 'No Mail' } },
				expect: { status: 502, body: { error: expect.stringMatching(/Recipient Email/) } },
			},
			...heldForMissingMapping(progCompletion, 'DATA-200', 'accredible'),
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
			...heldForMissingMapping(credlyCompletion, 'FIRE-110', 'credly'),
		],
	},
	'05-revoke-a-credential.json': {
		requests: [
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
	},
};

// LMS triggers: deliveries signed the way each LMS signs them, sent as the exact bytes.
// completedAt is unique per run, so a long-lived demo n8n never sees them as replays.
const runInstant = new Date(Math.floor(Date.now() / 1000) * 1000).toISOString();
const thinkificEnvelope = (id: string, courseId: number, extra: object = {}) => ({
	id,
	resource: 'enrollment',
	action: 'completed',
	tenant_id: '59',
	created_at: runInstant,
	payload: {
		completed_at: runInstant,
		course: { id: courseId, name: courseId === 68 ? 'Intro to Widgets' : 'Workplace Safety' },
		course_id: courseId,
		percentage_completed: '100.0',
		user: { email: 'john@doe.com', first_name: 'John', id: 94, last_name: 'Doe' },
		...extra,
	},
});
const signedThinkific = (payload: unknown, secret = lmsSamples.THINKIFIC_API_KEY) => {
	const delivery = lmsSender.thinkific(payload, { secret });
	return { body: delivery.body, headers: delivery.headers };
};
const thinkificKey = (courseId: number) => `thinkific|94|${courseId}|${runInstant.slice(0, 19)}Z`;

templateCases['07-thinkific-completion-to-verify.json'] = {
	requests: [
		{
			name: 'a signed completion is verified (200) with its business key',
			...signedThinkific(thinkificEnvelope('delivery-1', 68)),
			expect: {
				status: 200,
				body: {
					outcome: 'verified',
					subject: { learnerId: '94', courseId: '68', source: 'thinkific' },
					businessKey: thinkificKey(68),
				},
			},
		},
		{
			name: 'the same completion re-delivered under a new id is reported, not run again',
			...signedThinkific(thinkificEnvelope('delivery-2', 68)),
			expect: { status: 200, body: { status: 'duplicate', duplicates: [thinkificKey(68)] } },
		},
		{
			name: 'a replay after n8n restarts is still reported, not run again',
			restartFirst: true,
			...signedThinkific(thinkificEnvelope('delivery-2-after-restart', 68)),
			expect: { status: 200, body: { status: 'duplicate', duplicates: [thinkificKey(68)] } },
		},
		{
			name: 'a course that needs a score goes to review: Thinkific sends none',
			...signedThinkific(thinkificEnvelope('delivery-3', 101)),
			expect: {
				status: 200,
				body: {
					outcome: 'needs_review',
					reasons: expect.arrayContaining([expect.objectContaining({ code: 'SCORE_MISSING' })]),
				},
			},
		},
		{
			name: 'a delivery signed with another key is refused (401)',
			...signedThinkific(thinkificEnvelope('delivery-4', 68), 'not-the-api-key'),
			expect: { status: 401, body: { reason: 'bad_signature' } },
		},
		{
			name: 'an unsigned delivery is refused (401)',
			body: JSON.stringify(thinkificEnvelope('delivery-5', 68)),
			headers: { 'content-type': 'application/json' },
			expect: { status: 401, body: { reason: 'missing_signature' } },
		},
		{
			// n8n parses JSON bodies itself and answers 422 before the trigger runs; either way
			// the delivery is refused without an execution.
			name: 'signed but malformed JSON is refused',
			...signedThinkific('{"id":"delivery-6","resource":'),
			expect: {},
			check: (response) => expect([400, 422]).toContain(response.status),
		},
		{
			name: 'malformed JSON sent as text is refused by the trigger (400)',
			body: '{"id":"delivery-6b","resource":',
			headers: {
				...signedThinkific('{"id":"delivery-6b","resource":').headers,
				'content-type': 'text/plain',
			},
			expect: { status: 400, body: { reason: 'malformed_json' } },
		},
		{
			name: 'a form-encoded delivery is refused (415)',
			body: 'resource=enrollment&action=completed',
			headers: {
				...signedThinkific('resource=enrollment&action=completed').headers,
				'content-type': 'application/x-www-form-urlencoded',
			},
			expect: { status: 415, body: { reason: 'unsupported_content_type' } },
		},
		{
			name: 'another topic is refused with the field to fix (422)',
			...signedThinkific({ ...thinkificEnvelope('delivery-7', 68), action: 'progress' }),
			expect: { status: 422, body: { reason: 'unknown_event', field: 'resource' } },
		},
		{
			name: 'a completion without a learner is refused (422)',
			...signedThinkific(thinkificEnvelope('delivery-8', 68, { user: { email: 'x@y.z' } })),
			expect: { status: 422, body: { reason: 'missing_field', field: 'payload.user.id' } },
		},
	],
};

const canvasSigner = lmsSender.demoCanvasSigner();
const canvasEvent = (
	requestId: string,
	overrides: { eventName?: string; userId?: string; rootAccountId?: string } = {},
) => ({
	metadata: {
		event_name: overrides.eventName ?? 'course_completed',
		event_time: runInstant,
		request_id: requestId,
		root_account_id: overrides.rootAccountId ?? lmsSamples.CANVAS_ROOT_ACCOUNT_ID,
		user_id: '21070000000000123',
		context_id: '21070000000000565',
	},
	body: {
		course: { account_id: '79', id: '565', name: 'Computer Science I' },
		progress: { completed_at: runInstant, requirement_completed_count: 6, requirement_count: 6 },
		user: { email: 'inewton@example.com', id: overrides.userId ?? '123', name: 'Isaac Newton' },
	},
});
const signedCanvas = (event: object, options?: Parameters<typeof canvasSigner.sign>[1]) => {
	const delivery = canvasSigner.sign(event, options);
	return { body: delivery.body, headers: delivery.headers };
};
const canvasSubject = { learnerId: '123', courseId: '565', source: 'canvas' };

templateCases['08-canvas-completion-to-verify.json'] = {
	requests: [
		{
			name: 'a signed live event is verified (200) with its business key',
			...signedCanvas(canvasEvent('req-1')),
			expect: {
				status: 200,
				body: {
					outcome: 'verified',
					subject: canvasSubject,
					businessKey: `canvas|123|565|${runInstant.slice(0, 19)}Z`,
				},
			},
		},
		{
			name: 'the same completion signed with the next monthly key is a reported duplicate',
			...signedCanvas(canvasEvent('req-2'), { key: 'next' }),
			expect: { status: 200, body: { status: 'duplicate' } },
		},
		{
			name: 'a token signed by a key outside the JWKS is refused (401)',
			...signedCanvas(canvasEvent('req-3', { userId: '124' }), { kid: 'retired-key' }),
			expect: { status: 401, body: { reason: 'unknown_key' } },
		},
		{
			name: 'an expired token is refused (401)',
			...signedCanvas(canvasEvent('req-4', { userId: '125' }), {
				iat: Math.floor(Date.now() / 1000) - 600,
				exp: Math.floor(Date.now() / 1000) - 300,
			}),
			expect: { status: 401, body: { reason: 'stale_signature' } },
		},
		{
			name: 'an unsigned live event is refused (401)',
			body: JSON.stringify(canvasEvent('req-5', { userId: '126' })),
			headers: { 'content-type': 'application/json' },
			expect: { status: 401, body: { reason: 'missing_signature' } },
		},
		{
			name: 'a token without iat is refused (401)',
			...signedCanvas(canvasEvent('req-7', { userId: '127' }), { iat: null }),
			expect: { status: 401, body: { reason: 'stale_signature' } },
		},
		{
			name: "another institution's signed event is refused (403)",
			...signedCanvas(canvasEvent('req-8', { userId: '128', rootAccountId: '99990000000000001' })),
			expect: { status: 403, body: { reason: 'foreign_account' } },
		},
		{
			name: 'course_progress is refused as another event type (422)',
			...signedCanvas(canvasEvent('req-6', { eventName: 'course_progress' })),
			expect: { status: 422, body: { reason: 'unknown_event', field: 'metadata.event_name' } },
		},
	],
};

const moodleEvent = (learner: number | undefined, extra: object = {}) => ({
	eventname: '\\core\\event\\course_completed',
	component: 'core',
	action: 'completed',
	target: 'course',
	objecttable: 'course_completions',
	objectid: 812,
	crud: 'u',
	edulevel: 2,
	contextid: 145,
	contextlevel: 50,
	contextinstanceid: 12,
	userid: 2,
	courseid: 12,
	relateduserid: learner,
	anonymous: 0,
	other: { relateduserid: learner },
	timecreated: Math.floor(Date.parse(runInstant) / 1000),
	host: 'lms.example.edu',
	extra: '',
	...extra,
});
const moodleDelivery = (event: object, options: { token?: string; form?: boolean } = {}) => {
	const delivery = lmsSender.moodle(event, { token: lmsSamples.MOODLE_WEBHOOK_TOKEN, ...options });
	return { body: delivery.body, headers: delivery.headers };
};

templateCases['09-moodle-completion-to-verify.json'] = {
	requests: [
		{
			name: 'a form-encoded course_completed is verified for relateduserid with the grade Moodle adds (200)',
			...moodleDelivery(moodleEvent(57), { form: true }),
			expect: {
				status: 200,
				body: {
					outcome: 'verified',
					subject: { learnerId: '57', courseId: '12', source: 'moodle' },
					businessKey: `moodle|57|12|${runInstant.slice(0, 19)}Z`,
					// "Add Learner Details": the simulator's course total for learner 57 (86.5 of 100).
					learner: { id: '57', email: 'ana.lima@example.org', name: 'Ana Lima' },
					score: 86.5,
					scoreOriginal: { value: 86.5, min: 0, max: 100, text: '86.50' },
					enrichment: 'enriched',
				},
			},
		},
		{
			name: 'the JSON copy of the same completion is a reported duplicate',
			...moodleDelivery(moodleEvent(57)),
			expect: { status: 200, body: { status: 'duplicate' } },
		},
		{
			name: 'a wrong token is refused (401)',
			...moodleDelivery(moodleEvent(58), { token: 'not-the-token-123' }),
			expect: { status: 401, body: { reason: 'bad_signature' } },
		},
		{
			name: 'an event without relateduserid is refused (422)',
			...moodleDelivery(moodleEvent(undefined)),
			expect: { status: 422, body: { reason: 'missing_field', field: 'relateduserid' } },
		},
	],
};

const doceboPayload = (userId: number) => ({
	fired_at: '2024-06-03 14:20:11',
	user_id: userId,
	course_id: 30,
	completion_date: runInstant.slice(0, 19).replace('T', ' '),
	status: 'completed',
	level: 'student',
});
const doceboDelivery = (body: object, secret = lmsSamples.DOCEBO_WEBHOOK_SECRET) => {
	const delivery = lmsSender.docebo(body, { secret, header: 'X-Docebo-Secret' });
	return { body: delivery.body, headers: delivery.headers };
};
const doceboEnvelope = {
	webhook_id: 12,
	original_domain: 'acme.docebosaas.com',
	event: 'course.enrollment.completed',
	fired_by_batch_action: false,
};

templateCases['10-docebo-completion-to-verify.json'] = {
	requests: [
		{
			name: 'a batch of three completions runs three verifications (200)',
			...doceboDelivery({
				...doceboEnvelope,
				message_id: 'wh-1',
				payloads: [13038, 13039, 13040].map(doceboPayload),
			}),
			expect: {
				status: 200,
				body: {
					outcome: 'verified',
					subject: { learnerId: '13038', courseId: '30', source: 'docebo' },
					// Looked up in the Docebo simulator through n8n's OAuth2 (ids-only payload).
					learner: { id: '13038', email: 'maria.rossi@example.com', name: 'Maria Rossi' },
					enrichment: 'enriched',
				},
			},
		},
		{
			name: 'a retry of one of them under a new message id is a reported duplicate',
			...doceboDelivery({ ...doceboEnvelope, message_id: 'wh-2', payload: doceboPayload(13039) }),
			expect: {
				status: 200,
				body: { status: 'duplicate', duplicates: [`docebo|13039|30|${runInstant.slice(0, 19)}Z`] },
			},
		},
		{
			name: 'a wrong secret is refused (401)',
			...doceboDelivery(
				{ ...doceboEnvelope, message_id: 'wh-3', payload: doceboPayload(13041) },
				'wrong-secret-123',
			),
			expect: { status: 401, body: { reason: 'bad_signature' } },
		},
		{
			name: 'a learner id of the wrong type is refused with its path (422)',
			...doceboDelivery({
				...doceboEnvelope,
				message_id: 'wh-4',
				payloads: [doceboPayload(13042), { ...doceboPayload(1), user_id: { id: 1 } }],
			}),
			expect: { status: 422, body: { reason: 'wrong_type', field: 'payloads.1.user_id' } },
		},
	],
};

// Signed with the demo credential's secret: the template keeps the trigger's signed default.
const teachableDelivery = (body: unknown) => {
	const delivery = lmsSender.teachable(body, { secret: lmsSamples.TEACHABLE_WEBHOOK_SECRET });
	return { body: delivery.body, headers: delivery.headers };
};
const teachableEnrollment = (id: number, type = 'Enrollment.completed') => ({
	id,
	type,
	created: runInstant,
	object: {
		id: 555,
		user_id: 1001,
		course_id: 42,
		completed_at: runInstant,
		percent_complete: 100,
		user: { id: 1001, name: 'Ada Lovelace', email: 'ada@example.com' },
		course: { id: 42, name: 'Intro to Analytics' },
	},
});
// The same completion as a school sends it with ids only: "Add Learner Details" must fill in
// the learner's name and email and the course name from the Teachable API (the simulator).
const teachableIdsOnly = (id: number) => {
	const { user: _user, course: _course, ...object } = teachableEnrollment(id).object;
	return { ...teachableEnrollment(id), object };
};

templateCases['11-teachable-completion-to-verify.json'] = {
	requests: [
		{
			name: 'an array-wrapped ids-only Enrollment.completed is verified with the learner details Teachable adds (200)',
			...teachableDelivery([teachableIdsOnly(1)]),
			expect: {
				status: 200,
				body: {
					outcome: 'verified',
					subject: { learnerId: '1001', courseId: '42', source: 'teachable' },
					businessKey: `teachable|1001|42|${runInstant.slice(0, 19)}Z`,
					learner: { id: '1001', email: 'ada@example.com', name: 'Ada Lovelace' },
					course: { id: '42', name: 'Intro to Analytics' },
					enrichment: {
						status: 'enriched',
						source: 'teachable api',
						fields: ['learner.email', 'learner.name', 'course.name'],
					},
				},
			},
			check: (response) =>
				expect(JSON.stringify(response.body)).not.toContain(lmsSamples.TEACHABLE_API_KEY),
		},
		{
			name: 'the object form of the same completion is a reported duplicate',
			...teachableDelivery(teachableEnrollment(2)),
			expect: { status: 200, body: { status: 'duplicate' } },
		},
		{
			name: 'another event type is refused (422)',
			...teachableDelivery(teachableEnrollment(3, 'Sale.created')),
			expect: { status: 422, body: { reason: 'unknown_event', field: 'type' } },
		},
		{
			name: 'an unsigned delivery is refused (401) before the body is read',
			...lmsSender.teachable(teachableEnrollment(4)),
			expect: { status: 401, body: { reason: 'missing_signature' } },
		},
	],
};

// Template 13 runs as "Execute workflow" does in the editor: the Canvas Poll Trigger fetches the
// latest completion of course 565 from the Canvas REST simulator as its sample (Ada Lovelace,
// final score 88 with 4 h 15 min on task) and Verify Completion decides on it.
templateCases['13-canvas-poll-completion-to-verify.json'] = {
	poll: {
		nodeOutputs: {
			'Canvas Poll Trigger': [
				{
					source: 'canvas',
					learner: { id: '124', name: 'Ada Lovelace', email: 'ada.lovelace@example.org' },
					course: { id: '565', name: 'Computer Science I' },
					businessKey: 'canvas|124|565|2024-06-03T16:00:00Z',
					enrichment: { status: 'enriched', source: 'canvas rest api' },
				},
			],
			Verified: [
				{
					outcome: 'verified',
					subject: { learnerId: '124', courseId: '565', source: 'canvas' },
					businessKey: 'canvas|124|565|2024-06-03T16:00:00Z',
					learner: { id: '124', name: 'Ada Lovelace', email: 'ada.lovelace@example.org' },
					completedAt: '2024-06-03T16:00:00.000Z',
					score: 88,
					scoreOriginal: { value: 88, min: 0, max: 100 },
					timeSpentMinutes: 255,
					enrichment: 'enriched',
					ruleSetId: 'demo-canvas-poll-rules',
					ruleVersion: '2026.1',
				},
			],
		},
		check: (run, output) => {
			// One sample, one decision: nothing reached the other outcomes.
			expect(output('Canvas Poll Trigger')).toHaveLength(1);
			expect(output('Verified')).toHaveLength(1);
			for (const node of ['Needs Review', 'Not Eligible', 'Invalid Completion'])
				expect({ node, ran: output(node) }).toEqual({ node, ran: undefined });
			expect(JSON.stringify(run)).not.toContain(lmsSamples.CANVAS_API_TOKEN);
		},
	},
};

// Template 12 issues its own original (the Try-it branch, run by the execute case) and the
// requests then reissue that certificate: nothing depends on another template having run.
const original: { certificateId?: string } = {};
const replacement: { certificateId?: string } = {};
const reissueRequest = (certificateId: string | undefined, extra: object = {}) => ({
	certificateId,
	learnerId: 'L-2041',
	correctedName: 'Ana Lima',
	reason: 'name corrected',
	operator: 'registrar@example.org',
	courseTitle: 'Workplace Safety Fundamentals',
	completedOn: '2026-05-04',
	...extra,
});
interface ReissueAnswer {
	certificate?: { certificateId?: string };
	pdf?: { base64?: string };
}

templateCases['12-reissue-a-certificate.json'] = {
	execute: {
		nodeOutputs: {
			'Reserve the certificate': [{ ledger: { status: 'new', attempt: 1 } }],
			'Record issued': [
				{
					ledger: { recorded: 'issued', entry: { payload: { platform: 'certificate-pdf' } } },
					certificate: { recipientName: 'Ana Lmia' },
				},
			],
		},
		check: (_run, output) => {
			const [recorded] = (output('Record issued') ?? []) as Array<{
				certificate: { certificateId: string };
				ledger: { entry: { payload: { externalId: string } } };
			}>;
			original.certificateId = recorded.certificate.certificateId;
			expect(original.certificateId).toMatch(/^C-/);
			expect(recorded.ledger.entry.payload.externalId).toBe(original.certificateId);
		},
	},
	requests: [
		{
			name: 'the issued certificate is reissued: new ID, supersession note, ledger entry (200)',
			get body() {
				return reissueRequest(original.certificateId);
			},
			expect: {
				status: 200,
				body: {
					certificate: { recipientName: 'Ana Lima', supersedes: { reason: 'name corrected' } },
					pdf: { mimeType: 'application/pdf' },
					ledger: {
						recorded: 'superseded',
						entry: {
							type: 'superseded',
							actor: 'registrar@example.org',
							payload: { reason: 'name corrected', operator: 'registrar@example.org' },
						},
					},
				},
			},
			check: (response) => {
				const body = response.body as ReissueAnswer & {
					supersedes: { certificateId: string };
					ledger: { entry: { payload: { newCredential: object } } };
				};
				replacement.certificateId = body.certificate?.certificateId;
				expect(replacement.certificateId).toMatch(/^C-/);
				expect(replacement.certificateId).not.toBe(original.certificateId);
				expect(body.supersedes.certificateId).toBe(original.certificateId);
				expect(body.ledger.entry.payload.newCredential).toEqual({
					platform: 'certificate-pdf',
					externalId: replacement.certificateId,
					url: `https://verify.example.org/c/${replacement.certificateId}`,
				});
				const [text] = extractTexts([Buffer.from(body.pdf?.base64 ?? '', 'base64')]);
				expect(text).toContain('Ana Lima');
				expect(text).toContain(replacement.certificateId);
				expect(text).toContain(
					`Reissued: this certificate supersedes certificate ${original.certificateId} (name corrected)`,
				);
			},
		},
		{
			name: 'reissuing the same certificate again is refused: already superseded (409)',
			get body() {
				return reissueRequest(original.certificateId, { correctedName: 'Ana Lima Souza' });
			},
			expect: { status: 409, body: { state: 'superseded' } },
			check: (response) => {
				const { error } = response.body as { error: string };
				expect(error).toContain(
					`Certificate ${original.certificateId} was already superseded by ${replacement.certificateId}`,
				);
				expect(error).toContain('(name corrected)');
			},
		},
		{
			name: 'a certificate the ledger never issued is refused (404)',
			body: reissueRequest('C-0000-0000-0000-0000'),
			expect: {
				status: 404,
				body: {
					error: expect.stringContaining(
						'Certificate C-0000-0000-0000-0000 is not in the Credential Ledger for learner L-2041',
					),
				},
			},
		},
		{
			name: 'a request without a reason or operator is refused (422)',
			get body() {
				return reissueRequest(replacement.certificateId, { reason: '', operator: undefined });
			},
			expect: { status: 422, body: { error: expect.stringMatching(/^Missing reason, operator/) } },
		},
	],
};

// Every template whose core Webhook node acts on a request checks the webhook token (n8n's
// Header Auth): the refusals come first, so nothing the later cases expect has happened yet.
const tokenGuarded: Record<string, () => unknown> = {
	'01-verify-lms-completion-webhook.json': () => safeCompletion,
	'03-completion-to-accredible.json': () => progCompletion,
	'04-completion-to-credly-badge.json': () => credlyCompletion,
	'05-revoke-a-credential.json': () => ({
		platform: 'credly',
		credentialId: 'f77311e5-9d8c-4c4f-a5e7-089ae2f0b85b',
		reason: 'Issued in error',
		operator: 'ops.lead',
	}),
	'12-reissue-a-certificate.json': () => reissueRequest(original.certificateId),
};
for (const [file, body] of Object.entries(tokenGuarded)) {
	const template = templateCases[file];
	const authorised = withWebhookToken(template.requests ?? []);
	// The first authorised call is counted too, so the zero counts above are not vacuous.
	if (authorised[0]) authorised[0].expect.executionsStarted = 1;
	template.requests = [...refusedWithoutToken(body), ...authorised];
}

templateCases['19-verification-endpoint.json'] = verificationEndpointCases;
