// The production template (14) on n8n in queue mode: one main, one webhook processor, two
// workers, PostgreSQL for n8n and for the Credential Ledger, Redis for the queue. Completions are
// delivered to the webhook processor as Moodle does (re-sent until answered 2xx); the ledger is
// read from its PostgreSQL tables.
import * as path from 'path';

import type { Instance, LoadedWorkflow, QueueCluster } from './harness';
import { harness } from './harness';
import {
	PRODUCTION_TEMPLATE,
	ProductionRun,
	LIVE,
	withSettings,
	type LedgerLine,
} from './production-run';
import { startSimulatorsWithCredentials } from './simulators';

type WorkflowNode = { name: string; parameters: Record<string, unknown>; webhookId?: string };

/** A copy of a workflow under another id, name and webhook ids (two variants side by side). */
export function variantOf(workflow: LoadedWorkflow, tag: string): LoadedWorkflow {
	const json = JSON.parse(JSON.stringify(workflow.json)) as Record<string, unknown>;
	const id = `${workflow.id.slice(0, 16 - tag.length)}${tag}`;
	json.id = id;
	json.name = `${String(json.name)} (${tag})`;
	const renamed = new Map<string, string>();
	for (const node of json.nodes as WorkflowNode[]) {
		if (!node.webhookId) continue;
		const fresh = `${node.webhookId.slice(0, -tag.length)}${tag}`;
		renamed.set(node.webhookId, fresh);
		node.webhookId = fresh;
	}
	const webhooks = workflow.webhooks.map((w) => {
		let webhookPath = w.path;
		for (const [from, to] of renamed) webhookPath = webhookPath.replace(from, to);
		return { ...w, path: webhookPath };
	});
	return { ...workflow, id, json, webhooks };
}

export class QueueRun extends ProductionRun {
	cluster!: QueueCluster;
	/** Executions each worker runs at once. */
	concurrency = 10;
	/** Workflows imported and activated beside template 14 (e.g. variants, template 17). */
	readonly others: LoadedWorkflow[] = [];
	/** Fields of the demo credentials to change, by credential name. */
	credentialData: Record<string, Record<string, unknown>> = {};

	async start(
		line: string,
		settings: Record<string, unknown> = {},
		prepare?: (workflow: LoadedWorkflow, n8n: Instance) => Promise<void>,
	): Promise<void> {
		this.cluster = await harness.createQueueCluster({
			line,
			concurrency: this.concurrency,
			env: this.serverEnv,
		});
		this.n8n = this.cluster.main;
		this.simulators = await startSimulatorsWithCredentials(this.n8n, this.credentialData);
		await this.n8n.importCredentials([this.cluster.ledgerCredential]);
		const found = harness
			.loadWorkflowDir(path.dirname(PRODUCTION_TEMPLATE))
			.find((w) => w.file === PRODUCTION_TEMPLATE);
		if (!found) throw new Error(`${PRODUCTION_TEMPLATE} is missing`);
		this.workflow = found;
		withSettings(this.workflow, { ...LIVE, ...settings });
		await prepare?.(this.workflow, this.n8n);
		const all = [this.workflow, ...this.others];
		for (const workflow of all) harness.ledgerOnPostgres(workflow.json);
		await this.n8n.importWorkflows(all);
		for (const workflow of all) if (workflow.webhooks.length) await this.n8n.activate(workflow.id);
		await this.cluster.start();
		for (const workflow of all)
			if (workflow.webhooks.length)
				await this.cluster.webhook.waitForWebhook({
					...workflow.webhooks[0],
					workflowId: workflow.id,
				});
	}

	async stop(): Promise<void> {
		await this.cluster?.dispose();
		await this.simulators?.stop();
	}

	/**
	 * Posts one completion to the webhook processor as Moodle does and re-sends it until it is
	 * answered 2xx, as Moodle's retry would (its waits shortened to `retryMs`). Resolves with the
	 * statuses it got, 0 for a connection that died.
	 */
	async deliverUntilHandled(
		learner: { id: number; at: number },
		courseId: number,
		other: object,
		{ workflow = this.workflow, retryMs = 1_000, deadlineMs = 600_000 } = {},
	): Promise<number[]> {
		const { delivery } = this.completionDelivery(learner.id, courseId, other, learner.at);
		const statuses: number[] = [];
		const giveUp = Date.now() + deadlineMs;
		for (;;) {
			let status = 0;
			try {
				const response = await this.cluster.webhook.request('POST', workflow.webhooks[0].path, {
					body: delivery.body,
					headers: delivery.headers,
					timeoutMs: 300_000,
				});
				status = response.status;
			} catch {
				status = 0;
			}
			statuses.push(status);
			if (status >= 200 && status < 300) return statuses;
			if (Date.now() > giveUp)
				throw new Error(`learner ${learner.id}: never answered 2xx (${statuses.join(', ')})`);
			await new Promise((resolve) => setTimeout(resolve, retryMs));
		}
	}

	/** Every entry of the PostgreSQL ledger, in chain order. */
	async ledgerEntries(): Promise<LedgerLine[]> {
		// The tables appear with the first ledger operation.
		const [{ exists }] = await this.cluster.queryLedger(
			"SELECT to_regclass('credential_ledger_entries') IS NOT NULL AS exists",
		);
		if (!exists) return [];
		const rows = await this.cluster.queryLedger(
			'SELECT line FROM credential_ledger_entries ORDER BY seq',
		);
		return rows.map((row) => JSON.parse(String(row.line)) as LedgerLine);
	}

	/** Executions n8n stored for a workflow (every run, whichever worker ran it). */
	async executionCount(workflowId = this.workflow.id): Promise<number> {
		const [row] = await this.cluster.queryN8n(
			'SELECT count(*)::int AS n FROM execution_entity WHERE "workflowId" = $1',
			[workflowId],
		);
		return Number(row.n);
	}
}
