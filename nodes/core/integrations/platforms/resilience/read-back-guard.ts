import { SingleFlight } from './single-flight';

export type ReadBack<T> =
	| { ok: true; value: T }
	/** The budget for this minute is spent: nothing was asked; come back after this many seconds. */
	| { ok: false; retryAfterSeconds: number };

export interface ReadBackGuardOptions {
	/** How long an answer is reused for the same id (a repeat costs no call). */
	answerTtlMs?: number;
	/** Answers kept in memory (oldest dropped first). */
	maxAnswers?: number;
	/** The window the per-budget limit counts in. */
	windowMs?: number;
	/** Milliseconds since the epoch; injectable for tests. */
	now?(): number;
}

/**
 * Bounds what unauthenticated webhook input can make a trigger ask the platform. A trigger that
 * reads each posted id back (the only way to trust an unsigned event) would otherwise turn every
 * forged id into an API call, spending the credential's rate limit that real issuance shares.
 * Here an id answered recently is served from memory, concurrent reads of one id share one call,
 * and each budget key (one credential) gets at most `perWindow` calls per window: beyond that the
 * caller is told when to come back and the platform is not asked. Failed calls (network) are not
 * remembered, so a retry can succeed.
 */
export class ReadBackGuard<T> {
	private readonly answers = new Map<string, { value: T; until: number }>();
	private readonly calls = new Map<string, number[]>();
	private readonly flights = new SingleFlight();
	private readonly answerTtlMs: number;
	private readonly maxAnswers: number;
	private readonly windowMs: number;
	private readonly now: () => number;

	constructor(options: ReadBackGuardOptions = {}) {
		this.answerTtlMs = options.answerTtlMs ?? 10 * 60_000;
		this.maxAnswers = options.maxAnswers ?? 2000;
		this.windowMs = options.windowMs ?? 60_000;
		this.now = options.now ?? Date.now;
	}

	async read(
		budgetKey: string,
		perWindow: number,
		id: string,
		fetch: () => Promise<T>,
	): Promise<ReadBack<T>> {
		const key = `${budgetKey}\n${id}`;
		const known = this.answers.get(key);
		if (known && known.until > this.now()) return { ok: true, value: known.value };
		this.answers.delete(key);
		const { value } = await this.flights.run(key, async (): Promise<ReadBack<T>> => {
			const retryAfterSeconds = this.spend(budgetKey, perWindow);
			if (retryAfterSeconds > 0) return { ok: false, retryAfterSeconds };
			const answer = await fetch();
			this.remember(key, answer);
			return { ok: true, value: answer };
		});
		return value;
	}

	/** Books one call in the budget's window; 0 when allowed, else seconds until a call frees up. */
	private spend(budgetKey: string, perWindow: number): number {
		const now = this.now();
		const recent = (this.calls.get(budgetKey) ?? []).filter((at) => at > now - this.windowMs);
		if (recent.length >= Math.max(1, perWindow)) {
			this.calls.set(budgetKey, recent);
			return Math.max(1, Math.ceil((recent[0] + this.windowMs - now) / 1000));
		}
		recent.push(now);
		this.calls.set(budgetKey, recent);
		return 0;
	}

	private remember(key: string, value: T): void {
		this.answers.set(key, { value, until: this.now() + this.answerTtlMs });
		while (this.answers.size > this.maxAnswers)
			this.answers.delete(this.answers.keys().next().value as string);
	}
}
