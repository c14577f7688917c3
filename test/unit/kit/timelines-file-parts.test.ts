import { createHash } from 'node:crypto';

import { buildTimelines, timelineToJson } from '../../../nodes/core/domain/attendance';
import type { AttendanceSignal } from '../../../nodes/core/domain/model';
import {
	TIMELINES_FILE_FORMAT,
	timelinesFileParts,
	type TimelinesFile,
} from '../../../nodes/kit/cpe/timelines-file';
import { at, scheduleOf, session, signal } from '../credit/cpe-fixtures';

const schedule = scheduleOf([session('S1', '09:00', '10:00'), session('S2', '10:30', '11:30')]);
const signals: AttendanceSignal[] = ['a1', 'a2', 'a3'].flatMap((attendeeId) =>
	['S1', 'S2'].flatMap((sessionId) => [
		signal({
			attendeeId,
			sessionId,
			kind: 'check_in',
			at: at(sessionId === 'S1' ? '09:00' : '10:30'),
		}),
		signal({
			attendeeId,
			sessionId,
			kind: 'check_out',
			at: at(sessionId === 'S1' ? '10:00' : '11:30'),
		}),
	]),
);
const { timelines } = buildTimelines(signals, schedule);
const header: Omit<TimelinesFile, 'timelines'> = {
	format: TIMELINES_FILE_FORMAT,
	eventId: 'EV-1',
	timelineOptions: { duplicateWindowSeconds: 30, clockSkewMinutes: undefined },
	sessions: [],
};
/** The file as it was written before it came in parts: one JSON.stringify of everything. */
const whole = JSON.stringify({ ...header, timelines: timelines.map(timelineToJson) });

describe('the timelines file written in parts', () => {
	it.each([1, 2, 4, 6, 500])(
		'is byte for byte the whole file, its digest the sha256 of those bytes (%i per part)',
		(perPart) => {
			const hash = createHash('sha256');
			const parts = [...timelinesFileParts(header, timelines, hash, perPart)];
			const text = Buffer.concat(parts).toString('utf8');
			expect(text).toBe(whole);
			expect(hash.digest('hex')).toBe(createHash('sha256').update(whole, 'utf8').digest('hex'));
			// The header, one part per batch of timelines, the closing brackets.
			expect(parts).toHaveLength(2 + Math.ceil(timelines.length / perPart));
		},
	);

	it('an event without timelines is an empty list', () => {
		const parts = [...timelinesFileParts(header, [], createHash('sha256'))];
		expect(JSON.parse(Buffer.concat(parts).toString('utf8'))).toEqual(
			JSON.parse(JSON.stringify({ ...header, timelines: [] })),
		);
	});
});
