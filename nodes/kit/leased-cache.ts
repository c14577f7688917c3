/** Something the cache may close once nobody uses it. */
export interface Closable {
	close(): Promise<void>;
}

export interface Lease<T> {
	value: Promise<T>;
	/** Ends this use; safe to call twice. */
	release(): void;
}

interface Entry<T extends Closable> {
	group: string;
	value: Promise<T>;
	users: number;
	retired: boolean;
}

/**
 * Long-lived resources (open ledgers) shared by every execution in the process, at most
 * `perGroup` per group (a storage location): opening another one for the group retires the
 * least recently opened, which is closed as soon as its last user releases it, never under a
 * running execution. A failed open is forgotten, so the next call tries again.
 */
export class LeasedCache<T extends Closable> {
	private readonly entries = new Map<string, Entry<T>>();

	constructor(private readonly perGroup: number) {}

	acquire(id: string, group: string, open: () => Promise<T>): Lease<T> {
		let entry = this.entries.get(id);
		if (entry) {
			// Most recently used last, so retirement picks the one idle longest.
			this.entries.delete(id);
			this.entries.set(id, entry);
		} else {
			const created: Entry<T> = { group, value: open(), users: 0, retired: false };
			created.value.catch(() => {
				if (this.entries.get(id) === created) this.entries.delete(id);
			});
			this.entries.set(id, created);
			this.retireBeyondLimit(group);
			entry = created;
		}
		const used = entry;
		used.users++;
		let released = false;
		return {
			value: used.value,
			release: () => {
				if (released) return;
				released = true;
				used.users--;
				if (used.retired && used.users === 0) closeQuietly(used.value);
			},
		};
	}

	/** Open entries per group, for diagnostics and tests. */
	openCount(group: string): number {
		return [...this.entries.values()].filter((e) => e.group === group).length;
	}

	private retireBeyondLimit(group: string): void {
		const inGroup = [...this.entries].filter(([, e]) => e.group === group);
		for (const [id, entry] of inGroup.slice(0, Math.max(0, inGroup.length - this.perGroup))) {
			this.entries.delete(id);
			entry.retired = true;
			if (entry.users === 0) closeQuietly(entry.value);
		}
	}
}

function closeQuietly<T extends Closable>(value: Promise<T>): void {
	// A store that never opened has nothing to close; a failing close must not reach the caller.
	value.then((v) => v.close()).catch(() => undefined);
}
