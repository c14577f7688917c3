// The conference template runs green in the engine and produces the credits its setup note
// promises, and n8n's Send Email node delivers each certificate PDF to the local mail sink (the
// e2e suite checks the same against a real n8n server).
import { readFileSync } from 'node:fs';
import path from 'node:path';

import { MAIL_PASSWORD, MAIL_USER, start, type MailSinkHandle } from '../../simulators/mail';
import { binaryText, CREDIT, decisionRows, NEEDS_REVIEW, NO_CREDIT } from '../support/cpe';
import { REPO_ROOT } from '../support/pinned-n8n';
import { runWorkflow, type WorkflowJson } from '../support/run-workflow';

const template = JSON.parse(
	readFileSync(path.join(REPO_ROOT, 'workflows', '06-conference-cpe-credits.json'), 'utf8'),
) as WorkflowJson;

let sink: MailSinkHandle;
beforeAll(async () => {
	sink = await start({ port: 0 });
});
afterAll(async () => {
	await sink?.stop();
});

test('06-conference-cpe-credits: decisions per output, certificates, email, roster and sponsor report', async () => {
	const smtp = new URL(sink.urls.smtp);
	const run = await runWorkflow(template, {
		credentials: {
			smtp: {
				host: smtp.hostname,
				port: Number(smtp.port),
				secure: false,
				disableStartTls: true,
				user: MAIL_USER,
				password: MAIL_PASSWORD,
			},
		},
	});
	expect(run.status).toBe('success');
	const outputs = run.outputs['CPE Credit'];
	expect(decisionRows(outputs[CREDIT])).toEqual([
		'ada@example.com | KEY | full_credit | 1 | EARLY_DEPARTURE_GRACE_APPLIED MET_DURATION_THRESHOLD',
		'ada@example.com | A1 | full_credit | 2 | DUPLICATE_SIGNALS MET_DURATION_THRESHOLD',
		'ada@example.com | LIGHTNING | partial_credit | 1 | ARRIVED_LATE PROGRAM_AGGREGATED PARTIAL_DURATION_CREDIT',
		'grace@example.com | B1 | partial_credit | 1.8 | ARRIVED_LATE PARTIAL_DURATION_CREDIT',
		'katherine@example.com | B1 | partial_credit | 1.6 | ARRIVED_LATE LEFT_EARLY PARTIAL_DURATION_CREDIT',
	]);
	expect(decisionRows(outputs[NEEDS_REVIEW])).toEqual([
		'alan@example.com | A1 | needs_review | 0 | MISSING_CHECKOUT NO_PRESENCE_DURING_CONTENT',
	]);
	expect(decisionRows(outputs[NO_CREDIT])).toEqual([
		'grace@example.com | KEY | no_credit | 0 | ARRIVED_LATE BELOW_ATTENDANCE_MINIMUM',
	]);
	const roster = run.outputs['Roster CSV'][0][0];
	expect(roster.json).toEqual({ report: 'roster', rows: 7, fileName: 'spring-cpe-roster.csv' });
	expect(binaryText(roster).trimEnd().split('\r\n')).toHaveLength(8);
	const sponsor = run.outputs['Sponsor Report'][0][0];
	expect(sponsor.json).toMatchObject({ report: 'sponsor', rows: 7 });
	// Sessions in order of first appearance in the merged decisions (Credit output first).
	const sessions = sponsor.json.sessions as Array<{ sessionId: string; creditsAwarded: string }>;
	expect(sessions.map((s) => [s.sessionId, s.creditsAwarded])).toEqual([
		['KEY', '1'],
		['A1', '2'],
		['LIGHTNING', '1'],
		['B1', '3.4'],
	]);
	expect(binaryText(sponsor)).toContain(
		'B1,Ethics for CPAs,Behavioral Ethics,group-live,2,katherine@example.com,2026-05-14T14:31:00.000Z/2026-05-14T15:55:00.000Z,84,partial_credit,1.6,',
	);

	// Every credited decision gets a PDF certificate with the attendee's printed name.
	const certificates = run.outputs['Certificate'][0];
	expect(
		certificates.map((item) => [
			(item.json.certificate as { recipientName: string }).recipientName,
			(item.json.certificate as { totalCredits: string }).totalCredits,
			item.binary?.certificate?.mimeType,
		]),
	).toEqual([
		['Ada Lovelace', '1', 'application/pdf'],
		['Ada Lovelace', '2', 'application/pdf'],
		['Ada Lovelace', '1', 'application/pdf'],
		['Grace Hopper', '1.8', 'application/pdf'],
		['Katherine Johnson', '1.6', 'application/pdf'],
	]);

	// Each attendee gets their own PDF by mail: one message per certificate, in the same order.
	expect(run.outputs['Email Certificate'][0]).toHaveLength(certificates.length);
	expect(sink.messages.map((m) => [m.to, m.subject, m.authenticatedAs, m.attachments])).toEqual(
		certificates.map((item) => {
			const record = item.json.certificate as { fileName: string };
			const sessionTitle = item.json.sessionTitle as string;
			return [
				[(item.json.subject as { attendeeId: string }).attendeeId],
				`Your CPE certificate: ${sessionTitle}`,
				MAIL_USER,
				[
					{
						filename: record.fileName,
						contentType: 'application/pdf',
						size: Buffer.from(item.binary!.certificate.data, 'base64').length,
					},
				],
			];
		}),
	);
	expect(sink.messages.map((m) => m.to[0])).toEqual([
		'ada@example.com',
		'ada@example.com',
		'ada@example.com',
		'grace@example.com',
		'katherine@example.com',
	]);
});
