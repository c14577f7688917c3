/**
 * Coalesces concurrent calls with the same key: while one issuance for a recipient and template
 * is in flight, a second one in the same process waits for it instead of racing it to the
 * platform (two lookups would both find nothing and both create). Across processes the ledger's
 * reservation does this job.
 */
export class SingleFlight {
	private readonly inFlight = new Map<string, Promise<unknown>>();

	/** Runs `work` unless a call with this key is running; `joined` tells the caller which. */
	async run<T>(key: string, work: () => Promise<T>): Promise<{ value: T; joined: boolean }> {
		const running = this.inFlight.get(key) as Promise<T> | undefined;
		if (running) return { value: await running, joined: true };
		const started = work();
		this.inFlight.set(key, started);
		try {
			return { value: await started, joined: false };
		} finally {
			this.inFlight.delete(key);
		}
	}
}

export const sharedIssueFlights = new SingleFlight();
