// Helpers for the Attendance and CPE Credit nodes: a chain Trigger → Attendance → CPE Credit
// (→ a report) run in the real engine, with the sample conference of test/fixtures/cpe.
// Expected values stay in the tests; these only build workflows and unwrap results.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { IDataObject, INodeExecutionData, INodeParameters, IPinData } from 'n8n-workflow';

import { REPO_ROOT } from './pinned-n8n';
import type { NodeSettings } from './run-node';
import { runWorkflow, type WorkflowNodeJson, type WorkflowRunResult } from './run-workflow';

export const ATTENDANCE_TYPE = 'n8n-nodes-certificate-delivery.attendance';
export const CPE_CREDIT_TYPE = 'n8n-nodes-certificate-delivery.cpeCredit';
export const TRIGGER = 'Start';

const CPE_DIR = path.join(REPO_ROOT, 'test', 'fixtures', 'cpe');
export const cpeFixture = (name: string): string => readFileSync(path.join(CPE_DIR, name), 'utf8');
export const cpeJson = (name: string): unknown => JSON.parse(cpeFixture(name));

/** The sample conference schedule and policies, as the nodes' parameters take them. */
export const SCHEDULE = cpeFixture('schedule.json');
export const POLICIES = cpeFixture('policies.json');
/** Badge ids and Zoom registrant ids joined onto the emails the other sources use. */
export const IDENTITY_MAP = JSON.stringify({
	'1001': 'ada@example.com',
	'1002': 'grace@example.com',
	'1003': 'alan@example.com',
	'reg-kj': 'katherine@example.com',
});

export interface InputItem {
	json?: IDataObject;
	/** Text files by binary property, e.g. { data: csvText }. */
	files?: Record<string, string>;
}

export function inputItems(items: InputItem[]): INodeExecutionData[] {
	return items.map((item) => ({
		json: item.json ?? {},
		...(item.files
			? {
					binary: Object.fromEntries(
						Object.entries(item.files).map(([key, text]) => [
							key,
							{
								data: Buffer.from(text, 'utf8').toString('base64'),
								mimeType: 'text/csv',
								fileName: `${key}.csv`,
							},
						]),
					),
				}
			: {}),
	}));
}

export interface ChainNode {
	name: string;
	type: string;
	parameters: INodeParameters;
	settings?: NodeSettings;
	/** Output indexes of the previous node this node takes (default 0). */
	from?: number | number[];
	/** Previous output i goes to input i (a Merge node), instead of all to input 0. */
	spread?: boolean;
	typeVersion?: number;
}

/** Trigger (pinned items) → nodes in a line; each node takes the given outputs of the previous. */
export async function runChain(
	items: INodeExecutionData[],
	chain: ChainNode[],
): Promise<WorkflowRunResult> {
	const nodes: WorkflowNodeJson[] = [
		{
			name: TRIGGER,
			type: 'n8n-nodes-base.manualTrigger',
			typeVersion: 1,
			position: [0, 0],
			parameters: {},
		},
	];
	const connections: Record<
		string,
		{ main: Array<Array<{ node: string; type: 'main'; index: number }>> }
	> = {};
	let previous = TRIGGER;
	chain.forEach((node, k) => {
		nodes.push({
			name: node.name,
			type: node.type,
			typeVersion: node.typeVersion ?? 1,
			position: [220 * (k + 1), 0],
			parameters: node.parameters,
			...node.settings,
		});
		const from = node.from === undefined ? [0] : Array.isArray(node.from) ? node.from : [node.from];
		const main = (connections[previous] ??= { main: [] }).main;
		for (const index of from) {
			while (main.length <= index) main.push([]);
			main[index].push({ node: node.name, type: 'main', index: node.spread ? index : 0 });
		}
		previous = node.name;
	});
	const pinData: IPinData = { [TRIGGER]: items };
	return await runWorkflow({ name: 'cpe chain', nodes, connections }, { pinData });
}

export const attendanceNode = (
	parameters: INodeParameters,
	settings?: NodeSettings,
): ChainNode => ({
	name: 'Attendance',
	type: ATTENDANCE_TYPE,
	parameters: { schedule: SCHEDULE, ...parameters },
	settings,
});

