// The queue-mode Credly scenario's budget and its verdict. Credly's own limit (100 requests a
// minute, inferred: Credly publishes none) would hold 200 issuances of 3 requests to 6 minutes of
// real time, which n8n's clock cannot speed up. So the scenario runs at a limit six times larger,
// enforced by the simulator as 100 requests in windows of 10 s (a 60 s run spans six full windows,
// as the 6-minute run spanned six minutes), and the pack is told it where an operator tells it: the
// Credly credential's Requests per Minute. Two workers pacing themselves apart would send twice
// the limit into each window and meet 429s.

/**
 * The platform's limit, which the simulator enforces. Measured on a 2-core machine under other runs' load: at 1,200 a minute n8n 2.41's two workers
 * kept the pace at ratio 1.05-1.15, at 1,000 once only 1.37 (the machine, not the limit, set the
 * pace then); at 600 the limit sets it with room to spare.
 */
export const PLATFORM_LIMIT = { requestsPerMinute: 600 };
export const SIMULATOR_WINDOWS = {
	limit: 100,
	windowMs: (100 * 60_000) / PLATFORM_LIMIT.requestsPerMinute,
};
/**
 * What the credential says: 2 % under the limit, as the docs advise for a known hard limit.
 *
 * Why 2 %: Credly's bucket has no burst (1 slot), so the shared bucket books every slot at least
 * I = 60 s / rate after the one before, on one clock (Redis's) for both workers. A request reaches
 * the simulator some time d after its slot (timer, event loop, Redis and HTTP), and d varies by
 * up to J between requests. A fixed window of W then counts the slots of a span of W + J, at most
 * ceil((W + J) / I) of them; that is <= 100 while 100 * I >= W + J, i.e. rate <= limit * W /
 * (W + J) (with a burst B, add B - 1: the burst and the pace together must stay <= 100). At
 * exactly the limit J must be 0: measured, 1 of 583 answered 429 on a loaded machine. 2 % under
 * gives 100 * I = 10.204 s: room for J up to 204 ms in these 10 s windows (1.22 s in Credly's
 * per-minute ones). 5 % under gave 526 ms, but its pace alone is 1.053 × the floor, over the
 * 1.05 allowed; 1.05 allows no slower pace than 572 a minute (J up to 490 ms) and then nothing
 * else. Measured on a 2-core machine loaded by other runs (crowdingMs): J of 66-110 ms on n8n 1.123,
 * 141-435 ms on n8n 2.41, where requests stopped arriving for a few hundred ms and then came
 * together; no 429, once within 0.16 % of window alignments of one (refusingAlignments).
 */
export const CREDLY_BUDGET = { requestsPerMinute: 588 };
/**
 * Wall time allowed above the floor at the platform's limit: the credential's 2 % margin (its
 * pace alone is 1.02 × the floor), then about 1.7 s for a worker that starts a little later than
 * the other and the last issuance reaching the ledger (measured: 1.02 on both lines). Two
 * per-process buckets meet 429s here, or finish in half the floor where nothing enforces it.
 */
export const TOLERANCE = 1.05;

export interface BudgetRun {
	/** Requests the simulator answered without a 429. */
	accepted: number;
	/** Requests the simulator refused with 429. */
	throttled: number;
	/** From the first request to Credly to the last issuance recorded. */
	seconds: number;
}

/**
 * The least time `accepted` requests take within the budget: the first goes at once, each
 * other waits its slot.
 */
export function floorSeconds(accepted: number, requestsPerMinute: number): number {
	// In whole milliseconds first, so 599 slots of 50 ms are 29.95 s, not a hair more.
	return ((Math.max(accepted, 1) - 1) * 60_000) / requestsPerMinute / 1000;
}

/** Every way the run broke or missed the shared budget; empty when it kept it. */
export function budgetProblems(
	run: BudgetRun,
	requestsPerMinute = PLATFORM_LIMIT.requestsPerMinute,
): string[] {
	const floor = floorSeconds(run.accepted, requestsPerMinute);
	const problems: string[] = [];
	if (run.throttled > 0) problems.push(`${run.throttled} requests answered 429`);
	if (run.seconds < floor)
		problems.push(`${run.seconds.toFixed(2)} s is under the floor of ${floor.toFixed(2)} s`);
	if (run.seconds > floor * TOLERANCE)
		problems.push(
			`${run.seconds.toFixed(2)} s is over ${TOLERANCE} × the floor of ${floor.toFixed(2)} s`,
		);
	return problems;
}

/**
 * How much closer together than the credential's pace any run of requests reached the platform
 * (ms): the J of CREDLY_BUDGET's reasoning, measured. A quiet spell only spreads requests out, so
 * it never adds to this.
 */
export function crowdingMs(arrivals: number[], requestsPerMinute: number): number {
	const intervalMs = 60_000 / requestsPerMinute;
	let latest = -Infinity;
	let crowding = 0;
	arrivals.forEach((at, i) => {
		const lateness = at - i * intervalMs;
		crowding = Math.max(crowding, latest - lateness);
		latest = Math.max(latest, lateness);
	});
	return crowding;
}

/** The crowding J that the credential's margin leaves room for in one simulator window (ms). */
export function jitterAllowedMs(requestsPerMinute = CREDLY_BUDGET.requestsPerMinute): number {
	return (SIMULATOR_WINDOWS.limit * 60_000) / requestsPerMinute - SIMULATOR_WINDOWS.windowMs;
}

/**
 * The share of the ways the simulator's fixed windows could have lined up with these arrivals in
 * which one window would have held more than its limit (0 to 1): how near the run came to a 429.
 */
export function refusingAlignments(arrivals: number[]): number {
	const { limit, windowMs } = SIMULATOR_WINDOWS;
	const sorted = [...arrivals].sort((a, b) => a - b);
	// limit + 1 arrivals share the window [start, start + windowMs) when start is in (last - windowMs, first].
	const starts: Array<[number, number]> = [];
	for (let i = 0; i + limit < sorted.length; i += 1) {
		const slack = windowMs - (sorted[i + limit] - sorted[i]);
		if (slack <= 0) continue;
		const from = (((sorted[i] - slack) % windowMs) + windowMs) % windowMs;
		starts.push([from, Math.min(from + slack, windowMs)]);
		if (from + slack > windowMs) starts.push([0, from + slack - windowMs]);
	}
	starts.sort((a, b) => a[0] - b[0]);
	let covered = 0;
	let reach = 0;
	for (const [from, to] of starts) {
		covered += Math.max(0, to - Math.max(from, reach));
		reach = Math.max(reach, to);
	}
	return covered / windowMs;
}
