// Template 23 in the suite of every template: the sample completion gets one self-issued Open
// Badge, through the ledger; the learner's one mail carries the PDF (with the badge JSON inside)
// and the badge JSON, whose signature the independent verifier accepts, and the LinkedIn link to
// the verification page. The same completion again (a new n8n process) sends nothing. Then the
// signed Moodle Trigger: a passing completion is badged, mailed and recorded once (its replay
// runs nothing), a wrong token is refused, a failing one is recorded Not Eligible, unmailed.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

import { verifyInChildProcess } from '../support/badge-verifier';
import type { TemplateCase, WebhookRequestCase } from '../support/cases';
import { runInstant, sinkMessages } from '../support/template-kit';
import * as lmsSamples from '../../simulators/lms/sample-data';
import * as lmsSender from '../../simulators/lms/webhook-sender';

const FROM = 'credential-ops@academy.example.org';
const LEARNER = 'ana.lima@example.org';

interface RawMessage {
	from: string;
	to: string[];
	subject: string | null;
	attachments: Array<{ filename: string | null; contentType: string }>;
	raw: string;
}

async function mailsToLearner(mailUrl: string, learner = LEARNER): Promise<RawMessage[]> {
	const res = await fetch(`${mailUrl}/__control/messages?raw=1`);
	const { messages } = (await res.json()) as { messages: RawMessage[] };
	// Other templates mail the same demo learner from the same sender: this one's subject tells.
	return messages.filter(
		(m) => m.from === FROM && m.to.includes(learner) && m.subject?.startsWith('Your Open Badge for'),
	);
}

/** The decoded bytes of the base64 MIME part named `filename`. */
function attachment(raw: string, filename: string): Buffer {
	const start = raw.search(new RegExp(`filename="?${filename.replace(/\./g, '\\.')}"?\r\n`));
	if (start < 0) throw new Error(`no attachment ${filename} in the message`);
	const headersEnd = raw.indexOf('\r\n\r\n', start);
	const headers = raw.slice(raw.lastIndexOf('\r\n--', start), headersEnd);
	expect(headers).toMatch(/content-transfer-encoding: base64/i);
	const body = raw.slice(headersEnd + 4, raw.indexOf('\r\n--', headersEnd));
	return Buffer.from(body.replace(/\s+/g, ''), 'base64');
}

/** The plain-text body, quoted-printable decoded (long URLs are wrapped there). */
const decodedText = (raw: string) =>
	Buffer.from(
		raw
			.replace(/=\r\n/g, '')
			.replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))),
		'latin1',
	).toString('utf8');

/** The demo Moodle's learners in course 12 (the rules ask 80 of 100): Mei 92, John 64. */
const PASSING = { id: 59, email: 'mei.chen@example.org' };
const FAILING = { id: 58, email: 'john.smith@example.org' };

/** A course_completed event for course 12 as Moodle's webhooks plugin posts it. */
const completionOf = (learnerId: number, token = lmsSamples.MOODLE_WEBHOOK_TOKEN) =>
	lmsSender.moodle(
		{
			eventname: '\\core\\event\\course_completed',
			courseid: 12,
			userid: 2,
			relateduserid: learnerId,
			other: { relateduserid: learnerId },
			timecreated: Math.floor(Date.parse(runInstant) / 1000),
		},
		{ token },
	);

interface ChainEntry {
	type: string;
	key: string;
	payload: Record<string, unknown>;
}

/** The embedded ledger's entries (the template keeps it in n8n's user folder). */
function chain(userFolder: string): ChainEntry[] {
	const file = path.join(userFolder, '.n8n', 'credential-ledger', 'chain.jsonl');
	if (!existsSync(file)) return [];
	return readFileSync(file, 'utf8')
		.split('\n')
		.filter(Boolean)
		.map((line) => JSON.parse(line) as ChainEntry);
}

/** The entries of one learner's course 12 completion: its key is the badge's. */
const entriesOf = (userFolder: string, learnerId: number) =>
	chain(userFolder).filter((e) => e.key.startsWith(`open-badge|moodle|${learnerId}|12|`));

const mailCountTo = async (mailUrl: string, email: string) =>
	(await sinkMessages(mailUrl)).filter((m) => m.to.includes(email)).length;

/** What a request found before it was sent, for its afterResponse to compare. */
const before = { chainLength: 0, mailsToFailing: 0 };

