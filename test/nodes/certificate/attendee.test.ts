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

function pdfText(item: INodeExecutionData): string {
	const dir = mkdtempSync(path.join(tmpdir(), 'attendee-node-'));
	try {
		const file = path.join(dir, 'c.pdf');
		writeFileSync(file, Buffer.from(item.binary?.certificate?.data ?? '', 'base64'));
		return runReader('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-']).replace(/\s+/g, ' ');
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}

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
