// Template 06 run again with corrected data, in a real n8n: the same data changes nothing, one
// corrected scan supersedes exactly one certificate (the new PDF names the one it replaces) with
// one notice, one attendee no longer eligible gets one revocation notice, the dry run lists
// exactly those changes and sends and records nothing (its page, and the reviewer's form, are
// laid out by headless Chromium and a screenshot kept), and a file of another event, one whose
// schedule lost a credited session and one with an attendee under a new id are refused naming
// the row, sending and recording nothing. Then two attendees whose open check-ins send a session
// to review: each gets a reviewer mail with the evidence and a form of their own; an approval
// with a credit the rule does not allow is refused and the reviewer asked again; Approve with
// 2.4 issues exactly one certificate listing the reviewed session and that total, the override
// on the ledger with who, why and the credit; Refuse records the refusal and issues nothing. One
// n8n server for the file; each run starts from the editor's "Execute workflow", as an
// organiser's does.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

import { deriveAttendeeEventKey } from '../../nodes/core/domain/ledger';
import type { SinkMessage } from '../simulators/mail';
import { createInstanceWithPackage } from './support/describe-workflows';
import type { Instance, LoadedWorkflow, RestSession, RunData } from './support/harness';
import { currentLine, harness, REPO_ROOT, restSessions } from './support/harness';
import { renderPage, type RenderedRow } from './support/browser-layout';
import { decodeQuotedPrintable, formLink, openForm, submitForm } from './support/review-form';
import { startSimulatorsWithCredentials, type RunningSimulators } from './support/simulators';
import { sinkMessages } from './support/template-kit';
import { pdfBytes, pdfText, setDryRun } from './templates/06-conference-cpe-credits.cases';

const TEMPLATE = '06-conference-cpe-credits.json';
const FROM = 'cpe-desk@conference.example.org';

interface Variant {
	dryRun: boolean;
	/** Scan rows replaced in the demo CSV: [demo row, corrected row]. */
	corrections?: Array<[string, string]>;
	eventId?: string;
	/** A session dropped from the schedule, with its scan rows. */
	removeSession?: string;
	/** An attendee's id replaced on every scan row: [old id, new id]. */
	renameAttendee?: [string, string];
}

// Grace checked in to B1 at 09:50, not 09:36 (1.8 → 1.6 credits); Katherine left B1 at 09:55,
// not 10:55 (25 minutes: no credit).
const CORRECTED: Array<[string, string]> = [
	[
		'Grace Hopper,grace@example.com,B1,2026-05-14 09:36,in,Room B',
		'Grace Hopper,grace@example.com,B1,2026-05-14 09:50,in,Room B',
	],
	[
		'Katherine Johnson,katherine@example.com,,2026-05-14 10:55,out,Room B',
		'Katherine Johnson,katherine@example.com,,2026-05-14 09:55,out,Room B',
	],
];

// Mary and Dorothy sat the whole keynote, then checked in to A1 and never out: A1 goes to review.
const ALAN = 'Alan Turing,alan@example.com,A1,2026-05-14 09:29,in,Room A';
const OPEN_CHECK_INS = ['Mary Jackson,mary@example.com', 'Dorothy Vaughan,dorothy@example.com']
	.flatMap((who) => [
		`${who},KEY,2026-05-14 08:28,in,Main Hall`,
		`${who},KEY,2026-05-14 09:21,out,Main Hall`,
		`${who},A1,2026-05-14 09:29,in,Room A`,
	])
	.join('\n');

