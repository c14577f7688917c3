// Template 06 edited for a test: corrected scans, dry run switched, a connection cut. Each
// variant is imported as a workflow of its own, so one n8n serves every step of a scenario. The
// edits that cut the template's own path reproduce what a stopped run leaves in the ledger: n8n
// writes nothing after the step it died in, and the entries before it are the template's own.
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';

import { harness, REPO_ROOT, type LoadedWorkflow } from './harness';
import { setDryRun } from '../templates/06-conference-cpe-credits.cases';

export const CPE_TEMPLATE = '06-conference-cpe-credits.json';

export type WorkflowJson = {
	nodes: Array<{ name: string; parameters: Record<string, unknown> }>;
	connections: Record<
		string,
		{ main: Array<Array<{ node: string; type: string; index: number }>> }
	>;
};

/** Route by Action's outputs, as the template wires them. */
export const ROUTE = { dryRun: 5, resend: 6, completeSupersession: 7 } as const;

/** The demo scans with `corrections` applied: [demo row, corrected row]. */
export function correct(workflow: WorkflowJson, corrections: Array<[string, string]>): void {
	const attendance = workflow.nodes.find((node) => node.name === 'Attendance')!;
	for (const [demo, corrected] of corrections) {
		const csv = String(attendance.parameters.attendanceCsv);
		if (!csv.includes(demo)) throw new Error(`the demo scans have no row "${demo}"`);
		attendance.parameters.attendanceCsv = csv.replace(demo, corrected);
	}
}

/** Template 06 as shipped, dry run off, with each edit: one workflow per name. */
export function cpeVariants<Name extends string>(
	folder: string,
	variants: Record<Name, (workflow: WorkflowJson) => void>,
): Record<Name, LoadedWorkflow> {
	const shipped = readFileSync(path.join(REPO_ROOT, 'workflows', CPE_TEMPLATE), 'utf8');
	for (const [name, edit] of Object.entries(variants) as Array<[Name, (w: WorkflowJson) => void]>) {
		const workflow = JSON.parse(shipped) as WorkflowJson;
		setDryRun(workflow, false);
		edit(workflow);
		writeFileSync(path.join(folder, `${name}.json`), JSON.stringify(workflow));
	}
	const loaded = harness.loadWorkflowDir(folder);
	return Object.fromEntries(
		Object.keys(variants).map((name) => [name, loaded.find((w) => w.fileName === `${name}.json`)!]),
	) as Record<Name, LoadedWorkflow>;
}

/** The decoded bytes of the base64 MIME part named `filename`. */
export function attachment(raw: string, filename: string): Buffer {
	const start = raw.search(new RegExp(`filename="?${filename.replace(/\./g, '\\.')}"?\r\n`));
	if (start < 0) throw new Error(`no attachment ${filename} in the message`);
	const headersEnd = raw.indexOf('\r\n\r\n', start);
	const body = raw.slice(headersEnd + 4, raw.indexOf('\r\n--', headersEnd));
	return Buffer.from(body.replace(/\s+/g, ''), 'base64');
}
