// One real n8n running the production template (14) against the simulators: send Moodle
// completions, read what the mail sink, the issuing platform and the ledger folder hold.
import * as fs from 'fs';
import * as path from 'path';

import type { Instance, LoadedWorkflow, RestSession } from './harness';
import { harness, REPO_ROOT, restSessions } from './harness';
import { createInstanceWithPackage } from './describe-workflows';
import { startSimulatorsWithCredentials, type RunningSimulators } from './simulators';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const lmsSender = require('../../simulators/lms/webhook-sender') as {
	moodle(
		event: object,
		options: { token: string },
	): { body: string; headers: Record<string, string> };
};
// eslint-disable-next-line @typescript-eslint/no-require-imports
const accredibleSamples = require('../../simulators/accredible/sample-data') as {
	SAMPLE_API_KEY: string;
};
// eslint-disable-next-line @typescript-eslint/no-require-imports
const lmsSamples = require('../../simulators/lms/sample-data') as { MOODLE_WEBHOOK_TOKEN: string };

export const PRODUCTION_TEMPLATE = path.join(
	REPO_ROOT,
	'workflows',
	'14-production-completion-to-credential.json',
);

/**
 * Template 17, the operations queue, as shipped beside template 14 (the same Course Mapping
 * rows), with retries due at once: the operator's 5 minutes would outlast a test.
 */
export function operationsQueueTemplate(): LoadedWorkflow {
	const queue = harness
		.loadWorkflowDir(path.join(REPO_ROOT, 'workflows'))
		.find((w) => w.fileName === '17-operations-queue.json');
	if (!queue) throw new Error('template 17 is missing');
	withSettings(queue, { retryIntervalMinutes: 0 });
	return queue;
}

export interface SinkMessage {
	id: string;
	to: string[];
	subject: string | null;
	receivedAt: string;
	raw: string;
}

export interface LedgerLine {
	type: string;
	key: string;
	actor?: string;
	[field: string]: unknown;
}

/** How many times the server log says n8n finished starting (the log outlives restarts). */
function startsLogged(log: string): number {
	return log.split('Editor is now accessible').length - 1;
}

interface Assignment {
	name: string;
	value: unknown;
}

/**
 * The template ships in shadow mode (nothing issued); the scenarios test issuing, so runs go live
 * unless a test sets another mode.
 */
export const LIVE = { goLiveMode: 'full' };

export function withSettings(workflow: LoadedWorkflow, settings: Record<string, unknown>): void {
	const nodes = workflow.json.nodes as Array<{ name: string; parameters: Record<string, unknown> }>;
	const node = nodes.find((n) => n.name === 'Settings');
	const assignments = (node?.parameters.assignments as { assignments: Assignment[] }).assignments;
	for (const [name, value] of Object.entries(settings)) {
		const assignment = assignments.find((a) => a.name === name);
		if (!assignment) throw new Error(`Settings has no field "${name}"`);
		assignment.value = value;
	}
}

export class ProductionRun {
	n8n!: Instance;
	simulators!: RunningSimulators;
	workflow!: LoadedWorkflow;
	/** Extra environment for the n8n server, set before start() (e.g. execution saving). */
	serverEnv: Record<string, string> = {};
	private nextLearner = 200;
	private session?: RestSession;
	private readonly owner = {
		email: 'owner@example.org',
		password: restSessions.generatePassword(),
	};

	/**
	 * Imports the template with some *Settings* values replaced, activates it and starts n8n.
	 * `prepare` may change other nodes or import more workflows before n8n starts.
	 */
	async start(
		line: string,
		settings: Record<string, unknown> = {},
		prepare?: (workflow: LoadedWorkflow, n8n: Instance) => Promise<void>,
	): Promise<void> {
		this.n8n = await createInstanceWithPackage(line);
		this.simulators = await startSimulatorsWithCredentials(this.n8n);
		const found = harness
			.loadWorkflowDir(path.dirname(PRODUCTION_TEMPLATE))
			.find((w) => w.file === PRODUCTION_TEMPLATE);
		if (!found) throw new Error(`${PRODUCTION_TEMPLATE} is missing`);
		this.workflow = found;
		// The scenarios here test issuing; the template ships in shadow mode (the first go-live week).
		withSettings(this.workflow, { ...LIVE, ...settings });
		await prepare?.(this.workflow, this.n8n);
		await this.n8n.importWorkflow(this.workflow);
		await this.n8n.activate(this.workflow.id);
		await this.n8n.start({ extraEnv: this.serverEnv });
		await this.waitForTrigger();
	}

	async stop(): Promise<void> {
		await this.n8n?.dispose();
		await this.simulators?.stop();
	}

	/**
	 * Restarts n8n on the same user folder; the server may come back on another port.
	 * `whileStopped` runs in between (e.g. importing a workflow the operator edited and saved).
	 */
	async restart(whileStopped?: () => Promise<void>): Promise<void> {
		const started = () => startsLogged(this.n8n.server?.logTail(100_000) ?? '');
		const before = started();
		await this.n8n.stop();
		await whileStopped?.();
		await this.n8n.start({ extraEnv: this.serverEnv });
		this.session = undefined;
		await this.waitForTrigger();
		// Webhooks answer before n8n has finished recovering the runs the restart interrupted,
		// and a form answered during that recovery is refused ("already being resumed").
		const deadline = Date.now() + 60_000;
		while (started() <= before && Date.now() < deadline) {
			await new Promise((resolve) => setTimeout(resolve, 100));
		}
	}

