// A generated conference for the CPE event benchmarks: ATTENDEES people at every one of 40
// sessions over 4 days of 10 slots, recorded by badge gates as one chronological CSV export, as
// a scanner system hands it to the organiser. Day 1 opens with a keynote; the other talks are
// credited in blocks of three or four as one program each, so a certificate lists 13 lines (one
// page holds at most 15 with the NASBA statement). One in ten steps out and back in during a
// session, a few forget to scan out, and duplicate scans top the export up to 2.5 signals per
// attendee-session (200,000 for 2,000 attendees). Deterministic: the same size gives the same
// bytes in every run.
const { seededRandom } = require('./support');

const DAYS = 4;
const SLOTS = 10;
const SIGNALS_PER_ATTENDEE_SESSION = 2.5;
const STEP_OUT = 0.1;
const FORGETS_CHECK_OUT = 0.03;
const MINUTE = 60_000;
const TIMEZONE = 'America/Chicago';
/** Central Daylight Time in May: local wall time = UTC - 5 h. */
const LOCAL_OFFSET_MS = -5 * 60 * MINUTE;

const pad = (n, width = 2) => String(n).padStart(width, '0');

/** The programme, in the Attendance node's schedule format (YAML accepts this JSON). */
function conferenceSchedule() {
	const sessions = [];
	for (let day = 0; day < DAYS; day++) {
		for (let slot = 0; slot < SLOTS; slot++) {
			const keynote = day === 0 && slot === 0;
			// Day 1: keynote, then 1-3, 4-6, 7-9; other days: 0-3, 4-6, 7-9.
			const block = slot < 4 ? 1 : slot < 7 ? 2 : 3;
			sessions.push({
				id: `D${day + 1}-S${pad(slot + 1)}`,
				title: keynote ? 'Opening keynote' : `Day ${day + 1} talk ${slot + 1}`,
				...(keynote ? {} : { programId: `D${day + 1}-BLOCK${block}` }),
				start: `2026-05-${pad(11 + day)} ${pad(8 + slot)}:00`,
				end: `2026-05-${pad(11 + day)} ${pad(8 + slot)}:50`,
				creditPolicy: keynote ? 'keynote-full-duration' : 'nasba-fifths',
				fieldOfStudy: block % 2 === 0 ? 'Auditing' : 'Accounting',
				room: slot % 2 === 0 ? 'Main Hall' : 'Room A',
			});
		}
	}
	return {
		eventId: 'BENCH-CPE-2026',
		title: 'Benchmark CPE Conference 2026',
		timezone: TIMEZONE,
		defaultPolicy: 'nasba-fifths',
		sessions,
	};
}

/** The credit policies both runs apply; a missing check-out counts to the session end. */
const POLICIES = [
	{
		type: 'nasba',
		id: 'nasba-fifths',
		version: '2026.1',
		increment: 'fifths',
		grace: { missingCheckout: 'session_end' },
	},
	{
		type: 'threshold',
		id: 'keynote-full-duration',
		version: '1',
		minimumPercent: 100,
		credits: '1',
		grace: { lateArrivalMinutes: 5, earlyDepartureMinutes: 5, missingCheckout: 'session_end' },
	},
];

const sessionStartMs = (session) =>
	Date.parse(`${session.start.replace(' ', 'T')}:00Z`) - LOCAL_OFFSET_MS;

/** Local wall time of an instant, as the badge system prints it. */
function localTime(ms) {
	return new Date(ms + LOCAL_OFFSET_MS).toISOString().slice(0, 19).replace('T', ' ');
}

/** The badge export: a header and one row per scan, in time order. */
function conferenceCsv(attendees) {
	const random = seededRandom(2026);
	const { sessions } = conferenceSchedule();
	const scans = [];
	for (let a = 0; a < attendees; a++) {
		const person = { name: `Attendee ${pad(a, 5)}`, email: `a${pad(a, 5)}@conference.example.org` };
		for (const session of sessions) {
			const start = sessionStartMs(session);
			const scan = (at, direction) => scans.push({ at, person, session, direction });
			const arrive = start - 5 * MINUTE + Math.floor(random() * 12) * MINUTE;
			const leave = start + 42 * MINUTE + Math.floor(random() * 12) * MINUTE;
			scan(arrive, 'in');
			if (random() < STEP_OUT) {
				const out = start + (10 + Math.floor(random() * 20)) * MINUTE;
				scan(out, 'out');
				scan(out + Math.floor(random() * 11) * MINUTE, 'in');
				scan(leave, 'out');
			} else if (random() >= FORGETS_CHECK_OUT) scan(leave, 'out');
		}
	}
	const target = Math.round(attendees * sessions.length * SIGNALS_PER_ATTENDEE_SESSION);
	if (scans.length > target) throw new Error(`${scans.length} scans: more than ${target}`);
	// Duplicate scans at the door, half a minute after the first one: the commonest messy data.
	const originals = scans.length;
	while (scans.length < target) {
		const original = scans[Math.floor(random() * originals)];
		if (original.direction === 'in') scans.push({ ...original, at: original.at + 30_000 });
	}
	scans.sort((x, y) => x.at - y.at);
	const rows = scans.map(
		({ at, person, session, direction }) =>
			`${person.name},${person.email},${session.id},${localTime(at)},${direction},${session.room}`,
	);
	return {
		csv: `Full Name,Email Address,Session,Scan Time,Direction,Room\n${rows.join('\n')}\n`,
		signals: scans.length,
		sessions: sessions.length,
	};
}

module.exports = { conferenceCsv, conferenceSchedule, POLICIES };
