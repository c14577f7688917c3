// How long a cohort of 200 Accredible issuances takes at a limit of 100 requests a minute,
// against the floor that limit allows (every accepted request / 100 per minute). Time runs 30
// times faster in both the simulator and the client (a platform minute lasts 2 s), so the run
// stays short while the limiter, Retry-After and exactly-once lookups work as in production.
// A ratio near 1 means the client paces itself to the limit without wasting time or tripping
// it. A second figure issues the same cohort through the bulk endpoint (30 per request).
const path = require('node:path');

const { report } = require('./support');

const root = path.resolve(__dirname, '..');
const platforms = require(path.join(root, 'dist/nodes/core/integrations/platforms'));
const { axiosTransportOver } = require(path.join(root, 'test/support/axios-transport-core'));
const httpTransport = require(
	path.join(root, 'dist/nodes/core/integrations/platforms/transport/http-transport'),
);
const { startSimulatorProcess } = require(path.join(root, 'test/simulators'));

const TIME_SCALE = 30;
const LIMIT = { limit: 100, windowMs: 60_000 };
const COHORT = 200;
const CONCURRENCY = 20;
const GROUP = '12472';

async function control(sim, method, route, body) {
	const response = await fetch(`${sim.url}/__control/${route}`, {
		method,
		headers: body === undefined ? {} : { 'content-type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	if (!response.ok) throw new Error(`control ${method} ${route}: ${response.status}`);
	return response.json();
}

function client(sim) {
	return new platforms.AccredibleClient({
		transport: axiosTransportOver(httpTransport),
		baseUrl: sim.url,
		apiKey: sim.credentials.apiKey,
		clock: platforms.scaledClock(TIME_SCALE),
		rateLimit: { requests: LIMIT.limit, perMs: LIMIT.windowMs },
		retry: { maxRetryAfterMs: 120_000 },
		rateLimiters: new platforms.RateLimiterRegistry(),
		issueFlights: new platforms.SingleFlight(),
	});
}

const cohort = (tag) =>
	Array.from({ length: COHORT }, (_, i) => ({
		templateId: GROUP,
		recipient: { email: `${tag}${i}@example.com`, name: `Learner ${i}` },
	}));

async function pool(items, limit, work) {
	const results = new Array(items.length);
	let next = 0;
	const worker = async () => {
		while (next < items.length) {
			const index = next++;
			results[index] = await work(items[index]);
		}
	};
	await Promise.all(Array.from({ length: limit }, worker));
	return results;
}

/** Runs one issuance strategy on a fresh simulator state; returns wall seconds and the floor. */
async function measure(sim, issueAll) {
	await control(sim, 'POST', 'reset');
	await control(sim, 'POST', 'faults', { rateLimit: LIMIT });
	const started = performance.now();
	await issueAll(client(sim));
	const wall = (performance.now() - started) / 1000;
	const issued = await control(sim, 'GET', 'issued');
	if (issued.total !== COHORT || issued.duplicates.length > 0)
		throw new Error(
			`expected ${COHORT} credentials, no duplicates; got ${JSON.stringify(issued.total)}`,
		);
	const { requests } = await control(sim, 'GET', 'requests');
	const accepted = requests.filter((r) => r.fault !== 'rate_limited').length;
	const floor = (accepted / LIMIT.limit) * (LIMIT.windowMs / 1000 / TIME_SCALE);
	return { wall, floor, requests: requests.length, throttled: requests.length - accepted };
}

async function main() {
	const sim = await startSimulatorProcess('accredible', { timeScale: TIME_SCALE });
	try {
		const single = await measure(sim, (c) => pool(cohort('one'), CONCURRENCY, (r) => c.issue(r)));
		report('cohort-200-at-100rpm', single.wall, 's', single.floor);
		console.log(`# ${single.requests} requests, ${single.throttled} answered 429`);
		const bulk = await measure(sim, async (c) => {
			const results = await c.bulkIssue(cohort('bulk'));
			const failed = results.filter((r) => r.error);
			if (failed.length > 0) throw failed[0].error;
		});
		// Baseline: the one-by-one run above, so the ratio is the share of its time bulk needs.
		report('cohort-200-bulk-at-100rpm', bulk.wall, 's', single.wall);
		console.log(`# ${bulk.requests} requests, ${bulk.throttled} answered 429`);
	} finally {
		await sim.stop();
	}
}

main().catch((error) => {
	console.error(error);
	process.exitCode = 1;
});
