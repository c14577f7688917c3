// Template 12 in a real n8n. It issues its own original (the Try-it branch, run by the execute
// case) and the requests then reissue that certificate: nothing depends on another template.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';

import type { TemplateCase } from '../support/cases';
import { extractTexts } from '../../unit/certificate/support/pdf-tools';
import { guardedByWebhookToken } from '../support/template-kit';

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
// Entries in the ledger's chain file (the template keeps the ledger in n8n's user folder).
const chainLength = (userFolder: string) =>
	readFileSync(path.join(userFolder, '.n8n', 'credential-ledger', 'chain.jsonl'), 'utf8')
		.split('\n')
		.filter(Boolean).length;
let chainBefore = 0;

interface ReissueAnswer {
	certificate?: { certificateId?: string };
	pdf?: { base64?: string };
}

export const cases: TemplateCase = {
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
	requests: guardedByWebhookToken(
		() => reissueRequest(original.certificateId),
		[
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
						// The QR code's URL: this n8n's verification page (template 19).
						url: expect.stringMatching(
							new RegExp(`^https?://[^/]+/webhook/verify/${replacement.certificateId}$`),
						),
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
				name: 'the replacement can itself be reissued later (200)',
				get body() {
					return reissueRequest(replacement.certificateId, { correctedName: 'Ana Lima Souza' });
				},
				expect: { status: 200, body: { certificate: { recipientName: 'Ana Lima Souza' } } },
				check: (response) => {
					const body = response.body as ReissueAnswer & { supersedes: { certificateId: string } };
					expect(body.supersedes.certificateId).toBe(replacement.certificateId);
					expect([replacement.certificateId, original.certificateId]).not.toContain(
						body.certificate?.certificateId,
					);
				},
			},
			{
				name: 'a certificate the ledger never issued is refused (404) and writes nothing',
				body: reissueRequest('C-0000-0000-0000-0000'),
				prepare: async ({ userFolder }) => {
					chainBefore = chainLength(userFolder);
				},
				expect: {
					status: 404,
					body: {
						error: expect.stringContaining(
							'Certificate C-0000-0000-0000-0000 is not in the Credential Ledger for learner L-2041',
						),
					},
				},
				afterResponse: async ({ userFolder }) => {
					expect(chainLength(userFolder)).toBe(chainBefore);
				},
			},
			{
				name: "another learner's certificate ID is not found either: lookups stay within the learner (404)",
				get body() {
					return reissueRequest(original.certificateId, { learnerId: 'L-9999' });
				},
				expect: { status: 404, body: { error: expect.stringContaining('for learner L-9999') } },
			},
			{
				name: 'a request without a learnerId is refused, naming the field (422)',
				get body() {
					return reissueRequest(original.certificateId, { learnerId: '' });
				},
				expect: { status: 422, body: { error: expect.stringMatching(/learnerId/) } },
			},
			{
				name: 'a request without a reason or operator is refused (422)',
				get body() {
					return reissueRequest(replacement.certificateId, { reason: '', operator: undefined });
				},
				expect: {
					status: 422,
					body: { error: expect.stringMatching(/^Missing reason, operator/) },
				},
			},
		],
	),
};
