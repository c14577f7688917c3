/**
 * Runs work one at a time per key, in call order, within this process: two deliveries of the
 * same completion reaching one trigger together are checked and recorded one after the other.
 */
export class KeyedQueue {
	private readonly tails = new Map<string, Promise<void>>();

	async run<T>(key: string, work: () => Promise<T>): Promise<T> {
		const previous = this.tails.get(key) ?? Promise.resolve();
		const result = previous.then(work);
		const tail = result.then(
			() => undefined,
			() => undefined,
		);
		this.tails.set(key, tail);
		void tail.then(() => {
			// The last one out leaves no entry behind, so idle keys cost nothing.
			if (this.tails.get(key) === tail) this.tails.delete(key);
		});
		return await result;
	}

	/** Keys with work queued or running (for tests and diagnostics). */
	get busy(): number {
		return this.tails.size;
	}
}