const VARIANTS: Record<string, Variant> = {
	send: { dryRun: false },
	'dry-run-corrected': { dryRun: true, corrections: CORRECTED },
	'send-corrected': { dryRun: false, corrections: CORRECTED },
	'another-event': { dryRun: true, corrections: CORRECTED, eventId: 'FALL-CPE-2026' },
	// Ada's certificate credits A1; the organiser deleted A1 from the programme.
	'vanished-session': { dryRun: false, corrections: CORRECTED, removeSession: 'A1' },
	// Ada's badge was re-registered under another e-mail, same name.
	'merged-id': {
		dryRun: false,
		corrections: CORRECTED,
		renameAttendee: ['ada@example.com', 'ada.lovelace@example.com'],
	},
	review: { dryRun: false, corrections: [...CORRECTED, [ALAN, `${ALAN}\n${OPEN_CHECK_INS}`]] },
};
const REVIEW_QUEUE = 'cpe-review-queue@conference.example.org';

type Node = { name: string; parameters: Record<string, unknown> };

/** Template 06 as an organiser edits it: the Settings flag, the scans, the schedule's event. */
function variantOf(variant: Variant): Record<string, unknown> {
	const workflow = JSON.parse(readFileSync(path.join(REPO_ROOT, 'workflows', TEMPLATE), 'utf8'));
	setDryRun(workflow, variant.dryRun);
	const attendance = (workflow.nodes as Node[]).find((node) => node.name === 'Attendance');
	if (!attendance) throw new Error('template 06 has no Attendance node');
	for (const [demo, corrected] of variant.corrections ?? []) {
		const csv = String(attendance.parameters.attendanceCsv);
		if (!csv.includes(demo)) throw new Error(`the demo scans have no row "${demo}"`);
		attendance.parameters.attendanceCsv = csv.replace(demo, corrected);
	}
	if (variant.removeSession) removeSession(attendance, variant.removeSession);
	if (variant.renameAttendee) {
		const [from, to] = variant.renameAttendee;
		const csv = String(attendance.parameters.attendanceCsv);
		if (!csv.includes(`,${from},`)) throw new Error(`the demo scans have no attendee ${from}`);
		attendance.parameters.attendanceCsv = csv.replaceAll(`,${from},`, `,${to},`);
	}
	if (variant.eventId)
		attendance.parameters.schedule = String(attendance.parameters.schedule).replace(
			'eventId: SPRING-CPE-2026',
			`eventId: ${variant.eventId}`,
		);
	return workflow;
}

/** The session's block out of the schedule, and every scan row naming it. */
function removeSession(attendance: Node, sessionId: string): void {
	const schedule = String(attendance.parameters.schedule);
	const block = new RegExp(`  - id: ${sessionId}\\n(?:    .*\\n)*`);
	if (!block.test(schedule)) throw new Error(`the demo schedule has no session ${sessionId}`);
	attendance.parameters.schedule = schedule.replace(block, '');
	attendance.parameters.attendanceCsv = String(attendance.parameters.attendanceCsv)
		.split('\n')
		.filter((scan) => !scan.includes(`,${sessionId},`))
		.join('\n');
}

interface ChainEntry {
	type: string;
	actor?: string;
	key: string;
	payload: Record<string, unknown>;
}

const { line, n8nVersion } = currentLine();
const SCREENSHOTS = path.join(REPO_ROOT, 'test-output', 'cpe-reconcile', `n8n-line-${line}`);

/** Every row laid out, none wider than the window, nothing pushing the page sideways. */
function expectFullyShown(rows: RenderedRow[], layout: { viewportWidth: number }): void {
	for (const row of rows) {
		expect({ row: row.cells[0], shown: row.height > 0 && row.left >= 0 }).toEqual({
			row: row.cells[0],
			shown: true,
		});
		expect(row.right).toBeLessThanOrEqual(layout.viewportWidth);
	}
}