	/** The operator changes *Settings* and saves: the template is imported again, active, across a restart. */
	async changeSettings(
		settings: Record<string, unknown>,
		whileStopped?: () => Promise<void>,
	): Promise<void> {
		withSettings(this.workflow, settings);
		await this.restart(async () => {
			await whileStopped?.();
			await this.n8n.importWorkflow(this.workflow);
			await this.n8n.activate(this.workflow.id);
		});
		// Then the editor's toggle, off and on: on n8n 2.x the server keeps serving the version
		// published before (a first delivery, or all of them) until the workflow is re-activated.
		const session = await this.restSession();
		await session.post(`/rest/workflows/${this.workflow.id}/deactivate`, {});
		await session.activate(this.workflow.id);
		await this.waitForTrigger();
	}

	async waitForTrigger(): Promise<void> {
		await this.n8n.waitForWebhook({ ...this.workflow.webhooks[0], workflowId: this.workflow.id });
		await this.untilPublished();
	}

	/**
	 * n8n 2.x publishes through an outbox, after the REST call returns: until that is applied the
	 * webhook may still answer 404 "Published version not found" (an unpublish queued by the
	 * toggle's "off" can even land after the "on" was served). Its publication-status endpoint
	 * says when the version is live; n8n 1.x activates synchronously and has no such endpoint.
	 */
	private async untilPublished(): Promise<void> {
		const session = await this.restSession();
		const statusPath = `/rest/workflows/${this.workflow.id}/publication-status`;
		const deadline = Date.now() + 60_000;
		for (;;) {
			let status: string;
			try {
				status = ((await session.get(statusPath)) as { data: { status: string } }).data.status;
			} catch (error) {
				if (/HTTP 404 /.test(String(error))) return;
				throw error;
			}
			if (status === 'published') return;
			if (status === 'failed' || status === 'partial' || Date.now() > deadline)
				throw new Error(`workflow ${this.workflow.id} did not publish: status ${status}`);
			await new Promise((resolve) => setTimeout(resolve, 200));
		}
	}

	/** Adds data to a simulator (POST /__control/seed). */
	async seed(sim: string, body: object): Promise<void> {
		await this.control(sim, 'seed', body);
	}

