// Cells and ids a sender controls: an object (from an n8n item or a Zoom webhook) went through
// String(), which throws on {"toString": 1} and failed the whole batch; a column mapped to
// "constructor" read Object's constructor from every row. Each is now a clear error of its row.
import { parseAttendanceRows, parseZoomWebhook } from '../../../nodes/core/domain/attendance';
import { scheduleOf, session } from '../credit/cpe-fixtures';

const schedule = scheduleOf([session('S1', '09:00', '10:00')]);
const UNPRINTABLE = JSON.parse('{"toString":1,"valueOf":{}}') as unknown;

test('an object in a cell is an error of that row naming the column; other rows go on', () => {
	const rows = [
		{ Email: 'ada@example.com', Session: UNPRINTABLE, Time: '2026-05-14 09:05' },
		{ Email: 'alan@example.com', Session: 'S1', Time: '2026-05-14 09:10' },
	];
	const result = parseAttendanceRows(rows, { schedule, source: 'badge', includeRaw: false });
	expect(result.errors).toEqual([
		{ row: 1, column: 'Session', message: 'received an object; expected text, a number or a time' },
	]);
	expect(result.signals.map((signal) => signal.row)).toEqual([2]);
});

test('a column mapped to "constructor" reads nothing inherited from Object', () => {
	const rows = [{ Email: 'ada@example.com', Session: 'S1', Time: '2026-05-14 09:05' }];
	const result = parseAttendanceRows(rows, {
		schedule,
		source: 'badge',
		includeRaw: false,
		columns: { room: 'constructor' },
	});
	expect(result.errors).toEqual([]);
	expect(result.signals[0]).not.toHaveProperty('room');
	expect(JSON.stringify(result.signals)).not.toContain('native code');
});

test('a Zoom webhook whose meeting id is an object is refused in its row', () => {
	const body = {
		event: 'meeting.participant_joined',
		payload: {
			object: {
				id: UNPRINTABLE,
				participant: {
					user_name: 'Ada',
					email: 'ada@example.com',
					join_time: '2026-05-14T13:05:00Z',
				},
			},
		},
	};
	const result = parseZoomWebhook([body], { schedule });
	expect(result.errors).toEqual([
		{
			row: 1,
			column: 'payload.object.id',
			message: 'received meeting an object; expected a meeting mapped to a schedule session',
		},
	]);
});
