// The Certificate node's attendee layout inside n8n's engine: one PDF per attendee and event from
// CPE Credit's per-attendee item, its sessions, total and verification URL read back.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { runReader } from '../../unit/certificate/support/strict-readers';
import { runNode } from '../support/run-node';

const TYPE = 'n8n-nodes-certificate-delivery.certificate';

const PARAMETERS: INodeParameters = {
	certificateLayout: 'attendee',
	recipientName: '={{ $json.attendeeName }}',
	courseTitle: 'Spring CPE Conference 2026',
	sponsorName: 'Spring CPE Conference (demo sponsor)',
	additionalFields: {
		recipientId: '={{ $json.subject.attendeeId }}',
		courseId: '={{ $json.subject.eventId }}',
		issuedAt: '2026-05-20T09:00:00Z',
	},
};

/** A per-attendee item as CPE Credit passes it on. */
const rollUp = (sessionCredits: IDataObject[]): IDataObject => ({
	subject: { attendeeId: 'ada@example.com', eventId: 'SPRING-CPE-2026' },
	attendeeName: 'Ada Lovelace',
	credits: '3.4',
	sessionCredits,
});
const KEYNOTE = {
	sessionId: 'KEY',
	title: 'Opening keynote: the future of audit',
	date: '2026-05-14',
	deliveryMethod: 'group-live',
	fieldOfStudy: 'Auditing',
	credits: '1',
	outcome: 'full_credit',
};
const REVENUE = {
	...KEYNOTE,
	sessionId: 'A1',
	title: 'Revenue recognition update',
	credits: '2.4',
};

/** A Poppler tool's output for the item's PDF. */
function readPdf(item: INodeExecutionData, tool: string, args: string[]): string {
	const dir = mkdtempSync(path.join(tmpdir(), 'attendee-node-'));
	try {
		const file = path.join(dir, 'c.pdf');
		writeFileSync(file, Buffer.from(item.binary?.certificate?.data ?? '', 'base64'));
		return runReader(tool, [...args, file, ...(tool === 'pdftotext' ? ['-'] : [])]);
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}

const pdfText = (item: INodeExecutionData) =>
	readPdf(item, 'pdftotext', ['-layout', '-enc', 'UTF-8']).replace(/\s+/g, ' ');

describe('Certificate node: attendee certificate', () => {
	test('renders one PDF listing the sessions and the total, with the verification URL', async () => {
		const run = await runNode({
			type: TYPE,
			parameters: PARAMETERS,
			items: [rollUp([KEYNOTE, REVENUE])],
		});
		expect(run.status).toBe('success');
		const [item] = run.outputs[0];
		const record = item.json.certificate as IDataObject;
		expect(record).toMatchObject({
			recipientName: 'Ada Lovelace',
			totalCredits: '3.4',
			credits: [{ credits: '3.4', fieldOfStudy: 'Auditing' }],
			completedOn: '2026-05-14',
		});
		expect(record.verificationUrl).toBe(
			`http://localhost:5678/webhook/verify/${String(record.certificateId)}`,
		);
		const text = pdfText(item);
		expect(text).toContain('Opening keynote: the future of audit Group Live Auditing 1.0');
		expect(text).toContain('Revenue recognition update Group Live Auditing 2.4');
		expect(text).toContain('3.4 CPE credits');
		expect(text).toContain(String(record.verificationUrl));
	});

	test('a 40-session attendee gets one certificate over two pages, every session listed once', async () => {
		const talks = Array.from({ length: 40 }, (_, i) => ({
			...KEYNOTE,
			sessionId: `T${i + 1}`,
			title: `Talk ${String(i + 1).padStart(2, '0')} of the conference`,
			credits: i % 2 === 0 ? '1' : '1.2',
		}));
		const run = await runNode({ type: TYPE, parameters: PARAMETERS, items: [rollUp(talks)] });
		expect(run.status).toBe('success');
		const [item] = run.outputs[0];
		expect(readPdf(item, 'pdfinfo', [])).toMatch(/^Pages:\s+2$/m);
		const text = pdfText(item);
		for (const talk of talks) expect(text.split(talk.title)).toHaveLength(2);
		expect(text).toContain('44.0 CPE credits');
		expect(text).toContain('Page 2 of 2');
		expect((item.json.certificate as IDataObject).totalCredits).toBe('44');
	});

	test('keeps the certificate ID of an attendee and event when the sessions change', async () => {
		const first = await runNode({ type: TYPE, parameters: PARAMETERS, items: [rollUp([KEYNOTE])] });
		const second = await runNode({
			type: TYPE,
			parameters: PARAMETERS,
			items: [rollUp([KEYNOTE, REVENUE])],
		});
		const idOf = (run: typeof first) =>
			(run.outputs[0][0].json.certificate as IDataObject).certificateId;
		expect(idOf(second)).toBe(idOf(first));
	});

	test('an item without sessions fails, naming Sessions and what to map', async () => {
		const run = await runNode({ type: TYPE, parameters: PARAMETERS, items: [rollUp([])] });
		expect(run.status).toBe('error');
		expect(run.error?.message).toBe('Item 0: Sessions is empty');
		expect(run.error?.description).toContain('sessionCredits');
	});

	test('a session without a date fails, naming the field', async () => {
		const run = await runNode({
			type: TYPE,
			parameters: PARAMETERS,
			items: [rollUp([{ ...KEYNOTE, date: '' }])],
		});
		expect(run.status).toBe('error');
		expect(run.error?.message).toMatch(/Item 0: Certificate field "sessions\.0\.date"/);
	});
});
