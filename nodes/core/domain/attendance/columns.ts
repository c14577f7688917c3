import { TEXT_LIMITS, type SignalKind, type TextKind } from '../model';

/** The fields an attendance row can carry, whatever its columns are called. */
export type AttendanceField =
	| 'attendeeId'
	| 'email'
	| 'registrantId'
	| 'name'
	| 'firstName'
	| 'lastName'
	| 'sessionId'
	| 'room'
	| 'time'
	| 'date'
	| 'checkIn'
	| 'checkOut'
	| 'joinTime'
	| 'leaveTime'
	| 'kind'
	| 'pollId'
	| 'answer'
	| 'answered'
	| 'checkedIn'
	| 'source'
	| 'confidence'
	| 'from'
	| 'until'
	| 'timezone';

/** Each field's kind of text (an id unless listed): the same limits as the signal contract. */
const FIELD_KINDS: Partial<Record<AttendanceField, TextKind>> = {
	email: 'email',
	name: 'name',
	firstName: 'name',
	lastName: 'name',
	room: 'name',
	answer: 'text',
};

/** The longest text a cell of this field may hold. */
export function cellLimit(field: AttendanceField): number {
	return TEXT_LIMITS[FIELD_KINDS[field] ?? 'id'];
}

/**
 * Column names of badge-scanner, kiosk, Eventbrite and Zoom exports, compared after
 * lower-casing and dropping everything but letters and digits ("Check-In Time" -> checkintime).
 * Zoom's names are documented; the scanner and kiosk list is inferred from typical exports, so
 * callers can name columns explicitly. Zoom's per-segment user_id is deliberately absent: it
 * changes on every rejoin.
 */
const ALIASES: Record<AttendanceField, string[]> = {
	attendeeId: [
		'attendeeid',
		'attendee',
		'badgeid',
		'badge',
		'badgenumber',
		'barcode',
		'registrationid',
		'referenceid',
		'attendeenumber',
		'participantid',
		'memberid',
		'ticketid',
		'learnerid',
		'personid',
	],
	email: ['email', 'emailaddress', 'useremail', 'attendeeemail', 'participantemail', 'mail'],
	registrantId: ['registrantid', 'registrant'],
	name: [
		'name',
		'fullname',
		'participantname',
		'attendeename',
		'username',
		'displayname',
		'nameoriginalname',
	],
	firstName: ['firstname', 'givenname'],
	lastName: ['lastname', 'surname', 'familyname'],
	sessionId: [
		'sessionid',
		'session',
		'sessioncode',
		'sessionname',
		'sessiontitle',
		'webinarid',
		'meetingid',
	],
	room: ['room', 'location', 'sessionlocation', 'hall', 'venue'],
	time: [
		'time',
		'timestamp',
		'scantime',
		'scannedat',
		'scandatetime',
		'datetime',
		'at',
		'eventtime',
		'heartbeatat',
		'answeredat',
		'submittedat',
		'submitteddatetime',
		'confirmedat',
		'recordedat',
	],
	date: ['date', 'eventdate', 'sessiondate', 'scandate'],
	checkIn: [
		'checkintime',
		'checkindate',
		'checkindatetime',
		'checkedinat',
		'checkin',
		'timein',
		'intime',
		'signintime',
	],
	checkOut: [
		'checkouttime',
		'checkoutdate',
		'checkoutdatetime',
		'checkedoutat',
		'checkout',
		'timeout',
		'outtime',
		'signouttime',
	],
	joinTime: ['jointime', 'joinedat', 'join'],
	leaveTime: ['leavetime', 'leftat', 'leave'],
	kind: [
		'kind',
		'type',
		'event',
		'action',
		'direction',
		'scantype',
		'signal',
		'signaltype',
		'inout',
	],
	pollId: ['pollid', 'poll', 'question', 'questionid', 'pollquestion'],
	answer: ['answer', 'response', 'pollanswer'],
	answered: ['answered'],
	checkedIn: ['checkedin'],
	source: ['source', 'device', 'scanner', 'scannedby', 'kiosk'],
	confidence: ['confidence'],
	from: ['from', 'windowstart', 'confirmedfrom', 'presentfrom'],
	until: ['until', 'to', 'windowend', 'confirmeduntil', 'presentuntil'],
	timezone: ['timezone', 'tz', 'zone'],
};

/** What people write for a signal's kind, normalised the same way as column names. */
const KIND_WORDS: Record<string, SignalKind> = {
	in: 'check_in',
	checkin: 'check_in',
	checkedin: 'check_in',
	entry: 'check_in',
	enter: 'check_in',
	arrival: 'check_in',
	scanin: 'check_in',
	signin: 'check_in',
	out: 'check_out',
	checkout: 'check_out',
	checkedout: 'check_out',
	exit: 'check_out',
	departure: 'check_out',
	scanout: 'check_out',
	signout: 'check_out',
	scan: 'scan',
	badgescan: 'scan',
	scanned: 'scan',
	join: 'join',
	joined: 'join',
	participantjoined: 'join',
	webinarparticipantjoined: 'join',
	meetingparticipantjoined: 'join',
	leave: 'leave',
	left: 'leave',
	participantleft: 'leave',
	webinarparticipantleft: 'leave',
	meetingparticipantleft: 'leave',
	heartbeat: 'heartbeat',
	ping: 'heartbeat',
	presence: 'heartbeat',
	poll: 'poll_answer',
	pollanswer: 'poll_answer',
	answer: 'poll_answer',
	response: 'poll_answer',
	manual: 'manual',
	confirmation: 'manual',
	confirmed: 'manual',
	moderator: 'manual',
	attested: 'manual',
};

export function normaliseName(name: string): string {
	return name.toLowerCase().replace(/[^a-z0-9]/g, '');
}

const FIELD_BY_ALIAS = new Map<string, AttendanceField>();
for (const [field, aliases] of Object.entries(ALIASES) as Array<[AttendanceField, string[]]>) {
	for (const alias of aliases) FIELD_BY_ALIAS.set(alias, field);
}

/** Which column holds which field. Explicit choices win over aliases. */
export type ColumnMap = Partial<Record<AttendanceField, string>>;

/** Maps the columns of one row (or a CSV header) to fields; the first matching column wins. */
export function resolveColumns(columns: readonly string[], explicit: ColumnMap = {}): ColumnMap {
	const map: ColumnMap = { ...explicit };
	const taken = new Set(Object.values(explicit));
	for (const column of columns) {
		if (taken.has(column)) continue;
		const field = FIELD_BY_ALIAS.get(normaliseName(column));
		if (field && map[field] === undefined) map[field] = column;
	}
	return map;
}

/** The signal kind a cell names ("Check-In", "OUT", "webinar.participant_left"), if any. */
export function kindFromWord(word: string): SignalKind | undefined {
	return KIND_WORDS[normaliseName(word)];
}

/** A few aliases of a field, for messages that say which column was expected. */
export function expectedColumns(field: AttendanceField): string {
	return ALIASES[field].slice(0, 4).join(', ');
}
