// How long the CPE credit engine takes for a large conference: 10,000 attendees x 40 sessions
// and 1,000,000 attendance signals (badge in/out pairs, attendees stepping out and back in
// through another device, duplicate scans, missing check-outs, Zoom segments and attendance
// polls), from normalised signals to explained decisions. The baseline is a bare sort of the
// same signals by time, the least any timeline needs. It also prints the share of decisions
// sent to review: a realistic multi-device conference should stay within the 2 % target.
const path = require('node:path');

const { medianSeconds, report, seededRandom } = require('./support');

const built = path.resolve(__dirname, '../dist/nodes/core/domain');
const { parseSchedule } = require(path.join(built, 'attendance'));
const { computeCredits, parseCreditPolicies } = require(path.join(built, 'credit'));
const { utcMillis } = require(path.join(built, 'attendance/time-values'));

const ATTENDEES = 10_000;
const DAYS = 4;
const SLOTS = 10;
const VIRTUAL_SLOTS = new Set([5]); // one webinar a day, three polls
const TARGET_SIGNALS = 1_000_000;
const STEP_OUT = 0.1;
const REVIEW_TARGET_PERCENT = 2;
const random = seededRandom(2026);

const pad = (n) => String(n).padStart(2, '0');
const sessions = [];
for (let day = 0; day < DAYS; day++) {
	for (let slot = 0; slot < SLOTS; slot++) {
		const virtual = VIRTUAL_SLOTS.has(slot);
		sessions.push({
			id: `D${day + 1}-S${pad(slot + 1)}`,
			title: `Day ${day + 1} session ${slot + 1}`,
			start: `2026-05-${pad(11 + day)} ${pad(8 + slot)}:00`,
			end: `2026-05-${pad(11 + day)} ${pad(8 + slot)}:50`,
			deliveryMethod: virtual ? 'group-internet' : 'group-live',
			creditPolicy: slot === 0 ? 'keynote' : 'nasba',
			fieldOfStudy: 'Accounting',
		});
	}
}
const schedule = parseSchedule({ timezone: 'America/New_York', sessions });
if (!schedule.ok) throw new Error(JSON.stringify(schedule.issues));
const policies = parseCreditPolicies([
	{
		type: 'nasba',
		id: 'nasba',
		version: '2026.1',
		increment: 'fifths',
		grace: { missingCheckout: 'session_end' },
	},
	{
		type: 'threshold',
		id: 'keynote',
		version: '1',
		minimumPercent: 100,
		credits: '1',
		grace: { lateArrivalMinutes: 5, earlyDepartureMinutes: 5 },
	},
]);
if (!policies.ok) throw new Error(JSON.stringify(policies.issues));

const iso = (ms) => new Date(ms).toISOString();
const signals = [];
const minute = 60_000;
for (let a = 0; a < ATTENDEES; a++) {
	const attendeeId = `A${String(a).padStart(5, '0')}`;
	for (const scheduled of schedule.sessions.values()) {
		const sessionId = scheduled.id;
		const start = scheduled.startMs;
		const arrive = start - 5 * minute + Math.floor(random() * 12) * minute;
		const leave = scheduled.endMs - 8 * minute + Math.floor(random() * 12) * minute;
		if (scheduled.session.deliveryMethod === 'group-internet') {
			const segmentId = `z${a}-${sessionId}`;
			signals.push({
				attendeeId,
				sessionId,
				kind: 'join',
				at: iso(arrive),
				source: 'zoom_report',
				confidence: 0.95,
				segmentId,
			});
			signals.push({
				attendeeId,
				sessionId,
				kind: 'leave',
				at: iso(leave),
				source: 'zoom_report',
				confidence: 0.95,
				segmentId,
			});
			for (let p = 0; p < 3; p++) {
				const answered = random() < 0.9;
				signals.push({
					attendeeId,
					sessionId,
					kind: 'poll_answer',
					at: iso(start + (10 + p * 13) * minute),
					source: 'poll',
					confidence: 1,
					pollId: `p${p + 1}`,
					answered,
				});
			}
			continue;
		}
		const visit = (kind, at, source) =>
			signals.push({ attendeeId, sessionId, kind, at: iso(at), source, confidence: 0.95 });
		visit('check_in', arrive, 'badge');
		// One in ten steps out: the badge gate sees the exit, and the way back in is seen by a
		// kiosk or, in the same second, by another badge gate. Each stay is seen by one device.
		if (random() < STEP_OUT) {
			const out = start + (10 + Math.floor(random() * 20)) * minute;
			const back = out + Math.floor(random() * 11) * minute;
			visit('check_out', out, 'badge');
			const device = back === out ? 'badge' : random() < 0.5 ? 'kiosk' : 'badge';
			visit('check_in', back, device);
			visit('check_out', leave, device);
		} else if (random() < 0.97) visit('check_out', leave, 'badge');
	}
}
if (signals.length > TARGET_SIGNALS) throw new Error(`${signals.length} signals: too many`);
// Top up to exactly one million with duplicate scans (the commonest messy data).
while (signals.length < TARGET_SIGNALS) {
	const original = signals[Math.floor(random() * signals.length)];
	if (original.kind !== 'check_in') continue;
	signals.push({ ...original, at: iso(Date.parse(original.at) + 30_000) });
}
signals.length = TARGET_SIGNALS;
// Sources deliver in no particular order.
for (let i = signals.length - 1; i > 0; i--) {
	const j = Math.floor(random() * (i + 1));
	[signals[i], signals[j]] = [signals[j], signals[i]];
}

