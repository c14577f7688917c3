/**
 * Fetched DID documents and status lists, per process, each for a short time: a verifier checking
 * a batch of one issuer's badges fetches its documents once, and a revocation still shows within
 * the TTL. A status list expires sooner when its own `ttl` or validUntil says so (Bitstring
 * Status List: a verifier should not cache a list past its ttl, nor use it after validUntil).
 */
export class DocumentCache {
	private readonly entries = new Map<string, { document: unknown; expires: number }>();

	constructor(
		private readonly ttlMs: number,
		private readonly maxEntries = 100,
		private readonly now: () => number = Date.now,
	) {}

	get(url: string): unknown {
		const entry = this.entries.get(url);
		if (entry === undefined) return undefined;
		if (entry.expires > this.now()) return entry.document;
		this.entries.delete(url);
		return undefined;
	}

	set(url: string, document: unknown): void {
		const { validUntil, credentialSubject } = document as {
			validUntil?: unknown;
			credentialSubject?: { ttl?: unknown };
		};
		const until = Date.parse(String(validUntil ?? ''));
		const listTtl = credentialSubject?.ttl;
		const expires = Math.min(
			this.now() + this.ttlMs,
			Number.isFinite(until) ? until : Infinity,
			typeof listTtl === 'number' && listTtl >= 0 ? this.now() + listTtl : Infinity,
		);
		this.entries.delete(url);
		if (expires <= this.now()) return;
		this.entries.set(url, { document, expires });
		// The oldest entries go first once the cache is full.
		for (const oldest of this.entries.keys()) {
			if (this.entries.size <= this.maxEntries) break;
			this.entries.delete(oldest);
		}
	}
}
