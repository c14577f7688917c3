// The Certificate node's Embed Files and LinkedIn options inside n8n's engine: a JSON field and a
// binary property embedded in the PDF (read back with qpdf), the copy for the email, the link.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { runReader } from '../../unit/certificate/support/strict-readers';
import { runNode } from '../support/run-node';

const TYPE = 'n8n-nodes-certificate-delivery.certificate';
const BADGE = { type: ['VerifiableCredential', 'OpenBadgeCredential'], name: 'Safe Lifting – Ü' };
const LOGO = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0xff, 0x0d, 0x0a]);

const parameters = (files: IDataObject[], options: IDataObject = {}): INodeParameters => ({
	recipientName: 'Ana Lima',
	courseTitle: 'Safe Lifting Basics',
	completedOn: '2026-05-04',
	sponsorName: 'Example Training Academy',
	additionalFields: { issuedAt: '2026-05-04T10:00:00Z' },
	options: { embeddedFiles: { file: files }, ...options } as INodeParameters,
});

const input: INodeExecutionData = {
	json: { openBadge: { credential: BADGE } },
	binary: { logo: { data: LOGO.toString('base64'), mimeType: 'image/png', fileName: 'logo.png' } },
};

const bytesOf = (item: INodeExecutionData, property: string) =>
	Buffer.from(item.binary?.[property]?.data ?? '', 'base64');

/** The attachment `name` of the PDF in `item`, as Poppler's pdfdetach saves it. */
function extracted(item: INodeExecutionData, name: string): Buffer {
	const dir = mkdtempSync(path.join(tmpdir(), 'embedded-node-'));
	try {
		const file = path.join(dir, 'c.pdf');
		writeFileSync(file, bytesOf(item, 'certificate'));
		runReader('pdfdetach', ['-saveall', '-o', dir, file]);
		return readFileSync(path.join(dir, name));
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}

describe('Certificate node: embedded files and the LinkedIn link', () => {
	test('embeds a JSON field and a binary property, copies the JSON out, adds the link', async () => {
		const run = await runNode({
			type: TYPE,
			parameters: parameters(
				[
					{ source: 'json', field: 'openBadge.credential', fileName: 'badge.json', copyToBinaryProperty: 'badge' },
					{ source: 'binary', binaryProperty: 'logo', fileName: '', mimeType: '' },
				],
				{ linkedInOrganizationId: '1337' },
			),
			inputItems: [input],
		});
		expect(run.status).toBe('success');
		const [item] = run.outputs[0];
		const badgeJson = Buffer.from(JSON.stringify(BADGE, null, 2), 'utf8');
		expect(extracted(item, 'badge.json').equals(badgeJson)).toBe(true);
		expect(extracted(item, 'logo.png').equals(LOGO)).toBe(true);
		expect(bytesOf(item, 'badge').equals(badgeJson)).toBe(true);
		expect(item.binary?.badge).toMatchObject({ fileName: 'badge.json', mimeType: 'application/ld+json' });
		const record = item.json.certificate as IDataObject;
		expect(record.embeddedFiles).toMatchObject([
			{ name: 'badge.json', mimeType: 'application/ld+json', byteLength: badgeJson.length },
			{ name: 'logo.png', mimeType: 'image/png', byteLength: LOGO.length },
		]);
		const link = new URL(String(record.linkedInAddToProfileUrl));
		expect(link.searchParams.get('organizationId')).toBe('1337');
		expect(link.searchParams.get('certUrl')).toBe(record.verificationUrl);
		expect(link.searchParams.get('certId')).toBe(record.certificateId);
	});

	test('a JSON field the item lacks fails, naming the field and the fix', async () => {
		const run = await runNode({
			type: TYPE,
			parameters: parameters([{ source: 'json', field: 'openBadge.credentail' }]),
			inputItems: [input],
		});
		expect(run.status).toBe('error');
		expect(run.error?.message).toBe(
			'Item 0: Embedded file 1: the input has no field "openBadge.credentail"; give the dot path of the field to embed, e.g. openBadge.credential',
		);
		expect(run.error?.description).toContain('"embeddedFiles"');
	});

	test('without the options, no file is embedded and no link is added', async () => {
		const run = await runNode({ type: TYPE, parameters: parameters([]), inputItems: [input] });
		const record = run.outputs[0][0].json.certificate as IDataObject;
		expect(record.embeddedFiles).toBeUndefined();
		expect(record.linkedInAddToProfileUrl).toBeUndefined();
	});
});
