// Shapes of the per-workflow expectations (one test/e2e/templates/<template>.cases.ts file per
// template), and how a folder of such files is read.
import { readdirSync } from 'node:fs';
import * as path from 'node:path';

import type { HttpResponse, RunData } from './harness';

export interface WebhookRequestCase {
	/** Shown in the test name. */
	name: string;
	/** Webhook node to call; may be left out when the workflow has one webhook. */
	webhook?: string;
	/** A concrete path for a webhook whose path has parameters (e.g. "/webhook/x/:id"). */
	path?: string;
	/** Defaults to the webhook node's method. */
	method?: string;
	/** Appended to the production URL, e.g. "?dryRun=true". */
	query?: string;
	headers?: Record<string, string>;
	body?: unknown;
	expect: {
		status?: number;
		/** Objects and arrays are matched partially (toMatchObject), anything else exactly. */
		body?: unknown;
		headers?: Record<string, string | RegExp>;
		/**
		 * How many executions of this workflow the request started, counted through n8n's REST
		 * API: 0 proves a refused call ran nothing.
		 */
		executionsStarted?: number;
	};
	/** Extra assertions on the whole response. */
	check?: (response: HttpResponse) => void;
	/** Restart the n8n server (same user folder) before this request: what must survive one. */
	restartFirst?: boolean;
	/** Runs before the request, e.g. to create what it acts on in a simulator. */
	prepare?: (context: CheckContext) => Promise<void>;
	/** Runs after the response is checked, e.g. to assert what a simulator holds (or not). */
	afterResponse?: (context: CheckContext) => Promise<void>;
}

export interface ExecuteCase {
	/** Output items (their json) per node name; each item is matched partially. */
	nodeOutputs?: Record<string, unknown[]>;
	/**
	 * Extra assertions; output(node, outputIndex) returns that node's items as json, and
	 * context.simulators the base URL of each running simulator (e.g. `mail`), to read what
	 * the workflow sent them.
	 */
	check?: (
		run: RunData,
		output: (node: string, outputIndex?: number) => unknown[] | undefined,
		context: CheckContext,
	) => void | Promise<void>;
}

export interface CheckContext {
	/** Simulator name → base URL, as test/simulators/registry.js reports them. */
	simulators: Record<string, string>;
	/** The n8n user folder of the server under test (e.g. to read the ledger's files). */
	userFolder: string;
}

export interface TemplateCase {
	/**
	 * Changes the workflow before it is imported, as its operator would (e.g. a Settings URL set to
	 * a simulator that runs on a free port here).
	 */
	configure?: (workflow: Record<string, unknown>, simulators: Record<string, string>) => void;
	/**
	 * For workflows started by the Manual Trigger. Several: run one after the other, each in its
	 * own n8n process, so a later run sees what the earlier ones left (e.g. in the ledger).
	 */
	execute?: ExecuteCase | ExecuteCase[];
	/**
	 * For workflows started by a trigger without a webhook (a poll trigger): run from it as the
	 * editor's "Execute workflow" does, so the trigger fetches its sample from the simulator.
	 */
	poll?: ExecuteCase;
	/** For workflows with several such triggers: the expectations of a run from each, by name. */
	pollTriggers?: Record<string, ExecuteCase>;
	/** For workflows started by webhooks: sent to the production URL after activation. */
	requests?: WebhookRequestCase[];
}

/** Workflow file name (e.g. "verify-completion.json") -> its expectations. */
export type TemplateCases = Record<string, TemplateCase>;

const CASES_SUFFIX = '.cases.ts';

/** Where the expectations of a workflow file live, e.g. "01-x.json" -> "01-x.cases.ts". */
export const casesFileFor = (workflowFile: string): string =>
	workflowFile.replace(/\.json$/, CASES_SUFFIX);

/**
 * Every `<workflow file name without .json>.cases.ts` in `folder`, each exporting `cases`: a
 * workflow added to the folder needs only its own file, nothing central to edit.
 */
export function casesFromFolder(folder: string): TemplateCases {
	const cases: TemplateCases = {};
	for (const file of readdirSync(folder).filter((f) => f.endsWith(CASES_SUFFIX))) {
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		const loaded = require(path.join(folder, file)) as { cases?: TemplateCase };
		if (!loaded.cases) throw new Error(`${file} exports no "cases" (export const cases = {...})`);
		cases[`${file.slice(0, -CASES_SUFFIX.length)}.json`] = loaded.cases;
	}
	return cases;
}