describe(`template 06 re-run: reconcile with the ledger (n8n ${n8nVersion})`, () => {
	let n8n: Instance;
	let simulators: RunningSimulators;
	let folder: string;
	let session: RestSession;
	const flows = new Map<string, LoadedWorkflow>();

	beforeAll(async () => {
		n8n = await createInstanceWithPackage(line);
		simulators = await startSimulatorsWithCredentials(n8n);
		folder = mkdtempSync(path.join(tmpdir(), 'cpe-reconcile-'));
		mkdirSync(SCREENSHOTS, { recursive: true });
		for (const [name, variant] of Object.entries(VARIANTS))
			writeFileSync(path.join(folder, `${name}.json`), JSON.stringify(variantOf(variant)));
		const loaded = harness.loadWorkflowDir(folder);
		await n8n.importWorkflows(loaded);
		for (const flow of loaded) flows.set(flow.fileName.replace(/\.json$/, ''), flow);
		await n8n.start();
		await n8n.waitForHttp('/rest/settings');
		session = restSessions.createSession(n8n.baseUrl);
		await session.setupOwner({
			email: 'owner@example.org',
			password: restSessions.generatePassword(),
		});
	});

	afterAll(async () => {
		await n8n?.dispose();
		await simulators?.stop();
		if (folder) rmSync(folder, { recursive: true, force: true });
	});

	const run = (variant: string): Promise<RunData> =>
		n8n.runFromTrigger(session, (flows.get(variant) as LoadedWorkflow).id, 'Run Demo');
	const output = (result: RunData, node: string, index = 0) =>
		harness.nodeOutput(result, node, index) as Array<Record<string, unknown>> | undefined;
	const chain = (): ChainEntry[] =>
		readFileSync(path.join(n8n.userFolder, '.n8n', 'credential-ledger', 'chain.jsonl'), 'utf8')
			.split('\n')
			.filter(Boolean)
			.map((text) => JSON.parse(text) as ChainEntry);
	const mails = async (): Promise<SinkMessage[]> =>
		(await sinkMessages(simulators.urls.mail)).filter((m) => m.from === FROM);
	const certificateIdOf = (entries: ChainEntry[], key: string) =>
		entries.find((e) => e.key === key && e.type === 'issued')?.payload.externalId;

	test('the event run mails every certificate and files it in the ledger', async () => {
		const result = await run('send');
		expect((await mails()).map((m) => m.to[0])).toEqual([
			'ada@example.com',
			'grace@example.com',
			'katherine@example.com',
		]);
		expect(chain().filter((e) => e.type === 'issued')).toHaveLength(3);
		expect(output(result, 'Record Delivered')).toHaveLength(3);
	});

	test('the same data again: every attendee unchanged, zero mails, nothing written', async () => {
		const before = chain().length;
		const result = await run('send');
		expect(output(result, 'Route by Action', 2)?.map((item) => item.action)).toEqual([
			'unchanged',
			'unchanged',
			'unchanged',
		]);
		expect(await mails()).toHaveLength(3);
		expect(chain()).toHaveLength(before);
	});

	test('the dry run lists exactly the corrected changes and sends and records nothing', async () => {
		const before = chain().length;
		const result = await run('dry-run-corrected');
		const [plan] = output(result, 'Route by Action', 5) ?? [];
		expect(plan).toMatchObject({
			action: 'dry_run',
			counts: { supersede: 1, revoke: 1, unchanged: 1, issue: 0, review: 1, no_credit: 0 },
		});
		const rows = (plan.changes as Array<Record<string, string>>).map(
			(c) => `${c.attendee} | ${c.action} | ${c.oldCredits} → ${c.newCredits} | ${c.reason}`,
		);
		expect(rows).toEqual([
			'grace@example.com | supersede | 1.8 → 1.6 | credits changed: B1 1.8 → 1.6',
			expect.stringMatching(/^katherine@example\.com \| revoke \| 1\.6 → 0 \| no longer eligible/),
		]);
		expect(output(result, 'Reserve Certificate')).toBeUndefined();
		expect(output(result, 'Revoke Certificate')).toBeUndefined();
		expect(await mails()).toHaveLength(3);
		expect(chain()).toHaveLength(before);

		// The page an organiser opens, on a laptop and on a phone: every change on screen, with its
		// action, and nothing to scroll sideways.
		const page = pdfBytes(result, 'Route by Action', 0, n8n.userFolder, 'planPage', 5);
		for (const [name, width] of [
			['planned-changes', 1280],
			['planned-changes-phone', 412],
		] as const) {
			const layout = await renderPage(page.toString('utf8'), {
				folder: SCREENSHOTS,
				name,
				width,
				height: 900,
			});
			expect(layout.headings).toEqual([
				'Planned changes for SPRING-CPE-2026 (dry run: nothing was sent or recorded)',
			]);
			expect(layout.text).toContain('supersede: 1 · revoke: 1 · unchanged: 1 · review: 1');
			const [header, ...shown] = layout.tables[0];
			expect(header.cells).toEqual([
				'attendee',
				'name',
				'action',
				'old_credits',
				'new_credits',
				'certificate_id',
				'reason',
			]);
			expect(shown.map((row) => row.cells.slice(0, 5))).toEqual([
				['grace@example.com', 'Grace Hopper', 'supersede', '1.8', '1.6'],
				['katherine@example.com', 'Katherine Johnson', 'revoke', '1.6', '0'],
			]);
			expectFullyShown([header, ...shown], layout);
			expect(layout.overflowing).toEqual([]);
			expect(layout.pageWidth).toBe(layout.viewportWidth);
		}
	});

	test('the corrected run: one superseded certificate, one notice; one revocation, one notice', async () => {
		const before = chain();
		const result = await run('send-corrected');
		const after = chain();
		const written = after.slice(before.length);
		expect(written.filter((e) => e.type === 'superseded')).toHaveLength(1);
		expect(written.filter((e) => e.type === 'revoked')).toHaveLength(1);
		expect(written.filter((e) => e.type === 'issued')).toHaveLength(1);

		// The superseded one is Grace's first certificate, replaced by a new key and ID.
		const superseded = written.find((e) => e.type === 'superseded') as ChainEntry;
		const oldId = certificateIdOf(after, superseded.key);
		const newKey = superseded.payload.newKey as string;
		const newId = certificateIdOf(after, newKey);
		expect(newKey).toBe(`${superseded.key}.v2`);
		expect(newId).not.toBe(oldId);
		const [certificate] = output(result, 'Certificate') ?? [];
		expect(certificate.certificate).toMatchObject({ certificateId: newId, totalCredits: '1.6' });
		const pdf = pdfText(pdfBytes(result, 'Certificate', 0, n8n.userFolder));
		expect(pdf).toContain(`supersedes certificate ${oldId}`);

		const sent = (await mails()).slice(3);
		expect(sent.map((m) => [m.to[0], m.subject, m.attachments.length])).toEqual([
			['katherine@example.com', 'Your CPE certificate was revoked: Spring CPE Conference 2026', 0],
			['grace@example.com', 'Your corrected CPE certificate: Spring CPE Conference 2026', 1],
		]);
		// The raw messages, quoted-printable soft line breaks undone.
		const raw = await fetch(`${simulators.urls.mail}/__control/messages?raw=1`);
		const bodies = ((await raw.json()) as { messages: SinkMessage[] }).messages
			.filter((m) => m.from === FROM)
			.slice(3)
			.map((m) => m.raw.replace(/=\r?\n/g, ''));
		expect(bodies[1]).toContain(`It replaces certificate ${oldId}`);
		expect(bodies[0]).toContain('no longer eligible');
	});

	test("another event's file is refused naming the row; nothing is sent or written", async () => {
		const before = chain().length;
		await expect(run('another-event')).rejects.toThrow(
			/Item 0 \(attendee ada@example\.com\) is for event "FALL-CPE-2026", not "SPRING-CPE-2026"/,
		);
		expect(await mails()).toHaveLength(5);
		expect(chain()).toHaveLength(before);
	});

	test('a schedule that lost a credited session is refused naming the row; nothing is sent or written', async () => {
		const before = chain().length;
		await expect(run('vanished-session')).rejects.toThrow(
			/Item \d+ \(attendee ada@example\.com\): session "A1" credited on certificate \S+ is not in this run's schedule/,
		);
		expect(await mails()).toHaveLength(5);
		expect(chain()).toHaveLength(before);
	});

	test('an attendee under a new id is refused naming the row, not revoked and issued again', async () => {
		const before = chain().length;
		const adaCertificate = certificateIdOf(
			chain(),
			deriveAttendeeEventKey({ attendeeId: 'ada@example.com', eventId: 'SPRING-CPE-2026' }),
		);
		expect(adaCertificate).toEqual(expect.any(String));
		await expect(run('merged-id')).rejects.toThrow(
			new RegExp(
				`Item \\d+ \\(attendee ada\\.lovelace@example\\.com\\) has no certificate, but certificate ${adaCertificate} of attendee ada@example\\.com, missing from this file, has the same name "Ada Lovelace"`,
			),
		);
		expect(await mails()).toHaveLength(5);
		expect(chain()).toHaveLength(before);
	});

	/** Every mail the sink holds with its raw text, once `count` from `from` have arrived. */
	async function mailsFrom(from: string, count: number): Promise<SinkMessage[]> {
		for (const deadline = Date.now() + 60_000; ; ) {
			const response = await fetch(`${simulators.urls.mail}/__control/messages?raw=1`);
			const found = ((await response.json()) as { messages: SinkMessage[] }).messages.filter(
				(m) => m.from === from,
			);
			if (found.length >= count || Date.now() > deadline) return found;
			await new Promise((resolve) => setTimeout(resolve, 250));
		}
	}

	/** A mail's PDF attachment, out of its raw MIME text. */
	function pdfAttachment(raw: string): Buffer {
		const part = /Content-Type: application\/pdf[\s\S]*?\r?\n\r?\n([A-Za-z0-9+/=\r\n]+)/.exec(raw);
		if (!part) throw new Error('the mail has no PDF attachment');
		return Buffer.from(part[1].replace(/\s/g, ''), 'base64');
	}

	/** The ledger entries of the attendee whose override the reviewer recorded. */
	const reviewedEntries = (reviewer: string) => {
		const entries = chain();
		const key = entries.find((e) => e.type === 'override' && e.actor === reviewer)?.key;
		return entries.filter((e) => e.key === key);
	};

	test('review: one mail and form per attendee; Approve issues one certificate, Refuse nothing', async () => {
		const result = await run('review');
		// Alan's review is open since the first run: not asked again.
		expect(output(result, 'Review Already Open?', 0)).toMatchObject([
			{ subject: { attendeeId: 'alan@example.com' } },
		]);
		const reviews = (await mailsFrom(REVIEW_QUEUE, 3)).filter(
			(m) => !/alan@/.test(m.subject ?? ''),
		);
		expect(reviews.map((m) => m.subject)).toEqual(
			expect.arrayContaining([
				'CPE review: mary@example.com (Mary Jackson), event SPRING-CPE-2026',
				'CPE review: dorothy@example.com (Dorothy Vaughan), event SPRING-CPE-2026',
			]),
		);
		expect(reviews).toHaveLength(2);
		const linkOf = (who: string) => {
			const mail = reviews.find((m) => m.subject?.includes(who)) as SinkMessage;
			expect(decodeQuotedPrintable(mail.raw)).toContain('In review: A1 Revenue recognition update');
			return formLink(n8n, mail.raw);
		};
		const [mary, dorothy] = [linkOf('mary@'), linkOf('dorothy@')];
		expect(mary).not.toBe(dorothy);
		const form = await openForm(mary);
		expect(form.status).toBe(200);
		expect(form.html).toContain('Revenue recognition update');
		// The form as the reviewer's browser lays it out: the evidence, each signal a row, and the
		// decision fields, nothing wider than the window.
		const shown = await renderPage(form.html, {
			folder: SCREENSHOTS,
			name: 'review-form',
			width: 1280,
			height: 2000,
			baseUrl: n8n.baseUrl,
		});
		expect(shown.headings).toEqual(
			expect.arrayContaining([
				'CPE review: mary@example.com (Mary Jackson), event SPRING-CPE-2026',
				'In review: A1 Revenue recognition update',
			]),
		);
		const [signalHeader, ...signals] = shown.tables[0];
		expect(signalHeader.cells).toEqual(['Time', 'Kind', 'Source', 'Confidence', 'Where', 'Use']);
		expect(signals.map((row) => row.cells.slice(0, 3))).toContainEqual([
			'2026-05-14 14:29:00 UTC',
			'check_in',
			'badge',
		]);
		expectFullyShown([signalHeader, ...signals], shown);
		expect(shown.text).toContain(
			'An approval grants a total from 1 (the computed credit) to 3 (A1 at most 2 in steps of 0.2 added)',
		);
		expect(shown.text).toMatch(/Decision[\s\S]*Reviewer[\s\S]*Note[\s\S]*Credits/);
		expect(shown.overflowing).toEqual([]);

		const note = 'stayed to the end, confirmed by the room monitor';
		// 2.5 would give A1 1.5 credits, off the rule's fifths: refused, nothing recorded or sent,
		// and the reviewer asked again with the reason and a new form.
		const written = chain().length;
		expect(await submitForm(mary, ['Approve', 'Dana Lee', note, '2.5'])).toBe(200);
		const askedMary = (await mailsFrom(REVIEW_QUEUE, 4)).filter((m) =>
			/mary@/.test(m.subject ?? ''),
		);
		expect(askedMary).toHaveLength(2);
		expect(decodeQuotedPrintable(askedMary[1].raw).replace(/\s+/g, ' ')).toContain(
			"Your last answer was not applied: Credits 2.5 would give A1 1.5 credits, not whole steps of its rule's increment 0.2: enter a total from 1 (the computed credit) to 3 (A1 at most 2 in steps of 0.2 added). Please answer again.",
		);
		expect(chain()).toHaveLength(written);
		expect(await mails()).toHaveLength(5);
		// Approved with 2.4: A1 gets 1.4 on the certificate beside the keynote's 1.
		const maryAgain = formLink(n8n, askedMary[1].raw);
		expect(await submitForm(maryAgain, ['Approve', 'Dana Lee', note, '2.4'])).toBe(200);
		const [certificate] = (await mailsFrom(FROM, 6)).slice(5);
		expect([certificate?.to[0], certificate?.attachments.length]).toEqual(['mary@example.com', 1]);
		const pdf = pdfText(pdfAttachment(certificate.raw));
		expect(pdf).toContain('Revenue recognition update Group Live Accounting 1.4');
		expect(pdf).toContain('by field of study: Auditing 1.0 · Accounting 1.4');
		expect(pdf).toContain('2.4 CPE credits');
		const approved = reviewedEntries('Dana Lee');
		// The decision the review changed (2.4, not 1) is recorded before it is reserved.
		expect(approved.map((e) => e.type)).toEqual([
			'decided',
			'review',
			'override',
			'decided',
			'reserved',
			'issued',
			'delivered',
		]);
		expect(JSON.stringify(approved[3].payload)).toContain('"credits":"2.4"');
		expect(approved[1]).toMatchObject({ actor: 'CPE review desk' });
		expect(approved[2].payload).toMatchObject({
			action: 'approve_issue',
			reason: note,
			attributes: { credits: '2.4', computedCredits: '1' },
		});

		expect(await submitForm(dorothy, ['Refuse', 'Lee Dana', 'no one saw her in A1'])).toBe(200);
		const [notice] = (await mailsFrom(FROM, 7)).slice(6);
		expect([notice?.to[0], notice?.subject]).toEqual([
			'dorothy@example.com',
			'About your CPE certificate: Spring CPE Conference 2026',
		]);
		const refused = reviewedEntries('Lee Dana');
		expect(refused.map((e) => e.type)).toEqual(['decided', 'review', 'override']);
		expect(refused[2].payload).toMatchObject({ action: 'refuse' });
		expect(chain().filter((e) => e.type === 'issued')).toHaveLength(5);
	});
});
