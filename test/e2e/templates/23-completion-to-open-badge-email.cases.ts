// Template 23 in the suite of every template: the sample completion gets one self-issued Open
// Badge, through the ledger; the learner's one mail carries the PDF (with the badge JSON inside)
// and the badge JSON, whose signature the independent verifier accepts, and the LinkedIn link to
// the verification page. The same completion again (a new n8n process) sends nothing.
import { createHash } from 'node:crypto';

import { verifyInChildProcess } from '../support/badge-verifier';
import type { TemplateCase } from '../support/cases';

const FROM = 'credential-ops@academy.example.org';
const LEARNER = 'ana.lima@example.org';

interface RawMessage {
	from: string;
	to: string[];
	subject: string | null;
	attachments: Array<{ filename: string | null; contentType: string }>;
	raw: string;
}

async function mailsToLearner(mailUrl: string): Promise<RawMessage[]> {
	const res = await fetch(`${mailUrl}/__control/messages?raw=1`);
	const { messages } = (await res.json()) as { messages: RawMessage[] };
	// Other templates mail the same demo learner from the same sender: this one's subject tells.
	return messages.filter(
		(m) => m.from === FROM && m.to.includes(LEARNER) && m.subject?.startsWith('Your Open Badge for'),
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

export const cases: TemplateCase = {
	execute: [
		{
			nodeOutputs: {
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
};