const now = new Date('2026-06-01T00:00:00Z');
let decisions = 0;
let toReview = 0;
const creditSeconds = medianSeconds(
	() => {
		const result = computeCredits({ schedule, policies: policies.policies, signals, now });
		if (!result.ok) throw new Error(JSON.stringify(result.issues));
		decisions = result.decisions.length;
		toReview = result.decisions.filter((d) => d.outcome === 'needs_review').length;
	},
	{ rounds: 5, warmup: 1 },
);
let first = '';
const sortSeconds = medianSeconds(
	() => {
		const sorted = signals.slice().sort((x, y) => (x.at < y.at ? -1 : x.at > y.at ? 1 : 0));
		first = sorted[0].at;
	},
	{ rounds: 5, warmup: 1 },
);
// The least any credit engine must do before a rule runs: read each signal's attendee, session
// and time once, parse the time (with our fastest parser) and file the signal under its attendee
// and session (a counting sort). No validation, timelines or decisions. It shows what share of
// the time goes on reaching a million objects in memory at all on the machine that runs this.
let filed = 0;
const readOnceSeconds = medianSeconds(
	() => {
		const n = signals.length;
		const sessionIndex = new Map([...schedule.sessions.keys()].map((id, i) => [id, i]));
		const attendeeIndex = new Map();
		const group = new Int32Array(n);
		const ms = new Float64Array(n);
		for (let i = 0; i < n; i++) {
			const signal = signals[i];
			let attendee = attendeeIndex.get(signal.attendeeId);
			if (attendee === undefined)
				attendeeIndex.set(signal.attendeeId, (attendee = attendeeIndex.size));
			group[i] = attendee * sessionIndex.size + sessionIndex.get(signal.sessionId);
			ms[i] = utcMillis(signal.at);
		}
		const starts = new Int32Array(attendeeIndex.size * sessionIndex.size + 1);
		for (let i = 0; i < n; i++) starts[group[i] + 1]++;
		for (let g = 1; g < starts.length; g++) starts[g] += starts[g - 1];
		const order = new Int32Array(n);
		for (let i = 0; i < n; i++) order[starts[group[i]]++] = i;
		filed = order.length;
	},
	{ rounds: 5, warmup: 1 },
);
if (decisions !== ATTENDEES * DAYS * SLOTS || first === '' || filed !== TARGET_SIGNALS)
	throw new Error(`benchmark did no work (${decisions} decisions)`);

report('cpe-credits-1m-signals', creditSeconds, 's', sortSeconds);
report('cpe-signals-read-once', readOnceSeconds, 's', sortSeconds);
report('cpe-review-rate', (100 * toReview) / decisions, '%', REVIEW_TARGET_PERCENT);
