// The pack on n8n's distributed engine: queue mode with PostgreSQL as n8n's database, Redis, one
// main instance, one webhook processor and two workers, the Credential Ledger on PostgreSQL.
// Template 14 takes 1,000 Moodle deliveries of 200 completions (each sent five times at once):
// exactly 200 runs and 200 credentials; then the same with one worker killed (SIGKILL) in the
// middle of the batch and started again: nothing lost, nothing doubled. Template 14 on Credly
// issues 200 credentials through both workers against one budget, set in the Credly credential
// and enforced by the simulator: none refused with 429, and the batch takes no less than the
// budget allows at the platform's limit and at most 5 % more.
import * as fs from 'fs';
import * as path from 'path';

import {
	cohortOf,
	control,
	COURSE,
	crashSafe,
	drainOperationsQueue,
	issuedPerLearner,
	ON_TIME,
	once,
	perLearner,
	until,
	type Learner,
	type RequestLog,
} from './support/cohort';
import { attendeeSlice, certificateBatchWorkflow } from './support/certificate-batch';
import {
	budgetProblems,
	CREDLY_BUDGET,
	crowdingMs,
	floorSeconds,
	jitterAllowedMs,
	PLATFORM_LIMIT,
	refusingAlignments,
	SIMULATOR_WINDOWS,
} from './support/credly-budget';
import { busiestWindow } from '../support/arrivals';
import { currentLine, REPO_ROOT, type LoadedWorkflow } from './support/harness';
import { operationsQueueTemplate, withSettings } from './support/production-run';
import { QueueRun, variantOf } from './support/queue-run';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { report, driveConcurrently } = require('../../bench/support') as {
	report(name: string, value: number, unit: string, baseline: number): void;
	driveConcurrently(
		count: number,
		inFlight: number,
		work: (i: number) => Promise<void>,
	): Promise<void>;
};

const { line, n8nVersion } = currentLine();
const COMPLETIONS = 200;
const DELIVERIES_EACH = 5;
/**
 * Deliveries open at once, as an LMS's sending pool would have them: enough to race repeats of
 * one completion against each other, few enough not to exhaust n8n's database connections.
 */
const IN_FLIGHT = 50;
const BENCH_DIR = path.join(REPO_ROOT, 'test-output', 'bench');
/** One event's attendees, rendered in slices of ten (one execution each). */
const EVENT = { attendees: 120, perExecution: 10 };

/**
 * Workers hand a killed worker's executions on within seconds instead of n8n's default half
 * minute (the lock a dead worker can no longer renew, and the check for such jobs).
 */
const QUEUE_ENV = {
	// Connections per n8n process (2 by default): a webhook processor taking a hundred deliveries
	// at once otherwise waits for one and times out.
	DB_POSTGRESDB_POOL_SIZE: '8',
	// A loaded machine (two cores, many processes) can keep a connection waiting past the 20 s default.
	DB_POSTGRESDB_CONNECTION_TIMEOUT: '120000',
	QUEUE_WORKER_LOCK_DURATION: '5000',
	QUEUE_WORKER_LOCK_RENEW_TIME: '2500',
	QUEUE_WORKER_STALLED_INTERVAL: '5000',
};

/** Every learner's completion `count` times; the repeats go out together, so they race. */
function repeated(learners: Learner[], count: number): Learner[] {
	return learners.flatMap((l) => Array.from({ length: count }, () => l));
}

/** Sends every delivery, IN_FLIGHT at a time; resolves with the statuses each one got. */
async function deliverAll(
	deliveries: Learner[],
	send: (learner: Learner) => Promise<number[]>,
): Promise<number[][]> {
	const statuses: number[][] = [];
	await driveConcurrently(deliveries.length, IN_FLIGHT, async (i) => {
		statuses[i] = await send(deliveries[i]);
	});
	return statuses;
}

