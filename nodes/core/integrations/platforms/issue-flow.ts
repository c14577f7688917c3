import { isPlatformError, type PlatformError } from './errors';
import type { Clock } from './resilience/clock';
import { retryDelayMs, type RetryPolicy } from './resilience/retry';
import type { SingleFlight } from './resilience/single-flight';
import type { IssueOutcome, IssueRequest, PlatformCredential } from './types';

/** The platform-specific pieces of one exactly-once issuance. */
export interface IssueSteps {
	/** The recipient's credential for the template, if the platform has one. */
	lookup(): Promise<PlatformCredential | undefined>;
	/** One create call; never retried blindly (a lost answer may hide a created credential). */
	create(): Promise<PlatformCredential>;
	/** A credential an earlier attempt left half-way (a Certifier draft): finish it. */
	resume?(existing: PlatformCredential): Promise<PlatformCredential> | undefined;
	/**
	 * Called when create was refused in a way that may mean "already issued" (Credly and
	 * Accredible answer 422 to duplicates, but also to invalid data). Returns the existing
	 * credential when it really is a duplicate, else the error that explains the refusal.
	 */
	explainRefusal?(error: PlatformError): Promise<PlatformCredential | PlatformError>;
}

export interface IssueFlowContext {
	retry: RetryPolicy;
	clock: Clock;
	random: () => number;
}

/**
 * Look up, then create; on a retryable failure wait (honouring Retry-After) and start again with
 * a lookup, so a create whose answer was lost is found instead of repeated. The platforms'
 * searches lag behind their writes, so after a lost answer the lookup is repeated for a while
 * (retry.lostAnswerWaitMs) before anything is created again.
 */
export async function issueExactlyOnce(
	steps: IssueSteps,
	context: IssueFlowContext,
): Promise<IssueOutcome> {
	const { retry, clock, random } = context;
	let createSent = false;
	// Sticky: once a create went unanswered, this call may have made a credential.
	let answerLost = false;
	for (let attempt = 1; ; attempt++) {
		try {
			const existing = answerLost ? await lookupUntilVisible(steps, context) : await steps.lookup();
			if (existing) {
				const finishing = steps.resume?.(existing);
				if (finishing)
					return {
						status: 'issued',
						credential: await finishing,
						attempts: attempt,
						recovered: true,
					};
				// Our own earlier create went through; only its answer was lost.
				if (createSent)
					return { status: 'issued', credential: existing, attempts: attempt, recovered: true };
				return {
					status: 'already_issued',
					credential: existing,
					attempts: attempt,
					detectedBy: 'lookup',
				};
			}
			const sentBefore = createSent;
			const lostBefore = answerLost;
			try {
				createSent = true;
				return { status: 'issued', credential: await steps.create(), attempts: attempt };
			} catch (error) {
				if (mayHaveCreated(error)) answerLost = true;
				if (!isPlatformError(error) || error.retryable || !steps.explainRefusal) throw error;
				let explained = await steps.explainRefusal(error);
				// A duplicate rule (Accredible, Credly) sees what our unanswered create made before the
				// search shows it: give the search its time before calling the refusal final.
				if (isPlatformError(explained) && lostBefore)
					explained = (await lookupUntilVisible(steps, context)) ?? explained;
				if (isPlatformError(explained)) throw explained;
				// Refused as a copy of what our own earlier, unanswered create made.
				if (sentBefore)
					return { status: 'issued', credential: explained, attempts: attempt, recovered: true };
				return {
					status: 'already_issued',
					credential: explained,
					attempts: attempt,
					detectedBy: 'duplicate_rejection',
				};
			}
		} catch (error) {
			if (!isPlatformError(error) || !error.retryable || attempt >= retry.maxAttempts) throw error;
			if ((error.retryAfterMs ?? 0) > retry.maxRetryAfterMs) throw error;
			await clock.sleep(retryDelayMs(retry, attempt, error.retryAfterMs, random));
		}
	}
}

/**
 * Whether a failed create may still have made the credential: no answer at all (timeout,
 * dropped connection) or a server error, which can come after the work was done. A 429 or a
 * 503 says the request was turned away ([inferred]: none of the platforms documents whether a
 * 503 can follow a completed create; their load balancers answer it when no server takes the
 * request).
 */
