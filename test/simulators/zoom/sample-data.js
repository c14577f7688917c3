'use strict';
// The demo webinar of template 22 and the demo Server-to-Server OAuth app. Local-only values,
// never real keys. Deterministic: the same rows every start, so tests can count them.

const ZOOM_ACCOUNT_ID = 'zoom-sim-account-0001';
const ZOOM_CLIENT_ID = 'zoom-sim-client';
const ZOOM_CLIENT_SECRET = 'zoom-sim-client-secret-0001';
const SAMPLE_WEBINAR_ID = '85746065432';
const SAMPLE_WEBINAR_START = '2026-05-20T14:00:00Z';

const NAMES = [
	'Ada Lovelace',
	'Grace Hopper',
	'Katherine Johnson',
	'Alan Turing',
	'Edsger Dijkstra',
	'Barbara Liskov',
	'Donald Knuth',
	'Frances Allen',
	'John Backus',
	'Margaret Hamilton',
	'Radia Perlman',
	'Tim Berners-Lee',
	'Vint Cerf',
	'Shafi Goldwasser',
	'Leslie Lamport',
	'Ken Thompson',
	'Dennis Ritchie',
	'Jean Sammet',
	'Hedy Lamarr',
	'Annie Easley',
	'Claude Shannon',
	'John McCarthy',
	'Marvin Minsky',
	'Adele Goldberg',
	'Alan Kay',
	'Ivan Sutherland',
	'Fran Bilas',
	'Betty Holberton',
	'Kay McNulty',
	'Ruth Teitelbaum',
	'Marlyn Meltzer',
	'Jean Bartik',
	'Sophie Wilson',
	'Steve Furber',
	'Lynn Conway',
	'Carver Mead',
	'Niklaus Wirth',
	'Tony Hoare',
	'Robin Milner',
	'Peter Naur',
];
// Registered but never joined: the template records No Credit for them.
const NO_SHOWS = ['Evelyn Berezin', 'Mary Keller', 'Joan Clarke', 'Ida Rhodes'];

const emailOf = (name) => `${name.toLowerCase().replace(/[^a-z]+/g, '.')}@example.com`;
const at = (minutes) =>
	new Date(Date.parse(SAMPLE_WEBINAR_START) + minutes * 60000).toISOString().replace('.000Z', 'Z');

/** One report row per join segment, as Zoom writes them (duration in seconds). */
function segment(index, name, email, fromMinute, toMinute, extra = {}) {
	return {
		id: '',
		user_id: String(16778240 + index),
		name,
		user_email: email,
		join_time: at(fromMinute),
		leave_time: at(toMinute),
		duration: (toMinute - fromMinute) * 60,
		failover: false,
		status: 'in_meeting',
		customer_key: '',
		registrant_id: email ? `reg-${email.split('@')[0]}` : '',
		...extra,
	};
}

/**
 * 40 registered attendees for the whole 100 minutes, with the cases a real report has: two
 * rejoins (one row per segment), one attendee who left after an hour, a guest with an empty
 * user_email and a waiting-room row.
 */
function sampleParticipants() {
	const rows = [];
	NAMES.forEach((name, i) => {
		const email = emailOf(name);
		if (i === 1 || i === 7) {
			rows.push(segment(rows.length, name, email, -2, 45));
			rows.push(segment(rows.length, name, email, 47, 100));
		} else if (i === 3) {
			rows.push(segment(rows.length, name, email, 0, 60));
		} else rows.push(segment(rows.length, name, email, -1, 100));
	});
	rows.push(segment(rows.length, 'Guest Caller', '', 5, 100));
	rows.push(
		segment(rows.length, 'Late Visitor', 'late.visitor@example.com', 99, 100, {
			status: 'in_waiting_room',
		}),
	);
	return rows;
}

function sampleRegistrants() {
	return [...NAMES, ...NO_SHOWS].map((name) => {
		const [first, ...last] = name.split(' ');
		const email = emailOf(name);
		return {
			id: `reg-${email.split('@')[0]}`,
			email,
			first_name: first,
			last_name: last.join(' '),
			status: 'approved',
			create_time: '2026-05-01T09:00:00Z',
			join_url: `https://example.zoom.us/w/${SAMPLE_WEBINAR_ID}?tk=demo`,
		};
	});
}

module.exports = {
	ZOOM_ACCOUNT_ID,
	ZOOM_CLIENT_ID,
	ZOOM_CLIENT_SECRET,
	SAMPLE_WEBINAR_ID,
	SAMPLE_WEBINAR_START,
	NO_SHOW_EMAILS: NO_SHOWS.map(emailOf),
	sampleParticipants,
	sampleRegistrants,
};
