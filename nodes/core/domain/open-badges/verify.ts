import { findReservedKey, RESERVED_KEY_ISSUE } from '../safe-keys';
import { offlineDocumentLoader, type DidDocumentShape } from './document-loader';
import { vcLibraries } from './libraries';
import { openBadgeSchemaProblems } from './ob-schema';

export interface VerifyOptions {
	/** Signed status list credentials by URL (e.g. this ledger's own). */
	statusLists?: ReadonlyMap<string, unknown>;
	/** Trusted did:web documents (did:key needs none). */
	didDocuments?: ReadonlyArray<DidDocumentShape>;
	/** Documents the caller tried to fetch and could not, with why: each is named in the report. */
	unreachable?: ReadonlyArray<UnreachableDocument>;
	now?: Date;
}

export interface UnreachableDocument {
	url: string;
	/** What the document was for: the issuer's DID document or a status list. */
	role: 'did_document' | 'status_list';
	reason: string;
}

export interface VerificationReport {
	verified: boolean;
	checks: {
		schema: 'ok' | 'failed';
		signature: 'ok' | 'failed';
		expiry: 'ok' | 'expired' | 'not_yet_valid';
		/** Per purpose: set means revoked / suspended; unchecked when the list is not known. */
		status: Record<string, 'clear' | 'set' | 'unchecked'>;
	};
	problems: string[];
	/** Documents that could not be fetched, so what depends on them could not be checked. */
	unreachable?: UnreachableDocument[];
}

const MAX_PROBLEM = 300;
const OB_TYPES = ['OpenBadgeCredential', 'AchievementCredential'];

/** Shape problems a verifier should name before it tries any cryptography. */
function schemaProblems(credential: unknown): string[] {
	if (typeof credential !== 'object' || credential === null || Array.isArray(credential))
		return ['credential: expected a JSON object'];
	const c = credential as Record<string, unknown>;
	const problems: string[] = [];
	const contexts = Array.isArray(c['@context']) ? c['@context'] : [];
	if (contexts[0] !== 'https://www.w3.org/ns/credentials/v2')
		problems.push(
			'@context: the first context must be https://www.w3.org/ns/credentials/v2 (VC 2.0)',
		);
	const types = Array.isArray(c.type) ? c.type : [];
	if (!types.includes('VerifiableCredential'))
		problems.push('type: must include VerifiableCredential');
	if (
		types.some((t) => OB_TYPES.includes(String(t))) &&
		!contexts.some((u) => String(u).startsWith('https://purl.imsglobal.org/spec/ob/v3p0/context'))
	)
		problems.push('@context: an Open Badge must include the OB 3.0 context');
	if (
		typeof c.issuer !== 'string' &&
		typeof (c.issuer as { id?: unknown } | undefined)?.id !== 'string'
	)
		problems.push('issuer: must be a DID or an object with an id');
	if (typeof c.credentialSubject !== 'object' || c.credentialSubject === null)
		problems.push('credentialSubject: missing');
	if (typeof c.proof !== 'object' || c.proof === null)
		problems.push('proof: missing (the credential is not signed)');
	// JSON-LD drops such a key before signing, so whatever it holds would pass as signed.
	const reserved = findReservedKey(c);
	if (reserved !== undefined) problems.push(`${reserved}: ${RESERVED_KEY_ISSUE}`);
	return problems;
}

function expiryOf(
	credential: Record<string, unknown>,
	now: Date,
): VerificationReport['checks']['expiry'] {
	const from = Date.parse(String(credential.validFrom ?? ''));
	const until = Date.parse(String(credential.validUntil ?? ''));
	if (Number.isFinite(from) && from > now.getTime()) return 'not_yet_valid';
	if (Number.isFinite(until) && until < now.getTime()) return 'expired';
	return 'ok';
}

function statusEntries(credential: unknown): Array<Record<string, unknown>> {
	const status = (credential as { credentialStatus?: unknown } | null | undefined)
		?.credentialStatus;
	if (status === undefined) return [];
	return (Array.isArray(status) ? status : [status]).filter(
		(entry): entry is Record<string, unknown> => typeof entry === 'object' && entry !== null,
	);
}

/** The status list URLs a credential points at, each once. */
export function statusListUrlsOf(credential: unknown): string[] {
	const urls = statusEntries(credential).map((entry) => entry.statusListCredential);
	return [...new Set(urls.filter((url): url is string => typeof url === 'string'))];
}