export function mayHaveCreated(error: unknown): boolean {
	if (!isPlatformError(error)) return false;
	if (error.code === 'timeout' || error.code === 'network') return true;
	return error.code === 'server_error' && error.status !== 503;
}

/**
 * After a lost create answer: runs `lookup` until `settled` says it found what the create may
 * have made, or lostAnswerWaitMs of pauses are spent (pauses growing like the retry delays, and
 * never under a twentieth of the wait, so tiny retry delays cannot turn it into a flood of
 * searches). Bounded, so a create that really was lost costs one wait, not a stalled run.
 */
export async function lookupAfterLostAnswer<T>(
	lookup: () => Promise<T>,
	settled: (found: T) => boolean,
	{ retry, clock }: IssueFlowContext,
): Promise<T> {
	let waited = 0;
	const shortest = Math.max(1, retry.lostAnswerWaitMs / 20);
	for (let round = 0; ; round++) {
		const found = await lookup();
		if (settled(found) || waited >= retry.lostAnswerWaitMs) return found;
		const pause = Math.min(
			retry.lostAnswerWaitMs - waited,
			Math.max(shortest, Math.min(retry.maxDelayMs, retry.baseDelayMs * retry.multiplier ** round)),
		);
		await clock.sleep(pause);
		waited += pause;
	}
}

function lookupUntilVisible(
	steps: Pick<IssueSteps, 'lookup'>,
	context: IssueFlowContext,
): Promise<PlatformCredential | undefined> {
	return lookupAfterLostAnswer(
		() => steps.lookup(),
		(found) => found !== undefined,
		context,
	);
}

/**
 * Runs the issuance unless an identical one (same dedupe key) is already running in this
 * process; a caller that joined a running one gets its credential as already issued.
 */
export async function issueOnceInProcess(
	flights: SingleFlight,
	dedupeKey: string,
	work: () => Promise<IssueOutcome>,
): Promise<IssueOutcome> {
	const { value, joined } = await flights.run(dedupeKey, work);
	if (!joined) return value;
	return {
		status: 'already_issued',
		credential: value.credential,
		attempts: 0,
		detectedBy: 'concurrent_call',
	};
}

/** What a platform client's resolved set-up gives an issuance (see resolveClient). */
export interface AccountIssueContext extends IssueFlowContext {
	flights: SingleFlight;
	accountKey: string;
}

/**
 * Every client's issue(): joins an identical issuance (same account, template and recipient)
 * already running in this process, else runs the exactly-once flow with the platform's steps.
 */
export async function issueForAccount(
	account: AccountIssueContext,
	request: Pick<IssueRequest, 'templateId' | 'recipient'>,
	steps: IssueSteps,
): Promise<IssueOutcome> {
	return issueOnceInProcess(
		account.flights,
		dedupeKey(account.accountKey, request.templateId, request.recipient),
		() => issueExactlyOnce(steps, account),
	);
}

const LIVE_FIRST: Record<PlatformCredential['state'], number> = {
	issued: 0,
	accepted: 0,
	pending: 0,
	scheduled: 1,
	unpublished: 2,
	draft: 3,
	rejected: 4,
	expired: 5,
	revoked: 6,
};

/**
 * Picks the credential that answers "does this recipient have it?": live ones first, then
 * unfinished ones, withdrawn ones last; the newest among equals (input is newest first).
 */
export function preferredCredential(
	candidates: PlatformCredential[],
): PlatformCredential | undefined {
	let best: PlatformCredential | undefined;
	for (const candidate of candidates) {
		if (candidate.replacedBy) continue;
		if (!best || LIVE_FIRST[candidate.state] < LIVE_FIRST[best.state]) best = candidate;
	}
	return best ?? candidates[0];
}

/** In-process dedupe key: one account, one template, one recipient (email first, else id). */
export function dedupeKey(
	accountKey: string,
	templateId: string,
	recipient: { email?: string; id?: string },
): string {
	const who = recipient.email
		? `email:${recipient.email.trim().toLowerCase()}`
		: `id:${recipient.id ?? ''}`;
	return `${accountKey}|${templateId}|${who}`;
}

export function sameEmail(a: string | undefined, b: string | undefined): boolean {
	return a !== undefined && b !== undefined && a.trim().toLowerCase() === b.trim().toLowerCase();
}