	private async control(sim: string, route: string, body: object): Promise<unknown> {
		const response = await fetch(`${this.simulators.urls[sim]}/__control/${route}`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(body),
		});
		if (!response.ok)
			throw new Error(`${sim} ${route}: ${response.status} ${await response.text()}`);
		return response.json();
	}

	/** A new Moodle learner enrolled in `courseId` with a course total of `grade` (of 100). */
	async newLearner(firstname: string, lastname: string, courseId: number, grade: number) {
		const id = this.nextLearner++;
		const email = `${firstname}.${lastname}.${id}@example.org`.toLowerCase();
		await this.control('moodle', 'seed', {
			users: [{ id, username: `u${id}`, firstname, lastname, email }],
			enrolments: [{ courseId, userId: id }],
		});
		await this.control('moodle', 'complete', { courseId, userId: id, grade });
		return { id, email, name: `${firstname} ${lastname}` };
	}

	/** Marks another course completed for a learner (a prerequisite). */
	async completeCourse(learnerId: number, courseId: number): Promise<void> {
		await this.control('moodle', 'complete', { courseId, userId: learnerId });
	}

	/** Posts a signed course_completed event; `other` carries the site's extra fields. */
	async sendCompletion(learnerId: number, courseId: number, other: object = {}, at = 0) {
		const { event, delivery } = this.completionDelivery(learnerId, courseId, other, at);
		const response = await this.n8n.request('POST', this.workflow.webhooks[0].path, {
			body: delivery.body,
			headers: delivery.headers,
		});
		if (response.status !== 200)
			throw new Error(`trigger answered ${response.status}: ${response.text}`);
		return { event, response };
	}

	/** A signed course_completed event as Moodle's webhook would post it (body and headers). */
	completionDelivery(learnerId: number, courseId: number, other: object = {}, at = 0) {
		const event = {
			eventname: '\\core\\event\\course_completed',
			component: 'core',
			action: 'completed',
			target: 'course',
			objecttable: 'course_completions',
			objectid: learnerId * 100 + courseId,
			courseid: courseId,
			userid: 2,
			relateduserid: learnerId,
			other: { relateduserid: learnerId, ...other },
			timecreated: at || Math.floor(Date.now() / 1000),
		};
		const delivery = lmsSender.moodle(event, { token: lmsSamples.MOODLE_WEBHOOK_TOKEN });
		return { event, delivery };
	}

	/** The stored executions of the template, newest first, with their status and error. */
	async executions(): Promise<Array<{ id: string; status: string }>> {
		const session = await this.restSession();
		const filter = encodeURIComponent(JSON.stringify({ workflowId: this.workflow.id }));
		const listed = (await session.get(`/rest/executions?filter=${filter}`)) as {
			data: { results: Array<{ id: string; status: string }> };
		};
		return listed.data.results;
	}

	/** The owner's session on n8n's REST API (set up on first use, again after a restart). */
	async restSession(): Promise<RestSession> {
		if (!this.session) {
			// Webhooks answer before the REST routes exist while n8n starts.
			await this.n8n.waitForHttp('/rest/settings');
			const session = restSessions.createSession(this.n8n.baseUrl);
			if (await session.ownerMissing()) await session.setupOwner(this.owner);
			else await session.login(this.owner);
			this.session = session;
		}
		return this.session;
	}

	/** What went wrong in the failed runs, for assertion messages. */
	async failures(): Promise<string> {
		const failed = (await this.executions()).filter((e) => e.status === 'error');
		return `${failed.length} failed run(s)\n--- server log ---\n${this.n8n.server?.logTail() ?? ''}`;
	}

	/**
	 * Waits until the run behind a form link is paused in its Wait node: a form opened while the
	 * run is still on its way there (milliseconds after the email) is not yet a form n8n serves.
	 */
	async untilWaiting(formLink: string, waitMs = 30_000): Promise<void> {
		const id = /\/form-waiting\/(\d+)/.exec(formLink)?.[1];
		if (!id) throw new Error(`not a form link: ${formLink}`);
		await this.executions();
		const deadline = Date.now() + waitMs;
		for (;;) {
			const { data } = (await this.session?.get(`/rest/executions/${id}`)) as {
				data: { status: string };
			};
			if (data.status === 'waiting') return;
			if (Date.now() > deadline)
				throw new Error(`run ${id} is ${data.status}, not waiting for its form`);
			await new Promise((resolve) => setTimeout(resolve, 100));
		}
	}

	/** A credential as the Accredible simulator's API returns it (custom attributes included). */
	async accredibleCredential(id: string): Promise<Record<string, unknown>> {
		const response = await fetch(`${this.simulators.urls.accredible}/v1/credentials/${id}`, {
			headers: { authorization: `Token token=${accredibleSamples.SAMPLE_API_KEY}` },
		});
		return ((await response.json()) as { credential: Record<string, unknown> }).credential;
	}

	async messages(): Promise<SinkMessage[]> {
		const response = await fetch(`${this.simulators.urls.mail}/__control/messages?raw=1`);
		return ((await response.json()) as { messages: SinkMessage[] }).messages;
	}

	/** Waits up to `waitMs` for `count` messages to `to` (matching `subject` if given). */
	async mailTo(to: string, count = 1, subject?: RegExp, waitMs = 30_000): Promise<SinkMessage[]> {
		const deadline = Date.now() + waitMs;
		for (;;) {
			const found = (await this.messages()).filter(
				(m) => m.to.includes(to) && (!subject || subject.test(m.subject ?? '')),
			);
			if (found.length >= count || Date.now() > deadline) return found;
			await new Promise((resolve) => setTimeout(resolve, 100));
		}
	}

	async issued(platform: string, email: string): Promise<Array<Record<string, unknown>>> {
		const response = await fetch(`${this.simulators.urls[platform]}/__control/issued`);
		const { items } = (await response.json()) as { items: Array<{ email: string }> };
		return items.filter((item) => item.email.toLowerCase() === email.toLowerCase());
	}

	/** Every entry of the embedded ledger the template writes to (n8n's folder). */
	ledger(): LedgerLine[] {
		const chain = path.join(this.n8n.userFolder, '.n8n', 'credential-ledger', 'chain.jsonl');
		if (!fs.existsSync(chain)) return [];
		return fs
			.readFileSync(chain, 'utf8')
			.split('\n')
			.filter((line) => line.trim())
			.map((line) => JSON.parse(line) as LedgerLine);
	}

	/** Entry types of the learner's course credential, in chain order. */
	ledgerTypes(learnerId: number, courseId: number): string[] {
		return this.entriesOf(learnerId, courseId).map((e) => e.type);
	}

	/** The entries under every key whose entries name this learner's completion of the course. */
	entriesOf(learnerId: number, courseId: number): LedgerLine[] {
		const entries = this.ledger();
		const completion = `moodle|${learnerId}|${courseId}|`;
		const keys = new Set(
			entries.filter((e) => JSON.stringify(e).includes(completion)).map((e) => e.key),
		);
		return entries.filter((e) => keys.has(e.key));
	}

	/** Waits until the learner's ledger entries include `type` (runs end after the webhook answer). */
	async untilLedger(learnerId: number, courseId: number, type: string, waitMs = 30_000) {
		const deadline = Date.now() + waitMs;
		while (!this.ledgerTypes(learnerId, courseId).includes(type) && Date.now() < deadline) {
			await new Promise((resolve) => setTimeout(resolve, 100));
		}
		return this.entriesOf(learnerId, courseId);
	}
}
