// CPE Credit's per-attendee output in the real engine: one item per attendee and event whose
// total is the exact sum of the per-session decisions, a digest instead of the signals, and the
// full evidence as a JSON file the digest covers.
import { createHash } from 'node:crypto';
import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import {
	attendanceNode,
	binaryText,
	cpeFixture,
	creditNode,
	CREDIT,
	IDENTITY_MAP,
	inputItems,
	NEEDS_REVIEW,
	NO_CREDIT,
	out,
	runChain,
	scheduleYaml,
	sessionYaml,
	scansCsv,
} from '../support/cpe';

const badge = () => inputItems([{ files: { data: cpeFixture('badge-scans.csv') } }]);
// The fixture has two bad rows on purpose; they are reported and the others are read.
const attendance = attendanceNode(
	{ evidenceInput: 'binary', options: { identityMap: IDENTITY_MAP, includeRaw: true } },
	{ onError: 'continueRegularOutput' },
);
const outputs = async (parameters: INodeParameters) => {
	const run = await runChain(badge(), [attendance, creditNode(parameters)]);
	if (run.status !== 'success') throw new Error(run.error?.message);
	return [CREDIT, NEEDS_REVIEW, NO_CREDIT].map((index) => out(run, 'CPE Credit', index));
};
const hundredths = (credits: unknown) => {
	const [whole, fraction = ''] = String(credits).split('.');
	return Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
};

let perSession: INodeExecutionData[][];
let perAttendee: INodeExecutionData[][];

beforeAll(async () => {
	perSession = await outputs({});
	perAttendee = await outputs({ decisionOutput: 'attendee' });
});

describe('CPE Credit: one item per attendee and event', () => {
	test('one item per attendee, its total the exact sum of its credited session decisions', () => {
		const sessions = perSession.flat();
		const attendees = [...new Set(sessions.map((i) => (i.json.subject as IDataObject).attendeeId))];
		const items = perAttendee.flat();
		expect(items.map((i) => (i.json.subject as IDataObject).attendeeId).sort()).toEqual(
			attendees.sort(),
		);
		for (const item of items) {
			const subject = item.json.subject as IDataObject;
			expect(subject.eventId).toBe('SPRING-CPE-2026');
			const own = sessions.filter(
				(s) =>
					(s.json.subject as IDataObject).attendeeId === subject.attendeeId &&
					s.json.outcome !== 'needs_review',
			);
			expect(hundredths(item.json.credits)).toBe(
				own.reduce((sum, s) => sum + hundredths(s.json.credits), 0),
			);
		}
		expect(perAttendee[CREDIT].length).toBeGreaterThan(0);
	});

	test('carries a digest instead of the signals; the evidence file holds them and matches it', () => {
		const [item] = perAttendee[CREDIT];
		expect(item.json).not.toHaveProperty('evidence');
		expect(item.json).not.toHaveProperty('windowsUsed');
		const file = binaryText(item, 'evidence');
		expect(item.json.evidenceDigest).toBe(createHash('sha256').update(file, 'utf8').digest('hex'));
		const evidence = JSON.parse(file) as { signals: IDataObject[]; decisions: IDataObject[] };
		expect(evidence.signals.length).toBeGreaterThan(0);
		const attendeeId = (item.json.subject as IDataObject).attendeeId;
		expect(evidence.signals.every((s) => s.attendeeId === attendeeId)).toBe(true);
		expect(
			evidence.decisions.every((d) => (d.subject as IDataObject).attendeeId === attendeeId),
		).toBe(true);
		expect(item.binary?.evidence?.mimeType).toBe('application/json');
	});

	test('names the attendee from the source rows and lists what a certificate prints per session', () => {
		const ada = perAttendee
			.flat()
			.find((i) => (i.json.subject as IDataObject).attendeeId === 'ada@example.com');
		expect(ada?.json.attendeeName).toBe('Ada Lovelace');
		const lines = ada?.json.sessionCredits as IDataObject[];
		expect(lines[0]).toMatchObject({
			sessionId: 'KEY',
			title: 'Opening keynote: the future of audit',
			date: '2026-05-14',
			deliveryMethod: 'group-live',
			fieldOfStudy: 'Auditing',
		});
	});

	test('a schedule without eventId stops the node, naming the fix', async () => {
		const schedule = scheduleYaml([sessionYaml('S1', '09:00', '09:50')]);
		const run = await runChain(
			inputItems([
				{
					files: {
						data: scansCsv(['ada@example.com,S1,08:58,in', 'ada@example.com,S1,09:52,out']),
					},
				},
			]),
			[
				attendanceNode({ evidenceInput: 'binary', schedule }),
				creditNode({ decisionOutput: 'attendee', policySource: 'preset' }),
			],
		);
		expect(run.status).toBe('error');
		expect(run.error?.message).toBe('The schedule has no eventId');
	});
});