const unreachableProblem = (document: UnreachableDocument) =>
	`${document.role === 'did_document' ? 'issuer DID document' : 'status list'} ${document.url.slice(0, 200)} could not be fetched: ${document.reason}`;

/**
 * Verifies any VC 2.0 credential (Open Badges 3.0 included) offline: shape, Data Integrity
 * signature, validity dates and each Bitstring Status List entry whose list is known.
 */
export async function verifyCredential(
	credential: unknown,
	options: VerifyOptions = {},
): Promise<VerificationReport> {
	const now = options.now ?? new Date();
	const problems = schemaProblems(credential);
	const report: VerificationReport = {
		verified: false,
		checks: {
			schema: problems.length ? 'failed' : 'ok',
			signature: 'failed',
			expiry: 'ok',
			status: {},
		},
		problems,
	};
	if (problems.length) return report;
	const c = credential as Record<string, unknown>;
	// An Open Badge also answers to 1EdTech's JSON Schema (other VC 2.0 credentials do not); its
	// complaints are reported, and the signature is still checked.
	const types = Array.isArray(c.type) ? c.type : [];
	if (types.some((t) => OB_TYPES.includes(String(t)))) {
		problems.push(...openBadgeSchemaProblems(credential));
		if (problems.length) report.checks.schema = 'failed';
	}
	report.checks.expiry = expiryOf(c, now);
	const libs = await vcLibraries();
	const documentLoader = offlineDocumentLoader(libs, options);
	const suite = new libs.DataIntegrityProof({ cryptosuite: libs.cryptosuite });
	// Dates are judged above, so the library checks the signature as of validFrom.
	const signature = await libs.vc
		.verifyCredential({
			credential: c,
			suite,
			documentLoader,
			checkStatus: async () => ({ verified: true }),
			now: new Date(String(c.validFrom ?? now.toISOString())),
		})
		.catch((error: Error) => ({ verified: false, error }));
	report.checks.signature = signature.verified ? 'ok' : 'failed';
	const unreachable = options.unreachable ?? [];
	if (unreachable.length) report.unreachable = [...unreachable];
	const issuerDocument = unreachable.find((d) => d.role === 'did_document');
	if (!signature.verified)
		problems.push(
			...(issuerDocument ? [unreachableProblem(issuerDocument)] : []),
			...errorMessages(signature),
		);
	for (const entry of statusEntries(c)) {
		const purpose = String(entry.statusPurpose ?? 'unknown').slice(0, 40);
		const listUrl = String(entry.statusListCredential ?? '');
		const missing = unreachable.find((d) => d.role === 'status_list' && d.url === listUrl);
		if (missing) problems.push(`credentialStatus (${purpose}): ${unreachableProblem(missing)}`);
		if (!options.statusLists?.has(listUrl)) {
			report.checks.status[purpose] = 'unchecked';
			continue;
		}
		const result = await libs.statusList
			.checkStatus({
				credential: { ...c, credentialStatus: entry },
				documentLoader,
				suite,
				verifyBitstringStatusListCredential: true,
				verifyMatchingIssuers: true,
			})
			.catch((error: Error) => ({ verified: false, error }));
		if (!result.verified) {
			report.checks.status[purpose] = 'unchecked';
			problems.push(`credentialStatus (${purpose}): ${errorMessages(result).join('; ')}`);
		} else {
			const set = (result.results ?? [result]).some((r: { status?: boolean }) => r.status === true);
			report.checks.status[purpose] = set ? 'set' : 'clear';
		}
	}
	report.verified =
		report.checks.signature === 'ok' &&
		report.checks.expiry === 'ok' &&
		Object.values(report.checks.status).every((s) => s !== 'set') &&
		problems.length === 0;
	return report;
}

// Library errors can nest; only their messages travel, cut short, never a stack.
function errorMessages(result: {
	error?: unknown;
	results?: Array<{ error?: unknown }>;
}): string[] {
	const errors = [result.error, ...(result.results ?? []).map((r) => r.error)].filter(Boolean);
	const flat = errors.flatMap((e) => {
		const nested = (e as { errors?: unknown[] }).errors;
		return Array.isArray(nested) && nested.length ? nested : [e];
	});
	const messages = flat.map((e) => String((e as Error).message ?? e).slice(0, MAX_PROBLEM));
	return [...new Set(messages.length ? messages : ['the signature does not verify'])];
}
