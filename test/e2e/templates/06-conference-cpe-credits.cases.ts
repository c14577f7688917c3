// Template 06 in a real n8n: CPE decisions per output, one PDF certificate per credited decision,
// each mailed through the SMTP sink, and the roster and sponsor reports.
import type { TemplateCase } from '../support/cases';
import { MAIL_USER } from '../../simulators/mail';
import { sinkMessages } from '../support/template-kit';

export const cases: TemplateCase = {
	execute: {
		nodeOutputs: {
			'Roster CSV': [{ report: 'roster', rows: 7, fileName: 'spring-cpe-roster.csv' }],
			'Sponsor Report': [{ report: 'sponsor', rows: 7 }],
		},
		check: async (_run, output, { simulators }) => {
			// Attendee | session | outcome | credits | reason codes, per output of CPE Credit.
			const decisions = (index: number) =>
				(output('CPE Credit', index) ?? []).map((json) => {
					const d = json as {
						subject: { attendeeId: string; sessionId: string };
						outcome: string;
						credits: string;
						reasons: Array<{ code: string }>;
					};
					const { attendeeId, sessionId } = d.subject;
					const codes = d.reasons.map((r) => r.code).join(' ');
					return [attendeeId, sessionId, d.outcome, d.credits, codes].join(' | ');
				});
			expect(decisions(0)).toEqual([
				'ada@example.com | KEY | full_credit | 1 | EARLY_DEPARTURE_GRACE_APPLIED MET_DURATION_THRESHOLD',
				'ada@example.com | A1 | full_credit | 2 | DUPLICATE_SIGNALS MET_DURATION_THRESHOLD',
				'ada@example.com | LIGHTNING | partial_credit | 1 | ARRIVED_LATE PROGRAM_AGGREGATED PARTIAL_DURATION_CREDIT',
				'grace@example.com | B1 | partial_credit | 1.8 | ARRIVED_LATE PARTIAL_DURATION_CREDIT',
				'katherine@example.com | B1 | partial_credit | 1.6 | ARRIVED_LATE LEFT_EARLY PARTIAL_DURATION_CREDIT',
			]);
			expect(decisions(1)).toEqual([
				'alan@example.com | A1 | needs_review | 0 | MISSING_CHECKOUT NO_PRESENCE_DURING_CONTENT',
			]);
			expect(decisions(2)).toEqual([
				'grace@example.com | KEY | no_credit | 0 | ARRIVED_LATE BELOW_ATTENDANCE_MINIMUM',
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
			// The SMTP login the demo credential holds, the session in the subject, the attendee's PDF.
			const fromTemplate = (await sinkMessages(simulators.mail)).filter(
				(m) => m.from === 'cpe-desk@conference.example.org',
			);
			const certificatesMade = (output('Certificate') ?? []).map(
				(json) => (json as { certificate: { fileName: string; courseTitle: string } }).certificate,
			);
			expect(
				fromTemplate.map((m) => [
					m.to,
					m.subject,
					m.authenticatedAs,
					m.attachments.map((a) => a.filename),
				]),
			).toEqual(
				attendees.map((to, i) => [
					[to],
					`Your CPE certificate: ${certificatesMade[i].courseTitle}`,
					MAIL_USER,
					[certificatesMade[i].fileName],
				]),
			);
			for (const m of fromTemplate) {
				expect(m.attachments[0]).toMatchObject({ contentType: 'application/pdf' });
				expect(m.attachments[0].size).toBeGreaterThan(1000);
			}
		},
	},
};
