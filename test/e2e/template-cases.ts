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
	'06-conference-cpe-credits.json': {
		execute: {
			nodeOutputs: {
				'Roster CSV': [{ report: 'roster', rows: 7, fileName: 'spring-cpe-roster.csv' }],
				'Sponsor Report': [{ report: 'sponsor', rows: 7 }],
			},
			check: (_run, output) => {
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
			},
		},
	},
	'03-completion-to-accredible.json': {
		requests: [
			{
				name: 'a verified completion is issued once and answered with the credential link (200)',
				body: progCompletion,
	'04-completion-to-credly-badge.json': {
		requests: [
			{
				name: 'a verified completion is issued a Credly badge (200)',
				body: credlyCompletion,
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
