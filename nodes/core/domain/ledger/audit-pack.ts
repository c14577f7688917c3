import { z } from 'zod';

import { canonicalJson } from '../canonical';
import { CreditDecisionSchema } from '../model/credit-decision';
import { cappedText } from '../model/limits';
import { rosterCsv, sponsorReport, toCsv, type ReportEntry } from '../report';
import { ZipWriter } from '../report/zip-writer';
import { auditPackReadme } from './audit-pack-readme';
import { applyEntry, type CredentialStatus } from './credential-state';
import { statusesCsv } from './csv-export';
import type { ChainHead } from './entry';
import { LedgerError, parseOrThrow } from './errors';
import { isPlainObject, type JsonObject, type JsonValue } from './json';
import type { LedgerStore } from './store';
import type { VerifyResult } from './verify';

export interface AuditPackOptions {
	eventId: unknown;
	/** When the pack is made: its README and every file's modification time. */
	generatedAt: Date;
	/** Base of the public verification page; a certificate is checked at <base>/<certificate id>. */
	verificationUrl?: string;
	/** The signing key's public half (Ed25519), so the chain can be re-verified from the pack. */
	publicKeyPem?: string;
}

export type EvidenceState = 'present' | 'erased' | 'missing' | 'none';
export type CertificateState = 'valid' | 'revoked' | 'superseded' | 'not_issued';

export interface AuditPackSummary {
	eventId: string;
	attendees: number;
	certificates: Record<CertificateState, number>;
	evidence: Record<EvidenceState, number>;
	/** Decisions read from the evidence (one roster row each); evidence decisions that fail the schema. */
	rosterRows: number;
	unreadableDecisions: number;
	head: ChainHead;
	chainVerified: boolean;
	files: string[];
}

/** One attendee's credential in the event, with the issued entry's public facts. */
export interface EventCredential {
	status: CredentialStatus;
	issued?: JsonObject;
}

const EventIdSchema = cappedText('id');
const SHA256 = /^[0-9a-f]{64}$/;
// The README sends auditors there, so only a web address will do.
const HttpUrlSchema = z
	.string()
	.url()
	.regex(
		/^https?:\/\//i,
		'expected an http(s) address, e.g. https://n8n.example.com/webhook/verify',
	);

const CERTIFICATE_HEADER = [
	'certificate_id',
	'key',
	'attendee_id',
	'attendee_name',
	'event_id',
	'platform',
	'credits',
	'issued_at',
	'pdf_sha256',
	'status',
	'url',
	'evidence_hash',
	'evidence',
];

/**
 * Everything a sponsor or regulator asks about one event, as one zip: roster, sponsor report,
 * each attendee's private evidence exactly as the chain committed to it, the certificates with
 * their status, the auditor export of the event's credentials, a chain verification and a README.
 * Only credentials whose decision names this event are read, so no other event's data gets in.
 */
export async function buildAuditPack(
	store: LedgerStore,
	verify: () => Promise<VerifyResult>,
	options: AuditPackOptions,
): Promise<{ zip: Buffer; summary: AuditPackSummary }> {
	const eventId = parseOrThrow(EventIdSchema, options.eventId, 'event id', 'eventId');
	if (options.verificationUrl !== undefined)
		parseOrThrow(
			HttpUrlSchema,
			options.verificationUrl,
			'verification page URL',
			'verificationUrl',
		);
	const head = await store.head();
	const credentials = await eventCredentials(store, eventId, head.seq);
	if (credentials.length === 0) {
		throw new LedgerError(
			'unknown_key',
			`No CPE decision in this ledger names event "${eventId}": check Event ID against the schedule's eventId (as CPE Credit wrote it, case-sensitive), and that Reserve or Record Decision ran with this ledger`,
			{ issues: [{ path: 'eventId', message: 'no credential of this event in the ledger' }] },
		);
	}
	const zip = new ZipWriter(options.generatedAt);
	const summary: AuditPackSummary = {
		eventId,
		attendees: credentials.length,
		certificates: { valid: 0, revoked: 0, superseded: 0, not_issued: 0 },
		evidence: { present: 0, erased: 0, missing: 0, none: 0 },
		rosterRows: 0,
		unreadableDecisions: 0,
		head,
		chainVerified: false,
		files: zip.names,
	};
	const reportEntries: ReportEntry[] = [];
	const certificateRows: string[][] = [];
	for (const credential of credentials) {
		const { status } = credential;
		const evidence = await latestEvidence(store, status);
		summary.evidence[evidence.state]++;
		let attendee: JsonObject | undefined;
		if (evidence.record) {
			// Written as committed: its sha256 is the evidence hash on the chain.
			zip.add(`evidence/${status.key}.json`, canonicalJson(evidence.record));
			const file = evidenceFileOf(evidence.record, eventId);
			attendee = file;
			for (const decision of file?.decisions ?? []) {
				const parsed = CreditDecisionSchema.safeParse(decision);
				if (parsed.success) reportEntries.push({ decision: parsed.data });
				else summary.unreadableDecisions++;
			}
		}
		const state = certificateState(status);
		summary.certificates[state]++;
		certificateRows.push(certificateRow(credential, eventId, state, evidence, attendee));
	}
	summary.rosterRows = reportEntries.length;
	zip.add('roster.csv', rosterCsv(reportEntries));
	zip.add('sponsor-report.csv', sponsorReport(reportEntries).csv);
	zip.add('certificates.csv', toCsv([CERTIFICATE_HEADER, ...certificateRows]));
	zip.add('ledger-export.csv', statusesCsv(credentials.map((c) => c.status)));
	const verification = await verify();
	summary.chainVerified = verification.ok;
	zip.add(
		'ledger-verification.json',
		JSON.stringify(
			{
				eventId,
				verifiedAt: options.generatedAt.toISOString(),
				headWhenPacked: head,
				result: verification,
				algorithm: store.verifier.algorithm,
				keyId: store.verifier.keyId,
				...(options.publicKeyPem ? { publicKeyPem: options.publicKeyPem } : {}),
			},
			null,
			2,
		) + '\n',
	);
	zip.add('README.txt', auditPackReadme({ ...options, summary }));
	return { zip: zip.finish(), summary };
}