const moodleRequests: WebhookRequestCase[] = [
	{
		name: 'a signed Moodle completion gets one badge and one email; decided, reserved, issued and delivered are recorded (200)',
		...completionOf(PASSING.id),
		expect: { status: 200, body: { ledger: { recorded: 'delivered' } }, executionsStarted: 1 },
		afterResponse: async ({ simulators, userFolder }) => {
			expect(await mailsToLearner(simulators.mail, PASSING.email)).toHaveLength(1);
			const entries = entriesOf(userFolder, PASSING.id);
			expect(entries.map((e) => e.type)).toEqual(['decided', 'reserved', 'issued', 'delivered']);
			expect(entries[0].payload).toMatchObject({ outcome: 'verified' });
		},
	},
	{
		name: 'the same delivery again runs nothing: no second badge or email, nothing written (200)',
		...completionOf(PASSING.id),
		prepare: async ({ userFolder }) => {
			before.chainLength = chain(userFolder).length;
		},
		expect: { status: 200, body: { status: 'duplicate' }, executionsStarted: 0 },
		afterResponse: async ({ simulators, userFolder }) => {
			expect(await mailsToLearner(simulators.mail, PASSING.email)).toHaveLength(1);
			expect(chain(userFolder)).toHaveLength(before.chainLength);
		},
	},
	{
		name: 'a completion with a wrong Moodle token is refused (401): nothing runs or is written',
		...completionOf(FAILING.id, 'not-the-token-123'),
		prepare: async ({ userFolder }) => {
			before.chainLength = chain(userFolder).length;
		},
		expect: { status: 401, body: { reason: 'bad_signature' }, executionsStarted: 0 },
		afterResponse: async ({ userFolder }) => {
			expect(chain(userFolder)).toHaveLength(before.chainLength);
		},
	},
	{
		name: 'a failing completion is recorded Not Eligible and nobody is mailed (200)',
		...completionOf(FAILING.id),
		prepare: async ({ simulators }) => {
			before.mailsToFailing = await mailCountTo(simulators.mail, FAILING.email);
		},
		expect: {
			status: 200,
			body: { decision: { outcome: 'not_eligible' }, ledger: { recorded: 'decided' } },
			executionsStarted: 1,
		},
		afterResponse: async ({ simulators, userFolder }) => {
			const entries = entriesOf(userFolder, FAILING.id);
			expect(entries.map((e) => [e.type, e.payload.outcome])).toEqual([
				['decided', 'not_eligible'],
			]);
			expect(await mailCountTo(simulators.mail, FAILING.email)).toBe(before.mailsToFailing);
		},
	},
];

export const cases: TemplateCase = {
	execute: [
		{
			nodeOutputs: {
				// Every decision is recorded; the sample's only under the demo prefix.
				'Ledger: Record Decision': [
					{ ledger: { recorded: 'decided', key: expect.stringMatching(/^open-badge\|demo\|/) } },
				],
				'Open Badge: Issue': [{ openBadge: { status: 'issued' } }],
				'Ledger: Record Delivered': [{ ledger: { recorded: 'delivered' } }],
			},
			check: async (_run, output, { simulators }) => {
				const [issued] = output('Open Badge: Issue') as Array<{
					openBadge: { credentialId: string; credential: Record<string, unknown> };
				}>;
				const [rendered] = output('Certificate') as Array<{
					certificate: {
						certificateId: string;
						fileName: string;
						verificationUrl: string;
						linkedInAddToProfileUrl: string;
						embeddedFiles: Array<{ name: string; sha256: string }>;
					};
				}>;
				const { certificate } = rendered;
				expect(`urn:uuid:${certificate.certificateId}`).toBe(issued.openBadge.credentialId);

				const sent = await mailsToLearner(simulators.mail);
				expect(sent).toHaveLength(1);
				const [mail] = sent;
				// Send Email types attachments by file name: the badge goes out as application/json
				// (inside the PDF it is application/ld+json).
				expect(mail.attachments.map((a) => [a.filename, a.contentType])).toEqual([
					[certificate.fileName, 'application/pdf'],
					['badge.json', 'application/json'],
				]);

				// The mailed badge is the one issued, byte for byte the file inside the PDF.
				const badgeBytes = attachment(mail.raw, 'badge.json');
				expect(JSON.parse(badgeBytes.toString('utf8'))).toEqual(issued.openBadge.credential);
				expect(certificate.embeddedFiles).toEqual([
					expect.objectContaining({
						name: 'badge.json',
						sha256: createHash('sha256').update(badgeBytes).digest('hex'),
					}),
				]);
				// Signature, dates and issuer, by the independent verifier (the status list is
				// served by template 19 and checked in its cases).
				expect(verifyInChildProcess(JSON.parse(badgeBytes.toString('utf8')), {})).toEqual({
					verified: true,
					status: {},
					errors: [],
				});

				const link = new URL(certificate.linkedInAddToProfileUrl);
				expect(Object.fromEntries(link.searchParams)).toEqual({
					startTask: 'CERTIFICATION_NAME',
					name: 'Workplace Safety Fundamentals',
					organizationName: 'Example Training Academy',
					issueYear: expect.stringMatching(/^\d{4}$/),
					issueMonth: expect.stringMatching(/^([1-9]|1[0-2])$/),
					certUrl: certificate.verificationUrl,
					certId: certificate.certificateId,
				});
				expect(decodedText(mail.raw)).toContain(certificate.linkedInAddToProfileUrl);
			},
		},
		{
			// The same completion again: the badge is already issued, nothing is rendered or sent.
			check: async (_run, output, { simulators }) => {
				expect(output('Open Badge: Issue')).toMatchObject([
					{ openBadge: { status: 'already_issued' } },
				]);
				expect(output('Certificate')).toBeUndefined();
				expect(output('Email Learner: Badge and Certificate')).toBeUndefined();
				expect(await mailsToLearner(simulators.mail)).toHaveLength(1);
			},
		},
	],
	requests: moodleRequests,
};
