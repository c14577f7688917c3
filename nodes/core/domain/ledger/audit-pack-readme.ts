import { TRAILING_SLASHES } from '../text';
import type { AuditPackSummary } from './audit-pack';

/** The README of an audit pack: what each file is and how to check it without trusting us. */
export function auditPackReadme(pack: {
	summary: AuditPackSummary;
	generatedAt: Date;
	verificationUrl?: string;
}): string {
	const { summary } = pack;
	const { certificates: c, evidence: e } = summary;
	const base = pack.verificationUrl?.replace(TRAILING_SLASHES, '');
	const checkAt = base
		? `${base}/<certificate_id>`
		: 'the verification page printed on the certificate (its QR code), followed by /<certificate_id>';
	return [
		`Audit pack for event ${summary.eventId}`,
		`Generated ${pack.generatedAt.toISOString()} from the Credential Ledger (chain head seq ${summary.head.seq}, hash ${summary.head.hash}).`,
		'',
		`Attendees: ${summary.attendees}. Certificates: ${c.valid} valid, ${c.revoked} revoked, ${c.superseded} superseded, ${c.not_issued} not issued.`,
		`Private evidence: ${e.present} present, ${e.erased} erased after the retention period, ${e.missing} missing, ${e.none} never stored.`,
		`Chain verification when packed: ${summary.chainVerified ? 'OK' : 'FAILED (see ledger-verification.json)'}.`,
		'',
		'FILES',
		'  roster.csv               One row per session decision: attendance, credits, reason codes and',
		'                           the credit policy (id, version, hash) that produced it. Read from the',
		'                           evidence below, so attendees whose evidence was erased are absent here.',
		'  sponsor-report.csv       The participation record per session (credits earned by each',
		'                           participant, attendance window used), as sponsors keep it.',
		"  evidence/<key>.json      Each attendee's private evidence exactly as the ledger stored it",
		'                           (a random salt and the data: every signal and per-session decision).',
		'                           <key> is the credential key in the other files.',
		'  certificates.csv         One row per attendee: certificate id, credits, SHA-256 of the issued',
		'                           PDF where it was recorded, status (valid, revoked, superseded or',
		'                           not_issued) and the evidence hash and state.',
		"  ledger-export.csv        The ledger's auditor export, limited to this event's credentials.",
		'  ledger-verification.json The result of verifying every hash, signature and link of the whole',
		'                           chain when the pack was made, with the head, algorithm and key id.',
		'  README.txt               This file.',
		'',
		'HOW TO CHECK A CERTIFICATE',
		`  Open ${checkAt}. The page answers from the ledger's public data:`,
		'  valid, revoked or superseded, with the credits. To check a PDF file itself, compute its',
		'  SHA-256 (sha256sum certificate.pdf) and compare it with pdf_sha256 in certificates.csv.',
		'',
		'HOW TO CHECK THE EVIDENCE',
		'  The SHA-256 of each evidence/<key>.json file (sha256sum evidence/<key>.json) equals',
		'  evidence_hash in certificates.csv and ledger-export.csv, and that hash is sealed in the',
		'  signed chain: the evidence is the one the decision was made on, unchanged.',
		'',
		'HOW TO RE-VERIFY THE CHAIN',
		'  Ask the sponsor for the raw chain (Credential Ledger, Export, format JSONL Chain) and the',
		'  public key (Get Public Key; included in ledger-verification.json for Ed25519 keys). Each line',
		'  is one entry: its hash is the SHA-256 of its canonical JSON without hash and signature, prevHash',
		"  is the previous line's hash, and the signature over the hash verifies with the public key.",
		'  Run Verify on it (or your own check): the chain must reach the head above, and every',
		'  last_entry_hash in ledger-export.csv must appear in it.',
		'',
	].join('\r\n');
}
