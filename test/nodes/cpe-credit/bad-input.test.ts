// Refusals before anyone is credited (policy, schedule), per-item failures with Continue On Fail
// and pairedItem, and formula injection in the reports.
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import {
	attendanceNode,
	binaryText,
	CREDIT,
	creditNode,
	inputItems,
	NEEDS_REVIEW,
	NO_CREDIT,
	out,
	pairedIndexes,
	reportNode,
	runChain,
	scansCsv,
	scheduleYaml,
	sessionYaml,
} from '../support/cpe';

const schedule = scheduleYaml([sessionYaml('S1', '09:00', '10:40')]);
const attend = attendanceNode({
	schedule,
	evidenceInput: 'text',
	attendanceCsv: scansCsv(['a1,S1,09:00,in', 'a1,S1,10:40,out']),
});

async function timelines(): Promise<INodeExecutionData[]> {
	const run = await runChain(inputItems([{}]), [attend]);
	return out(run, 'Attendance').map((item) => ({ json: item.json }));
}

describe('CPE Credit: refusals before anyone is credited', () => {
	test('a policy with a wrong field is refused with its path', async () => {
		const run = await runChain(inputItems([{}]), [
			attend,
			creditNode({
				policies: '{"type": "nasba", "id": "p", "version": "1", "increment": "thirds"}',
				applyTo: 'event',
			}),
		]);
		expect(run.status).toBe('error');
		expect(run.error?.message).toMatch(
			/^Invalid credit policy \(Policies parameter\) at "increment": /,
		);
	});

	test('a session pointing at a policy that does not exist is refused with the session path', async () => {
		const run = await runChain(inputItems([{}]), [
			attend,
			creditNode({ policies: '{"type": "cme", "id": "cme", "version": "1"}' }),
		]);
		expect(run.error?.message).toMatch(
			/^The policies do not fit the schedule at "sessions\[0\].creditPolicy": missing/,
		);
	});

	test('One Policy for the Event with two policies says what to change', async () => {
		const two =
			'[{"type": "cme", "id": "a", "version": "1"}, {"type": "iacet", "id": "b", "version": "1"}]';
		const run = await runChain(inputItems([{}]), [
			attend,
			creditNode({ policies: two, applyTo: 'event' }),
		]);
		expect(run.error?.message).toBe(
			'One Policy for the Event needs exactly one policy; the Policies parameter has 2',
		);
	});

	test.each(['continueRegularOutput', 'continueErrorOutput'] as const)(
		'with onError=%s a bad policy sends no item to Credit',
		async (onError) => {
			const run = await runChain(inputItems([{}]), [
				attend,
				creditNode({ policies: '{"type": "nasba"}', applyTo: 'event' }, { onError }),
			]);
			expect(run.status).toBe('success');
			expect(out(run, 'CPE Credit', CREDIT)).toEqual([]);
			const failed =
				onError === 'continueErrorOutput'
					? out(run, 'CPE Credit', 3)
					: out(run, 'CPE Credit', NEEDS_REVIEW);
			expect(failed).toHaveLength(1);
			expect(failed[0].json.error).toMatch(/^Invalid credit policy \(Policies parameter\) at "id"/);
			expect(pairedIndexes(failed[0])).toEqual([0]);
		},
	);
});