export const creditNode = (
	parameters: INodeParameters = {},
	settings?: NodeSettings,
): ChainNode => ({
	name: 'CPE Credit',
	type: CPE_CREDIT_TYPE,
	parameters: {
		resource: 'credit',
		operation: 'calculate',
		policySource: 'json',
		policies: POLICIES,
		...parameters,
	},
	settings,
});

export const reportNode = (
	operation: string,
	parameters: INodeParameters = {},
	settings?: NodeSettings,
): ChainNode => ({
	name: 'Report',
	type: CPE_CREDIT_TYPE,
	parameters: { resource: 'report', operation, ...parameters },
	settings,
});

/** n8n's Merge node appending the three decision outputs into one list. */
export const mergeDecisions: ChainNode = {
	name: 'All Decisions',
	type: 'n8n-nodes-base.merge',
	typeVersion: 3,
	parameters: { numberInputs: 3 },
	from: [0, 1, 2],
	spread: true,
};

/** Items of one output of a node ([] when it did not run or has no such output). */
export function out(run: WorkflowRunResult, node: string, index = 0): INodeExecutionData[] {
	return run.outputs[node]?.[index] ?? [];
}

/** The input item indexes an output item is paired with. */
export function pairedIndexes(item: INodeExecutionData): number[] {
	const paired = Array.isArray(item.pairedItem)
		? item.pairedItem
		: item.pairedItem === undefined
			? []
			: [item.pairedItem];
	return paired.map((p) => (typeof p === 'number' ? p : p.item));
}

/** "attendee session outcome credits CODES" per decision item, for compact table assertions. */
export function decisionRows(items: INodeExecutionData[]): string[] {
	return items.map((item) => {
		const json = item.json as IDataObject & {
			subject: IDataObject;
			reasons: Array<{ code: string }>;
		};
		return [
			json.subject.attendeeId,
			json.subject.sessionId,
			json.outcome,
			json.credits,
			json.reasons.map((r) => r.code).join(' '),
		].join(' | ');
	});
}

/** Text of a binary output (base64 in the default binary mode), without a UTF-8 BOM. */
export function binaryText(item: INodeExecutionData, property = 'data'): string {
	const data = item.binary?.[property]?.data;
	if (typeof data !== 'string')
		throw new Error(`no binary "${property}" on ${JSON.stringify(item.json)}`);
	return Buffer.from(data, 'base64')
		.toString('utf8')
		.replace(/^\uFEFF/, '');
}

/** A one-day schedule in YAML, local times in America/New_York. */
export function scheduleYaml(sessions: string[]): string {
	return ['timezone: America/New_York', 'sessions:', ...sessions].join('\n');
}

/** One session line of scheduleYaml: id, local start and end on 2026-05-14, extra YAML keys. */
export function sessionYaml(id: string, start: string, end: string, extra = ''): string {
	return `  - { id: ${id}, title: "Session ${id}", start: "2026-05-14 ${start}", end: "2026-05-14 ${end}"${extra ? `, ${extra}` : ''} }`;
}

/** Attendance CSV rows "attendee,session,HH:MM,kind" (session may be empty) on 2026-05-14. */
export function scansCsv(rows: string[]): string {
	const body = rows.map((row) => {
		const [attendee, session, time, kind, ...rest] = row.split(',');
		return [
			attendee,
			session,
			time.includes('-') ? time : `2026-05-14 ${time}`,
			kind,
			...rest,
		].join(',');
	});
	return ['Attendee ID,Session,Time,Type', ...body].join('\n') + '\n';
}

export const CREDIT = 0;
export const NEEDS_REVIEW = 1;
export const NO_CREDIT = 2;

/** Attendance (CSV text) → CPE Credit; returns the run and every decision item in output order. */
export async function creditFromCsv(
	schedule: string,
	csv: string,
	credit: INodeParameters,
	attendanceOptions: INodeParameters = {},
) {
	const run = await runChain(inputItems([{}]), [
		attendanceNode({
			schedule,
			evidenceInput: 'text',
			attendanceCsv: csv,
			options: attendanceOptions,
		}),
		creditNode(credit),
	]);
	const decisions = [CREDIT, NEEDS_REVIEW, NO_CREDIT].flatMap((index) =>
		out(run, 'CPE Credit', index),
	);
	return { run, decisions };
}