/** The event's credentials in order of first decision, read up to `lastSeq` (the head when packing began). */
export async function eventCredentials(
	store: LedgerStore,
	eventId: string,
	lastSeq: number,
): Promise<EventCredential[]> {
	const byKey = new Map<string, EventCredential>();
	for await (const entry of store.entries()) {
		if (entry.seq > lastSeq) break;
		let found = byKey.get(entry.key);
		if (!found) {
			// A credential's first entry is its decision, and that names the event.
			if (entry.type !== 'decided' || eventIdOf(entry.payload) !== eventId) continue;
			found = { status: applyEntry(undefined, entry) };
			byKey.set(entry.key, found);
			continue;
		}
		found.status = applyEntry(found.status, entry);
		if (entry.type === 'issued') found.issued = entry.payload;
	}
	return [...byKey.values()];
}

function eventIdOf(payload: JsonObject): string | undefined {
	const subject = payload.subject;
	return isPlainObject(subject) && typeof subject.eventId === 'string'
		? subject.eventId
		: undefined;
}

interface EvidenceRead {
	state: EvidenceState;
	hash?: string;
	record?: JsonValue;
}

/** The newest evidence still kept; otherwise whether it was erased (retention) or is missing. */
export async function latestEvidence(store: LedgerStore, status: CredentialStatus): Promise<EvidenceRead> {
	const hashes = status.evidenceHashes;
	if (hashes.length === 0) return { state: 'none' };
	for (const hash of [...hashes].reverse()) {
		const record = await store.getEvidence(hash);
		if (record !== undefined) return { state: 'present', hash, record };
	}
	const last = hashes[hashes.length - 1];
	const erased = hashes.every((hash) => status.erasedEvidenceHashes.includes(hash));
	return { state: erased ? 'erased' : 'missing', hash: last };
}

/** CPE Credit's evidence file inside a stored record, if it is about this event. */
function evidenceFileOf(
	record: JsonValue,
	eventId: string,
): (JsonObject & { decisions?: unknown[] }) | undefined {
	const data = isPlainObject(record) ? record.data : undefined;
	const file = isPlainObject(data) ? data.evidenceFile : undefined;
	if (!isPlainObject(file) || file.eventId !== eventId) return undefined;
	const attendeeName = isPlainObject(data) ? data.attendeeName : undefined;
	return {
		...file,
		...(typeof attendeeName === 'string' ? { attendeeName } : {}),
		decisions: Array.isArray(file.decisions) ? file.decisions : [],
	};
}

function certificateState(status: CredentialStatus): CertificateState {
	if (status.state === 'revoked') return 'revoked';
	if (status.state === 'superseded') return 'superseded';
	return status.credential ? 'valid' : 'not_issued';
}

function certificateRow(
	{ status, issued }: EventCredential,
	eventId: string,
	state: CertificateState,
	evidence: EvidenceRead,
	attendee: JsonObject | undefined,
): string[] {
	const text = (value: JsonValue | undefined) => (typeof value === 'string' ? value : '');
	const attributes = isPlainObject(issued?.attributes) ? issued.attributes : {};
	const pdfHash = [attributes.sha256, attributes.pdfSha256].find(
		(value): value is string => typeof value === 'string' && SHA256.test(value),
	);
	return [
		status.credential?.externalId ?? '',
		status.key,
		text(attendee?.attendeeId) || (status.learnerId ?? ''),
		text(attendee?.attendeeName),
		eventId,
		status.credential?.platform ?? '',
		text(status.decision?.credits),
		status.credential?.issuedAt ?? '',
		pdfHash ?? '',
		state,
		status.credential?.url ?? '',
		evidence.hash ?? '',
		evidence.state,
	];
}
