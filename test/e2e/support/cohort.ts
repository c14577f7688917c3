// A cohort of Moodle learners sent through template 14, and what to count afterwards: ledger
// entries and credentials per learner. Shared by the single-process cohort and crash drill and
// by the queue-mode tests.
import { harness, type LoadedWorkflow, type RunData } from './harness';
import type { LedgerLine, ProductionRun } from './production-run';

export const COURSE = 12;
/** Time on task above course 12's minimum, as the site's event data carries it. */
export const ON_TIME = { timespentminutes: 120 };
/** Reservations count as stale after 6 s in the drills (15 minutes by default). */
const PENDING_TIMEOUT = { pendingTimeoutMinutes: 0.1 };
/** List Due Retries' outputs: Retry, Escalate, Outage, Resend. */
const RETRY_OUTPUT = 0;
const RESEND_OUTPUT = 3;

/** A learner of the batch; `at` is when Moodle says the course was completed (unix seconds). */
export type Learner = { id: number; email: string; at: number };
export type RequestLog = { requests: Array<{ fault?: string; at?: number; method?: string }> };
type IssuedLog = { total: number; duplicates: unknown[]; items: Array<{ email: string }> };

export async function control<T>(
	url: string,
	route: string,
	method = 'GET',
	body?: object,
): Promise<T> {
	const response = await fetch(`${url}/__control/${route}`, {
		method,
		headers: body ? { 'content-type': 'application/json' } : {},
		body: body ? JSON.stringify(body) : undefined,
	});
	if (!response.ok) throw new Error(`${method} ${route}: ${response.status}`);
	return (await response.json()) as T;
}

/** Seeds `count` learners who completed course 12 with a passing grade. */
export async function cohortOf(
	run: ProductionRun,
	count: number,
	surname: string,
): Promise<Learner[]> {
	const at = Math.floor(Date.now() / 1000) - 60;
	const learners: Learner[] = [];
	for (let i = 0; i < count; i++) {
		const learner = await run.newLearner('Cohort', `${surname}${i}`, COURSE, 90);
		learners.push({ ...learner, at });
	}
	return learners;
}

/** Ledger entries of a type, counted per learner of the cohort. */
export function perLearner(entries: LedgerLine[], learners: Learner[], type: string): number[] {
	const keyOf = new Map<string, number>();
	for (const entry of entries) {
		const match = /moodle\|(\d+)\|12\|/.exec(JSON.stringify(entry));
		if (match) keyOf.set(entry.key, Number(match[1]));
	}
	const counts = new Map<number, number>();
	for (const entry of entries) {
		const learner = keyOf.get(entry.key);
		if (entry.type === type && learner !== undefined)
			counts.set(learner, (counts.get(learner) ?? 0) + 1);
	}
	return learners.map((l) => counts.get(l.id) ?? 0);
}

export async function until(
	what: string,
	done: () => boolean | Promise<boolean>,
	waitMs = 240_000,
): Promise<void> {
	const deadline = Date.now() + waitMs;
	while (!(await done())) {
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
}

/** Credentials at a platform simulator per learner, and the duplicates the simulator found. */
export async function issuedPerLearner(
	run: ProductionRun,
	learners: Learner[],
	platform = 'accredible',
) {
	const issued = await control<IssuedLog>(run.simulators.urls[platform], 'issued');
	const counts = learners.map(
		(l) => issued.items.filter((item) => item.email.toLowerCase() === l.email).length,
	);
	return { counts, duplicates: issued.duplicates };
}

export const once = (count: number) => Array.from({ length: count }, () => 1);

export function parametersOf(workflow: LoadedWorkflow, nodeName: string): Record<string, unknown> {
	const nodes = workflow.json.nodes as Array<{ name: string; parameters: Record<string, unknown> }>;
	const node = nodes.find((n) => n.name === nodeName);
	if (!node) throw new Error(`${workflow.fileName} has no node "${nodeName}"`);
	return node.parameters;
}

/**
 * The drills' template 14: the trigger answers when the run is done (so a run a crash cuts
 * gets no 2xx and Moodle re-delivers it), and a reservation counts as stale after 6 s instead of
 * 15 minutes, so the queue picks up what the crash left without the test waiting that long.
 */
export function crashSafe(workflow: LoadedWorkflow): void {
	parametersOf(workflow, 'Moodle Trigger').responseMode = 'lastNode';
	parametersOf(workflow, 'Ledger: Reserve').reserveOptions = PENDING_TIMEOUT;
}

/**
 * Runs the operations queue (template 17) as its schedule would, until nothing is due: neither
 * a retry nor a credential to send again (List Due Retries' outputs Retry and Resend).
 */
export async function drainOperationsQueue(
	run: ProductionRun,
	queue: LoadedWorkflow,
	rounds = 6,
): Promise<number> {
	const session = await run.restSession();
	const listed = (result: RunData, output: number) =>
		(harness.nodeOutput(result, 'List Due Retries', output) ?? []).length;
	let due = -1;
	for (let round = 0; round < rounds && due !== 0; round++) {
		const result = await run.n8n.runFromTrigger(session, queue.id, 'Every 5 Minutes');
		due = listed(result, RETRY_OUTPUT) + listed(result, RESEND_OUTPUT);
	}
	return due;
}
