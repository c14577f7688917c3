/** First come, first served mutual exclusion between async tasks of one process. */
export class AsyncMutex {
	private tail: Promise<unknown> = Promise.resolve();

	run<T>(task: () => Promise<T>): Promise<T> {
		const result = this.tail.then(task, task);
		// The chain must survive a failed task, so the next one waits for settlement, not success.
		this.tail = result.catch(() => undefined);
		return result;
	}
}
