// The test side of bounded-worker.js: runs one named huge case at a time in a worker thread and
// reports a case that does not finish within its time bound as a stall (the worker is then
// replaced, so the next case starts clean).
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';

export interface BoundedResult {
	problems: string[];
	ms?: number;
}

export class BoundedRunner {
	private worker?: Promise<Worker>;

	constructor(
		private readonly casesModule: string,
		private readonly env: Record<string, string>,
	) {}

	private start(): Promise<Worker> {
		const worker = new Worker(join(__dirname, 'bounded-worker.js'), {
			workerData: { casesModule: this.casesModule },
			env: { ...process.env, ...this.env },
		});
		return new Promise((resolve, reject) => {
			worker.once('message', () => resolve(worker));
			worker.once('error', reject);
		});
	}

	/** Starts the worker (compiling the sources takes a while on a loaded machine). */
	async ready(): Promise<void> {
		this.worker ??= this.start();
		await this.worker;
	}

	async run(name: string, boundMs: number): Promise<BoundedResult> {
		const worker = await (this.worker ??= this.start());
		return await new Promise<BoundedResult>((resolve) => {
			const timer = setTimeout(() => {
				worker.removeAllListeners('message');
				this.worker = undefined;
				void worker.terminate();
				resolve({ problems: [`did not finish within ${boundMs} ms (the event loop is blocked)`] });
			}, boundMs);
			worker.once('message', (message: { problems?: string[]; error?: string; ms?: number }) => {
				clearTimeout(timer);
				resolve({
					problems: message.error
						? [`the case itself failed: ${message.error}`]
						: (message.problems ?? []),
					ms: message.ms,
				});
			});
			worker.postMessage({ name });
		});
	}

	async close(): Promise<void> {
		const worker = await this.worker;
		await worker?.terminate();
	}
}
