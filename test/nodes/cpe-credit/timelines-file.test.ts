// Attendance's timelines as one file (Timelines Output: One Timelines File) in the real engine:
// one small item whose sha256 names the file, and CPE Credit reading the file gives exactly the
// decisions it gives from one item per timeline. A file that is not the one the item names, or
// not a timelines file, stops CPE Credit before anyone is credited.
import { createHash } from 'node:crypto';
import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import {
	attendanceNode,
	binaryText,
	cpeFixture,
	creditNode,
	CREDIT,
	decisionRows,
	IDENTITY_MAP,
	inputItems,
	NEEDS_REVIEW,
	NO_CREDIT,
	out,
	pairedIndexes,
	runChain,
} from '../support/cpe';

const badge = () => inputItems([{ files: { data: cpeFixture('badge-scans.csv') } }]);
const attendance = (timelinesOutput: string) =>
	attendanceNode(
		{
			evidenceInput: 'binary',
			timelinesOutput,
			options: { identityMap: IDENTITY_MAP, includeRaw: true },
		},
		// The fixture has two bad rows on purpose; they go to Not Used.
		{ onError: 'continueRegularOutput' },
	);
const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

async function chain(timelinesOutput: string, credit: INodeParameters = {}) {
	const run = await runChain(badge(), [attendance(timelinesOutput), creditNode(credit)]);
	if (run.status !== 'success') throw new Error(run.error?.message);
	return run;
}
const decisions = (run: Awaited<ReturnType<typeof chain>>) =>
	[CREDIT, NEEDS_REVIEW, NO_CREDIT].map((index) => out(run, 'CPE Credit', index));

describe('Attendance: one timelines file for large events', () => {
	let perItem: Awaited<ReturnType<typeof chain>>;
	let perFile: Awaited<ReturnType<typeof chain>>;

	beforeAll(async () => {
		perItem = await chain('items');
		perFile = await chain('file');
	});

	test('one item with counts and the sha256 of the file that holds every timeline', () => {
		const timelines = out(perItem, 'Attendance');
		const [item, ...more] = out(perFile, 'Attendance');
		expect(more).toEqual([]);
		expect(item.json).toMatchObject({
			eventId: 'SPRING-CPE-2026',
			timelinesFormat: 'attendance-timelines/1',
			timelines: timelines.length,
			attendees: new Set(timelines.map((t) => t.json.attendeeId)).size,
			signals: timelines.reduce((sum, t) => sum + (t.json.signals as unknown[]).length, 0),
		});
		const file = binaryText(item, 'timelines');
		expect(item.json.timelinesDigest).toBe(sha256(file));
		const parsed = JSON.parse(file) as { timelines: IDataObject[]; sessions: IDataObject[] };
		expect(parsed.timelines.map((t) => `${t.attendeeId} ${t.sessionId}`)).toEqual(
			timelines.map((t) => `${t.json.attendeeId} ${t.json.sessionId}`),
		);
		expect(parsed.sessions.length).toBeGreaterThan(0);
	});

	test('CPE Credit decides exactly as from one item per timeline, paired with the file item', () => {
		const fromItems = decisions(perItem);
		const fromFile = decisions(perFile);
		expect(fromFile.map(decisionRows)).toEqual(fromItems.map(decisionRows));
		expect(fromFile.flat().length).toBeGreaterThan(0);
		// The evidence each decision carries is the same signals, read from the file.
		expect(fromFile.flat().map((i) => i.json.evidence)).toEqual(
			fromItems.flat().map((i) => i.json.evidence),
		);
		for (const item of fromFile.flat()) expect(pairedIndexes(item)).toEqual([0]);
	});

	test('per attendee too: the same items and the same evidence files, byte for byte', async () => {
		const attendee = { decisionOutput: 'attendee' };
		const rows = (items: INodeExecutionData[]) =>
			items.map((i) => [(i.json.subject as IDataObject).attendeeId, i.json.credits]);
		const fromItems = decisions(await chain('items', attendee));
		const fromFile = decisions(await chain('file', attendee));
		expect(fromFile.map(rows)).toEqual(fromItems.map(rows));
		// Each run decides at its own time: decidedAt (and so the digest) is all that may differ.
		const sameTime = (text: string) => text.replace(/"decidedAt":"[^"]+"/g, '"decidedAt":"T"');
		const items = (outputs: INodeExecutionData[][]) =>
			outputs.flat().map((i) => sameTime(JSON.stringify({ ...i.json, evidenceDigest: '' })));
		expect(items(fromFile)).toEqual(items(fromItems));
		const evidence = (outputs: INodeExecutionData[][]) =>
			outputs.flat().map((i) => sameTime(binaryText(i, 'evidence')));
		expect(evidence(fromFile)).toEqual(evidence(fromItems));
		expect(fromFile[CREDIT].length).toBeGreaterThan(0);
	});
});

describe('CPE Credit: a timelines file it cannot trust', () => {
	const fileItem = (text: string, digest = sha256(text)) =>
		inputItems([
			{
				json: { timelinesFormat: 'attendance-timelines/1', timelinesDigest: digest },
				files: { timelines: text },
			},
		]);
	const credit = async (items: INodeExecutionData[]) =>
		await runChain(items, [creditNode({ scheduleSource: 'items' })]);

	test("a file that is not the one the item's digest names is refused", async () => {
		const text = JSON.stringify({ format: 'attendance-timelines/1', sessions: [], timelines: [] });
		const run = await credit(fileItem(text, sha256('another file')));
		expect(run.status).toBe('error');
		expect(run.error?.message).toBe(
			`Item 0: the timelines file (binary "timelines") does not match the item's timelinesDigest`,
		);
	});

	test('a file in another format is refused, naming the format expected', async () => {
		const run = await credit(fileItem(JSON.stringify({ timelines: 'none' })));
		expect(run.status).toBe('error');
		expect(run.error?.message).toBe(
			'Item 0: the timelines file (binary "timelines") is not in the attendance-timelines/1 format',
		);
	});

	test('a timeline without its attendee and signals is refused, naming its place in the file', async () => {
		const timelines = [{ attendeeId: 'ada@example.com', signals: [] }, { sessionId: 'A1' }];
		const text = JSON.stringify({ format: 'attendance-timelines/1', sessions: [], timelines });
		const run = await credit(fileItem(text));
		expect(run.status).toBe('error');
		expect(run.error?.message).toBe(
			'Item 0: the timelines file (binary "timelines") has a timeline without attendeeId and signals (timeline 1)',
		);
	});

	test('a file with a reserved key is refused, naming where it is', async () => {
		const text = `{"format":"attendance-timelines/1","sessions":[],"timelines":[{"attendeeId":"a","signals":[],"__proto__":{"admin":true}}]}`;
		const run = await credit(fileItem(text));
		expect(run.status).toBe('error');
		expect(run.error?.message).toBe(
			'Item 0: the timelines file (binary "timelines") has a key at timelines.0.__proto__ that uses a reserved name; __proto__, constructor, prototype cannot be used as keys: rename it',
		);
	});

	test('an item that names a file it does not carry is refused', async () => {
		const run = await credit(
			inputItems([{ json: { timelinesFormat: 'attendance-timelines/1', timelinesDigest: 'x' } }]),
		);
		expect(run.status).toBe('error');
		expect(run.error?.message).toBe(
			'Item 0: the timelines file (binary "timelines") is missing from the item',
		);
	});
});
