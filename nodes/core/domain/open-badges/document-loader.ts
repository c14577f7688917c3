import { didDocumentOf } from './issuer-key';
import type { VcLibraries } from './libraries';

/** What a JSON-LD document loader answers. */
export interface LoadedDocument {
	contextUrl: null;
	documentUrl: string;
	document: unknown;
}

export type DocumentLoader = (url: string) => Promise<LoadedDocument>;

export interface KnownDocuments {
	/** did:web documents the caller trusts (its own issuer's, or ones it fetched itself). */
	didDocuments?: ReadonlyArray<DidDocumentShape>;
	/** Status list credentials by URL (signed, as served by the verification endpoint). */
	statusLists?: ReadonlyMap<string, unknown>;
}

// The Multikey prefix of an Ed25519 public key in base58btc (multicodec 0xed01).
const ED25519_MULTIKEY = /^z6Mk[1-9A-HJ-NP-Za-km-z]{40,50}$/;

/**
 * A loader that never touches the network: bundled JSON-LD contexts, did:key (self-describing),
 * and only the DID documents and status lists it was handed. Anything else is refused by name.
 */
export function offlineDocumentLoader(
	libs: VcLibraries,
	known: KnownDocuments = {},
): DocumentLoader {
	const contexts = new Map<string, unknown>([
		...libs.credentialsContexts,
		...libs.dataIntegrityContexts,
		...libs.multikeyContexts,
		...libs.openBadgesContexts,
	]);
	const didDocuments = new Map((known.didDocuments ?? []).map((doc) => [doc.id, doc]));
	return async (url: string) => {
		const found = (document: unknown): LoadedDocument => ({
			contextUrl: null,
			documentUrl: url,
			document,
		});
		if (typeof url !== 'string') throw new Error('document URL must be text');
		const context = contexts.get(url);
		if (context) return found(context);
		const listed = known.statusLists?.get(url);
		if (listed) return found(listed);
		const [did, fragment] = url.split('#', 2);
		const document = did.startsWith('did:key:') ? didKeyDocument(did) : didDocuments.get(did);
		if (document) {
			if (fragment === undefined) return found(document);
			const method = document.verificationMethod?.find((vm) => vm.id === url);
			if (method) return found({ '@context': 'https://w3id.org/security/multikey/v1', ...method });
		}
		throw new Error(
			`${url.slice(0, 200)} is not a bundled context or a known document (network access is off)`,
		);
	};
}

export interface DidDocumentShape {
	id: string;
	verificationMethod?: Array<{ id: string }>;
}

function didKeyDocument(did: string): DidDocumentShape | undefined {
	const publicKeyMultibase = did.slice('did:key:'.length);
	if (!ED25519_MULTIKEY.test(publicKeyMultibase)) return undefined;
	return didDocumentOf({
		did,
		verificationMethod: `${did}#${publicKeyMultibase}`,
		publicKeyMultibase,
	});
}