describe('CPE Credit: items that are not timelines', () => {
	test('stop the node with the item named', async () => {
		const items = [...(await timelines()), { json: { hello: 'world' } }];
		const run = await runChain(items, [
			creditNode({ scheduleSource: 'parameter', schedule, policySource: 'preset' }),
		]);
		expect(run.error?.message).toBe(
			'Item 1 is not an attendance timeline (no "attendeeId" and "signals" fields); connect the Attendance node\'s Timelines output',
		);
	});

	test('with Continue On Fail the others are credited and the bad one goes to the error output', async () => {
		const items = [{ json: { hello: 'world' } }, ...(await timelines())];
		const run = await runChain(items, [
			creditNode(
				{ scheduleSource: 'parameter', schedule, policySource: 'preset' },
				{ onError: 'continueErrorOutput' },
			),
		]);
		expect(out(run, 'CPE Credit', CREDIT).map((i) => [i.json.credits, pairedIndexes(i)])).toEqual([
			['2', [1]],
		]);
		expect(out(run, 'CPE Credit', NO_CREDIT)).toEqual([]);
		const errors = out(run, 'CPE Credit', 3);
		expect(errors.map((i) => [i.json.error, pairedIndexes(i)])).toEqual([
			[expect.stringMatching(/^Item 0 is not an attendance timeline/), [0]],
		]);
	});

	test('a timeline whose session the given schedule does not know is reported, not dropped', async () => {
		const other = scheduleYaml([sessionYaml('S9', '09:00', '10:40')]);
		const run = await runChain(await timelines(), [
			creditNode(
				{ scheduleSource: 'parameter', schedule: other, policySource: 'preset' },
				{ onError: 'continueRegularOutput' },
			),
		]);
		const review = out(run, 'CPE Credit', NEEDS_REVIEW);
		expect(review.map((i) => i.json.error)).toEqual([
			expect.stringMatching(/^Item 0, signal field "sessionId": received unknown session id "S1"/),
			expect.stringMatching(/^Item 0, signal field "sessionId"/),
		]);
	});

	test('registered attendees without evidence get No Credit with NO_ATTENDANCE_RECORDED', async () => {
		const registrations = JSON.stringify([{ attendeeId: 'no-show', sessionId: 'S1' }]);
		const run = await runChain(await timelines(), [
			creditNode({ policySource: 'preset', options: { registrations } }),
		]);
		const none = out(run, 'CPE Credit', NO_CREDIT);
		expect(
			none.map((i) => [
				(i.json.subject as IDataObject).attendeeId,
				(i.json.reasons as IDataObject[])[0].code,
			]),
		).toEqual([['no-show', 'NO_ATTENDANCE_RECORDED']]);
		expect(pairedIndexes(none[0])).toEqual([0]);
	});
});

describe('CPE Credit reports: bad items and formula injection', () => {
	async function decisionFor(attendeeId: string): Promise<IDataObject> {
		const cell = `"${attendeeId.replace(/"/g, '""')}"`;
		const csv = `Attendee ID,Session,Time,Type\n${cell},S1,2026-05-14 09:00,in\n${cell},S1,2026-05-14 10:40,out\n`;
		const run = await runChain(inputItems([{}]), [
			attendanceNode({ schedule, evidenceInput: 'text', attendanceCsv: csv }),
			creditNode({ policySource: 'preset' }),
		]);
		return out(run, 'CPE Credit', CREDIT)[0].json;
	}

	test('an attendee id that a spreadsheet would run as a formula is printed as text', async () => {
		const evil = await decisionFor('=HYPERLINK("http://evil.example","x")');
		expect((evil.subject as IDataObject).attendeeId).toBe('=HYPERLINK("http://evil.example","x")');
		const run = await runChain([{ json: evil }], [reportNode('rosterCsv')]);
		const row = binaryText(out(run, 'Report')[0]).split('\r\n')[1];
		expect(row.startsWith(`"'=HYPERLINK(""http://evil.example"",""x"")",S1,`)).toBe(true);
	});

	test('a non-decision item stops the report, or becomes an error item with Continue On Fail', async () => {
		const good = await decisionFor('a1');
		const items = [{ json: good }, { json: { subject: { attendeeId: 'x' } } }];
		const strict = await runChain(items, [reportNode('sponsorReport')]);
		expect(strict.error?.message).toMatch(
			/^Item 1 is not a credit decision: field "subject.sessionId": /,
		);
		const lenient = await runChain(items, [
			reportNode('sponsorReport', {}, { onError: 'continueRegularOutput' }),
		]);
		const [file, failed] = out(lenient, 'Report');
		expect(file.json.rows).toBe(1);
		expect(pairedIndexes(file)).toEqual([0]);
		expect(failed.json.error).toMatch(/^Item 1 is not a credit decision/);
		expect(pairedIndexes(failed)).toEqual([1]);
	});
});