describe(`queue mode (main, webhook processor, 2 workers) on n8n ${n8nVersion}`, () => {
	const run = Object.assign(new QueueRun(), {
		serverEnv: QUEUE_ENV,
		credentialData: { 'Credly account': CREDLY_BUDGET },
	});
	let crash: LoadedWorkflow;
	let credly: LoadedWorkflow;
	let queue: LoadedWorkflow;
	const certificates = certificateBatchWorkflow();

	beforeAll(async () => {
		await run.start(line, {}, async (workflow) => {
			crash = variantOf(workflow, 'crash');
			crashSafe(crash);
			credly = variantOf(workflow, 'credly');
			withSettings(credly, { platform: 'credly' });
			queue = operationsQueueTemplate();
			run.others.push(crash, credly, queue, certificates);
		});
	});
	afterAll(async () => await run.stop());

	test(`${COMPLETIONS * DELIVERIES_EACH} deliveries of ${COMPLETIONS} completions: ${COMPLETIONS} runs, ${COMPLETIONS} credentials`, async () => {
		const learners = await cohortOf(run, COMPLETIONS, 'Repeat');
		const answers = await deliverAll(repeated(learners, DELIVERIES_EACH), (l) =>
			run.deliverUntilHandled(l, COURSE, ON_TIME, { retryMs: 5_000 }),
		);
		// Every delivery ended 2xx (deliverUntilHandled re-sends until then). n8n answers 503 while
		// its database connection recovers on a loaded machine: Moodle re-sends those.
		process.stdout.write(`# 1,000 deliveries: answers ${tally(answers.flat())}\n`);
		await until('a delivered record for every learner', async () =>
			perLearner(await run.ledgerEntries(), learners, 'delivered').every((n) => n > 0),
		);
		const entries = await run.ledgerEntries();
		expect(perLearner(entries, learners, 'issued')).toEqual(once(COMPLETIONS));
		expect(perLearner(entries, learners, 'delivered')).toEqual(once(COMPLETIONS));
		const { counts, duplicates } = await issuedPerLearner(run, learners);
		expect(counts).toEqual(once(COMPLETIONS));
		expect(duplicates).toEqual([]);
		expect(await run.executionCount()).toBe(COMPLETIONS);
	});

	test(`the same with a worker killed (SIGKILL) mid-batch and started again: nothing lost, nothing doubled`, async () => {
		const learners = await cohortOf(run, COMPLETIONS, 'Crash');
		// The drill's template answers when the run is done; Moodle re-sends what got no 2xx.
		const answered = deliverAll(repeated(learners, DELIVERIES_EACH), (l) =>
			run.deliverUntilHandled(l, COURSE, ON_TIME, { workflow: crash, retryMs: 5_000 }),
		);
		await until(
			'a quarter of the batch issued',
			async () =>
				perLearner(await run.ledgerEntries(), learners, 'issued').filter((n) => n > 0).length >=
				COMPLETIONS / 4,
		);
		const killed = await run.cluster.killWorker(0);
		const issuedAtKill = perLearner(await run.ledgerEntries(), learners, 'issued').filter(
			(n) => n > 0,
		).length;
		await run.cluster.startWorker(0);
		const statuses = (await answered).flat();
		process.stdout.write(
			`# crash drill: worker 1 ${JSON.stringify(killed)} with ${issuedAtKill}/${COMPLETIONS} issued; answers ${tally(statuses)}\n`,
		);
		expect(issuedAtKill).toBeLessThan(COMPLETIONS);

		// The operations queue, as its schedule would, until nothing is due.
		expect(await drainOperationsQueue(run, queue)).toBe(0);
		const entries = await run.ledgerEntries();
		expect(perLearner(entries, learners, 'issued')).toEqual(once(COMPLETIONS));
		const { counts, duplicates } = await issuedPerLearner(run, learners);
		expect(counts).toEqual(once(COMPLETIONS));
		expect(duplicates).toEqual([]);
	});

	test(`${COMPLETIONS} Credly issuances across 2 workers within a limit of ${PLATFORM_LIMIT.requestsPerMinute} requests a minute; BENCH queue-cohort-200-2-workers`, async () => {
		const sim = run.simulators.urls.credly;
		await control(sim, 'faults', 'POST', { rateLimit: SIMULATOR_WINDOWS });
		await control(sim, 'requests', 'DELETE');
		const learners = await cohortOf(run, COMPLETIONS, 'Paced');
		// The cohort waits in the queue while no worker runs, then both take it: the budget sets
		// the pace, not how fast a loaded machine takes the deliveries in.
		await Promise.all(run.cluster.workers.map((worker) => worker.stop()));
		const sent = Date.now();
		let answers: number[][];
		try {
			answers = await deliverAll(learners, (l) =>
				run.deliverUntilHandled(l, COURSE, ON_TIME, { workflow: credly }),
			);
		} finally {
			// Also when queueing fails, so the scenarios after this one still have their workers.
			await Promise.all(run.cluster.workers.map((_, i) => run.cluster.startWorker(i)));
		}
		process.stdout.write(
			`# Credly cohort queued in ${((Date.now() - sent) / 1000).toFixed(1)} s: answers ${tally(answers.flat())}\n`,
		);
		// One worker may be ready seconds before the other: the pace of two is timed from then.
		const bothRunning = Date.now();
		await until(
			'an issued record for every learner',
			async () => perLearner(await run.ledgerEntries(), learners, 'issued').every((n) => n > 0),
			240_000,
		).catch(async (error: Error) => {
			// Say how far it got: the ledger's entries and what Credly answered.
			const types = (await run.ledgerEntries()).map((e) => String(e.type));
			const { requests } = await control<RequestLog>(sim, 'requests');
			throw new Error(
				`${error.message}: ledger ${tally(types)}; Credly ${tally(requests.map((r) => r.fault ?? 'answered'))}\n${run.cluster.logs(15)}`,
			);
		});
		const entries = await run.ledgerEntries();
		const { requests } = await control<RequestLog>(sim, 'requests');
		const arrivals = requests
			.map((r) => Number(r.at))
			.filter((at) => at >= bothRunning)
			.sort((a, b) => a - b);
		const issuedAt = entries
			.filter((e) => e.type === 'issued')
			.map((e) => Date.parse(String(e.at)))
			.filter((at) => at >= sent);
		// From the first request to Credly with both workers running to the last credential recorded.
		const seconds = (Math.max(...issuedAt) - arrivals[0]) / 1000;
		const throttled = requests.filter((r) => r.fault === 'rate_limited').length;
		const accepted = requests.filter(
			(r) => r.fault !== 'rate_limited' && Number(r.at) >= bothRunning,
		).length;
		const floor = floorSeconds(accepted, PLATFORM_LIMIT.requestsPerMinute);
		const crowding = crowdingMs(arrivals, CREDLY_BUDGET.requestsPerMinute);
		const busiest = busiestWindow(arrivals, SIMULATOR_WINDOWS.windowMs);
		const nearMiss = refusingAlignments(arrivals);
		fs.mkdirSync(BENCH_DIR, { recursive: true });
		fs.writeFileSync(
			path.join(BENCH_DIR, `queue-cohort-200-2-workers-n8n-line-${line}.json`),
			JSON.stringify({
				n8nVersion,
				cohort: COMPLETIONS,
				workers: 2,
				limitPerMinute: PLATFORM_LIMIT.requestsPerMinute,
				credentialPerMinute: CREDLY_BUDGET.requestsPerMinute,
				seconds,
				floorSeconds: floor,
				accepted,
				throttled,
				crowdingMs: crowding,
				busiestWindow: busiest,
				refusingAlignments: nearMiss,
			}),
		);
		process.stdout.write(
			`# Credly: ${accepted} requests accepted, ${throttled} answered 429, the last ${((arrivals[arrivals.length - 1] - arrivals[0]) / 1000).toFixed(1)} s after the first; arrivals crowded ${crowding.toFixed(0)} ms against the credential's pace (its margin allows ${jitterAllowedMs().toFixed(0)} ms), the busiest ${SIMULATOR_WINDOWS.windowMs / 1000} s held ${busiest} (${(nearMiss * 100).toFixed(2)} % of window alignments would have refused one)\n`,
		);
		report('queue-cohort-200-2-workers', seconds, 's', floor);

		expect(perLearner(entries, learners, 'issued')).toEqual(once(COMPLETIONS));
		expect((await issuedPerLearner(run, learners, 'credly')).counts).toEqual(once(COMPLETIONS));
		expect(budgetProblems({ accepted, throttled, seconds })).toEqual([]);
	}, 900_000);

	test(`one event's certificates rendered by 2 workers vs 1; BENCH queue-scaling-2-workers`, async () => {
		const executions = EVENT.attendees / EVENT.perExecution;
		/** Renders the event, every slice at once; the seconds it took and the ids rendered. */
		const renderEvent = async () => {
			const ids = new Set<string>();
			const started = Date.now();
			await driveConcurrently(executions, executions, async (i) => {
				const from = i * EVENT.perExecution;
				const response = await run.cluster.webhook.request('POST', certificates.webhooks[0].path, {
					body: attendeeSlice(from, from + EVENT.perExecution),
					timeoutMs: 300_000,
				});
				if (response.status !== 200)
					throw new Error(`slice ${i}: ${response.status} ${response.text.slice(0, 300)}`);
				for (const item of response.body as Array<{ certificate: { certificateId: string } }>)
					ids.add(item.certificate.certificateId);
			});
			return { seconds: (Date.now() - started) / 1000, rendered: ids.size };
		};
		// Both workers load the fonts and the package once before anything is timed.
		await renderEvent();
		const two = await renderEvent();
		await run.cluster.workers[1].stop();
		const one = await renderEvent();
		await run.cluster.startWorker(1);

		expect([two.rendered, one.rendered]).toEqual([EVENT.attendees, EVENT.attendees]);
		const perSecond = (r: { seconds: number }) => EVENT.attendees / r.seconds;
		fs.mkdirSync(BENCH_DIR, { recursive: true });
		fs.writeFileSync(
			path.join(BENCH_DIR, 'queue-scaling-2-workers.json'),
			JSON.stringify({ n8nVersion, ...EVENT, oneWorker: one.seconds, twoWorkers: two.seconds }),
		);
		report('queue-scaling-2-workers', perSecond(two), 'certificates/s', perSecond(one));
	});
});

function tally(statuses: Array<number | string>): string {
	return [...new Set(statuses)]
		.sort()
		.map((s) => `${statuses.filter((x) => x === s).length}×${s}`)
		.join(' ');
}
