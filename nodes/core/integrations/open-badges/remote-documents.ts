import {
	didWebDocumentUrl,
	issuerIdOf,
	readCredentialInput,
	statusListUrlsOf,
	type DidDocumentShape,
	type UnreachableDocument,
} from '../../domain/open-badges';
import { fetchJsonText, FetchRefused, isLoopbackHost, type FetchPolicy } from './bounded-fetch';
import { DocumentCache } from './document-cache';

/** What Verify hands the verifier: documents it already had plus those fetched, and failures. */
export interface VerificationDocuments {
	didDocuments: DidDocumentShape[];
	statusLists: Map<string, unknown>;
	unreachable: UnreachableDocument[];
}

/** More status entries than any real credential has; the rest are left unchecked. */
const MAX_STATUS_LISTS = 4;

/**
 * Fetches what checking a credential of another issuer needs and the caller does not hold: the
 * issuer's did:web document and the Bitstring Status List credentials its status entries name.
 * Nothing throws: a document that cannot be fetched is listed with the reason, and the report
 * shows what could not be checked because of it.
 */
export async function fetchVerificationDocuments(
	credential: unknown,
	known: { didDocuments: DidDocumentShape[]; statusLists: Map<string, unknown> },
	policy: FetchPolicy,
	cache: DocumentCache,
): Promise<VerificationDocuments> {
	const result: VerificationDocuments = {
		didDocuments: [...known.didDocuments],
		statusLists: new Map(known.statusLists),
		unreachable: [],
	};
	const issuer = issuerIdOf(credential);
	const didUrl = issuer === undefined ? undefined : didWebDocumentUrl(issuer);
	if (issuer && didUrl && !result.didDocuments.some((doc) => doc.id === issuer)) {
		const document = await fetchDocument(didUrl, 'did_document', policy, cache, result);
		if (document !== undefined) {
			if ((document as { id?: unknown }).id === issuer)
				result.didDocuments.push(document as DidDocumentShape);
			else
				result.unreachable.push({
					url: didUrl,
					role: 'did_document',
					reason: `its id is not ${issuer}`,
				});
		}
	}
	const lists = statusListUrlsOf(credential).filter((url) => !result.statusLists.has(url));
	for (const url of lists.slice(0, MAX_STATUS_LISTS)) {
		const list = await fetchDocument(url, 'status_list', policy, cache, result);
		if (list !== undefined) result.statusLists.set(url, list);
	}
	return result;
}

async function fetchDocument(
	url: string,
	role: UnreachableDocument['role'],
	policy: FetchPolicy,
	cache: DocumentCache,
	result: VerificationDocuments,
): Promise<unknown> {
	const cached = cache.get(url);
	if (cached !== undefined) return cached;
	try {
		const text = await fetchJsonText(fetchableUrl(url, policy), policy);
		const document = readCredentialInput(text, 'document');
		if (typeof document !== 'object' || document === null || Array.isArray(document))
			throw new FetchRefused(url, 'did not answer a JSON object');
		cache.set(url, document);
		return document;
	} catch (error) {
		const reason =
			error instanceof FetchRefused
				? error.reason
				: `did not answer usable JSON (${(error as Error).message.replace(/^document: /, '').slice(0, 160)})`;
		result.unreachable.push({ url, role, reason });
		return undefined;
	}
}

// did:web always names https; a test issuer on this machine is served over plain http.
function fetchableUrl(url: string, policy: FetchPolicy): string {
	const parsed = new URL(url);
	if (policy.allowLoopback && parsed.protocol === 'https:' && isLoopbackHost(parsed))
		parsed.protocol = 'http:';
	return parsed.href;
}
