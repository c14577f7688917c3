/**
 * Where a did:web document lives (W3C did:web method, "Read (Resolve)"): the method-specific id's
 * first part is the host (a port written %3A), later parts a path; no path means
 * /.well-known/did.json. Undefined for anything that is not a did:web identifier.
 */
export function didWebDocumentUrl(did: string): string | undefined {
	const match = /^did:web:([^#?/]+)$/.exec(did);
	if (!match) return undefined;
	const [host, ...path] = match[1].split(':').map((part) => {
		try {
			return decodeURIComponent(part);
		} catch {
			return '';
		}
	});
	if (!/^[a-z0-9.-]+(:\d{1,5})?$/i.test(host) || path.some((p) => !/^[\w.~-]+$/.test(p)))
		return undefined;
	return path.length === 0
		? `https://${host}/.well-known/did.json`
		: `https://${host}/${path.join('/')}/did.json`;
}

/** The issuer DID of a credential: `issuer` as text or its `id`. */
export function issuerIdOf(credential: unknown): string | undefined {
	const issuer = (credential as { issuer?: unknown } | null | undefined)?.issuer;
	const id = typeof issuer === 'string' ? issuer : (issuer as { id?: unknown } | undefined)?.id;
	return typeof id === 'string' ? id : undefined;
}
