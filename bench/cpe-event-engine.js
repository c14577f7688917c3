// The conference's certificates through the domain code alone, no n8n: what the benchmark's
// workflow does node by node (Attendance, CPE Credit one item per attendee, Reserve,
// Certificate, Record Issued, Record No Credit), timed in three parts: the credit engine (CSV to
// per-attendee decisions with their evidence digests), the PDFs, and the signed ledger entries.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { performance } = require('node:perf_hooks');

const { POLICIES } = require('./cpe-event-conference');

const built = path.resolve(__dirname, '../dist/nodes/core');
const attendance = require(path.join(built, 'domain/attendance'));
const credit = require(path.join(built, 'domain/credit'));
const certificate = require(path.join(built, 'domain/certificate'));
const ledger = require(path.join(built, 'domain/ledger'));
const { canonicalJson, sha256Hex } = require(path.join(built, 'domain/canonical'));
const { EmbeddedStore } = require(path.join(built, 'integrations/ledger-storage'));

const ACTOR = 'workflow:cpe-event-bench';
const CREDITED = new Set(['full_credit', 'partial_credit']);
/** The Certificate node's default statement, which the fixture keeps. */
const NASBA_TIME_STATEMENT =
	'In accordance with the standards of the National Registry of CPE Sponsors, CPE credits have been granted based on a 50-minute hour.';

const seconds = (start) => (performance.now() - start) / 1000;

/** CSV to one roll-up per attendee with its evidence digest, as the two CPE nodes compute it. */
function decideAttendees(programme, csv) {
	const schedule = attendance.parseSchedule(programme);
	if (!schedule.ok) throw new Error(JSON.stringify(schedule.issues));
	const policies = credit.parseCreditPolicies(POLICIES);
	if (!policies.ok) throw new Error(JSON.stringify(policies.issues));
	const read = attendance.parseAttendanceCsv(csv, { schedule, source: 'badge' });
	if (read.errors.length > 0) throw new Error(`CSV row errors: ${JSON.stringify(read.errors[0])}`);
	const timelines = attendance.buildTimelines(read.signals, schedule, {});
	const result = credit.computeCredits({
		schedule,
		policies: policies.policies,
		signals: read.signals,
	});
	if (!result.ok) throw new Error(JSON.stringify(result.issues));
	const signalsOf = new Map();
	for (const timeline of timelines.timelines) {
		const list = signalsOf.get(timeline.attendeeId) ?? [];
		for (const prepared of timeline.signals) list.push(prepared.signal);
		signalsOf.set(timeline.attendeeId, list);
	}
	const eventId = programme.eventId;
	const attendees = [];
	for (const [attendeeId, own] of credit.groupByAttendee(result.decisions)) {
		const rollUp = credit.rollUpAttendee(attendeeId, own, schedule, eventId);
		const signals = signalsOf.get(attendeeId) ?? [];
		const evidenceText = canonicalJson({ attendeeId, eventId, decisions: own, signals });
		const name = credit.attendeeNameOf(signals.map((signal) => signal.raw));
		attendees.push({
			...rollUp,
			attendeeName: name,
			evidenceDigest: sha256Hex(evidenceText),
			evidenceText,
		});
	}
	return { attendees, signals: read.signals.length };
}

/** The certificate the fixture's Certificate node renders for one credited attendee. */
function certificateInput(attendee, programme) {
	const certificateId = certificate.deriveCertificateId([
		ledger.deriveAttendeeEventKey(attendee.subject),
	]);
	return {
		recipientName: attendee.attendeeName ?? attendee.subject.attendeeId,
		recipientId: attendee.subject.attendeeId,
		courseTitle: programme.title,
		courseId: attendee.subject.eventId,
		credits: [],
		sessions: attendee.sessionCredits,
		sponsorName: 'Benchmark CPE Conference (demo sponsor)',
		sponsorContact: 'cpe-desk@conference.example.org · 100 Main Street, Chicago IL 60601',
		sponsorRegistryId: '000000 (demo)',
		location: 'Chicago, IL (Lakeside Conference Center)',
		signerName: 'Dana Lee',
		signerTitle: 'CPE Program Administrator',
		statements: [NASBA_TIME_STATEMENT],
		certificateId,
		verificationUrl: `http://127.0.0.1:5678/webhook/verify/${certificateId}`,
		issuedAt: new Date().toISOString(),
		completedOn: '',
		decisionRef: `policy ${attendee.ruleSetId} v${attendee.ruleVersion} · ${attendee.ruleHash.slice(0, 12)}`,
	};
}

/** The whole conference without n8n; seconds per part and what was done, to check the n8n run. */
async function runEngineAlone(programme, csv) {
	let start = performance.now();
	const { attendees, signals } = decideAttendees(programme, csv);
	const engineSeconds = seconds(start);
	const credited = attendees.filter((a) => CREDITED.has(a.outcome));

	start = performance.now();
	const rendered = new Map();
	for (const attendee of credited) {
		const { record } = await certificate.renderCertificate(certificateInput(attendee, programme));
		rendered.set(attendee, record);
	}
	const pdfSeconds = seconds(start);

	const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'cpe-event-engine-'));
	const signer = ledger.ed25519Signer({
		privateKeyPem: ledger.generateEd25519KeyPair().privateKeyPem,
	});
	const store = await EmbeddedStore.open({ folder, signer });
	const book = new ledger.CredentialLedger({ store });
	start = performance.now();
	try {
		for (const attendee of attendees) {
			const { evidenceText, ...decision } = attendee;
			const key = ledger.deriveAttendeeEventKey(attendee.subject);
			const evidence = { ...decision, evidenceFile: JSON.parse(evidenceText) };
			if (attendee.outcome === 'no_credit') {
				await book.recordDecision(key, decision, { actor: ACTOR, evidence });
				continue;
			}
			if (attendee.outcome === 'needs_review') continue;
			const reserved = await book.reserve(key, decision, { actor: ACTOR, evidence });
			const { certificateId } = rendered.get(attendee);
			const issued = { platform: 'certificate-pdf', externalId: certificateId };
			await book.record(key, 'issued', { ...issued, attempt: reserved.attempt }, ACTOR);
		}
	} finally {
		await store.close();
		fs.rmSync(folder, { recursive: true, force: true });
	}
	const ledgerSeconds = seconds(start);
	const count = (outcome) => attendees.filter((a) => a.outcome === outcome).length;
	return {
		engineSeconds,
		pdfSeconds,
		ledgerSeconds,
		signals,
		attendees: attendees.length,
		credited: credited.length,
		needsReview: count('needs_review'),
		noCredit: count('no_credit'),
	};
}

module.exports = { ledger, runEngineAlone };
