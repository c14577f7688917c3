import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { TimelineOptions } from '../../../core/domain/attendance';
import { computeCredits } from '../../../core/domain/credit';
import type { AttendanceSignal, CreditDecision, CreditOutcome } from '../../../core/domain/model';
import { describeIssues, readJsonParameter } from '../../../kit/errors';
import { loadSchedule, type ScheduleSource } from '../../../kit/cpe/schedule-input';
import { expandTimelinesFiles } from '../../../kit/cpe/timelines-file';
import { toNodeError } from '../../../kit/node-errors';
import { failEveryItem, failedItem, type ItemPlan } from '../../../kit/per-item';
import { attendeeItems } from './attendee-items';
import { loadPolicies } from './policy-input';
import { scheduleFromTimelines } from './schedule-from-timelines';

/** Output indexes: Credit, Needs Review, No Credit. */
const OUTPUT: Record<CreditOutcome, number> = {
	full_credit: 0,
	partial_credit: 0,
	needs_review: 1,
	no_credit: 2,
};

interface Problem {
	itemIndex: number;
	message: string;
}

const isObject = (value: unknown): value is IDataObject =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Signals of every timeline item (their "use" is recomputed), and which item each came from.
 * Signals this node parsed from a timelines file are its own and taken as they are: copying
 * 200,000 of them cost a conference's run 170 MB.
 */
function collectSignals(
	items: INodeExecutionData[],
	problems: Problem[],
	ownSignals: (index: number) => boolean,
) {
	const signals: AttendanceSignal[] = [];
	const itemOf: number[] = [];
	const byKey = new Map<string, number[]>();
	items.forEach((item, index) => {
		const list = item.json.signals;
		if (!Array.isArray(list) || typeof item.json.attendeeId !== 'string') {
			problems.push({
				itemIndex: index,
				message: `Item ${index} is not an attendance timeline (no "attendeeId" and "signals" fields); connect the Attendance node's Timelines output`,
			});
			return;
		}
		const key = `${item.json.attendeeId}\u0000${String(item.json.sessionId)}`;
		const known = byKey.get(key);
		if (known) known.push(index);
		else byKey.set(key, [index]);
		const own = ownSignals(index);
		for (const entry of list) {
			if (!isObject(entry)) continue;
			const signal: IDataObject = own ? entry : { ...entry };
			if (!own) delete signal.use;
			signals.push(signal as unknown as AttendanceSignal);
			itemOf.push(index);
		}
	});
	return { signals, itemOf, byKey };
}

function timelineOptions(items: INodeExecutionData[]): TimelineOptions {
	// The Attendance node records the options it built the timelines with; the same apply here.
	const options = items.find((item) => isObject(item.json.timelineOptions))?.json.timelineOptions;
	return isObject(options) ? (options as TimelineOptions) : {};
}

function readRegistrations(this: IExecuteFunctions, value: unknown) {
	const json = readJsonParameter(value, 'registrations');
	const list = json.ok ? (json.value ?? []) : undefined;
	const valid =
		Array.isArray(list) &&
		list.every(
			(r) => isObject(r) && typeof r.attendeeId === 'string' && typeof r.sessionId === 'string',
		);
	if (!valid) {
		const message = json.ok
			? 'expected a JSON list of {"attendeeId": "...", "sessionId": "..."}'
			: json.issue.message;
		throw new NodeOperationError(this.getNode(), `Invalid Registrations option: ${message}`, {
			description: describeIssues([{ path: 'registrations', message }]),
		});
	}
	return list as Array<{ attendeeId: string; sessionId: string }>;
}

/** A failure must not send items to Credit: with Continue On Fail they go to Needs Review. */
function itemPlan(this: IExecuteFunctions): ItemPlan {
	return {
		outputs: 3,
		failedOutput: OUTPUT.needs_review,
		toNodeError: (cause, itemIndex) => toNodeError(this.getNode(), cause, itemIndex),
	};
}

/** Pairs each output item with the input items (not the file's timelines) it came from. */
function pairWithInputs(outputs: INodeExecutionData[][], sourceOf: number[]): void {
	for (const item of outputs.flat()) {
		const paired = Array.isArray(item.pairedItem) ? item.pairedItem : [item.pairedItem];
		const inputs = new Set(paired.map((p) => sourceOf[typeof p === 'number' ? p : (p?.item ?? 0)]));
		item.pairedItem = [...inputs].sort((a, b) => a - b).map((index) => ({ item: index }));
	}
}

export async function calculate(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const outputs: INodeExecutionData[][] = [[], [], []];
	if (this.getInputData().length === 0) return outputs;
	const plan = itemPlan.call(this);
	// Timelines may arrive as one file (Attendance's output for large events): opened here into
	// the items they stand for, in memory only.
	let expanded;
	try {
		expanded = await expandTimelinesFiles.call(this, this.getInputData());
	} catch (cause) {
		return failEveryItem.call(this, plan, cause);
	}
	const { items, sourceOf, opened } = expanded;
	if (items.length === 0) return outputs;
	const options = this.getNodeParameter('options', 0, {}) as IDataObject;
	const source = this.getNodeParameter('scheduleSource', 0) as ScheduleSource;
	// Schedule and policies are checked before anyone is credited.
	let setup;
	try {
		const schedule =
			source === 'items'
				? scheduleFromTimelines.call(this, items)
				: await loadSchedule.call(this, items, {});
		setup = {
			...loadPolicies.call(this, schedule),
			registrations: readRegistrations.call(this, options.registrations),
		};
	} catch (cause) {
		return failEveryItem.call(this, plan, cause);
	}

	const problems: Problem[] = [];
	const inputs = new Set(this.getInputData());
	const { signals, itemOf, byKey } = collectSignals(items, problems, (index) =>
		opened ? !inputs.has(items[index]) : false,
	);
	const result = computeCredits({
		schedule: setup.schedule,
		policies: setup.policies,
		signals,
		registrations: setup.registrations,
		attendance: timelineOptions(items),
	});
	if (!result.ok) {
		const first = result.issues[0];
		throw new NodeOperationError(
			this.getNode(),
			`The policies do not fit the schedule at "${first.path}": ${first.message}`,
			{ description: describeIssues(result.issues) },
		);
	}
	for (const problem of result.invalidSignals) {
		if (problem.field.startsWith('registrations')) continue;
		problems.push({
			itemIndex: itemOf[problem.index],
			message: `Item ${itemOf[problem.index]}, signal field "${problem.field}": ${problem.message}`,
		});
	}
	for (const signal of result.unassignedSignals) {
		const index = itemOf[signals.indexOf(signal)] ?? 0;
		problems.push({
			itemIndex: index,
			message: `Item ${index}: a signal without a session cannot be credited`,
		});
	}
	if (problems.length > 0 && !this.continueOnFail()) {
		throw new NodeOperationError(this.getNode(), problems[0].message, {
			itemIndex: sourceOf[problems[0].itemIndex],
			description:
				'Each input item must be a timeline from the Attendance node built with the same schedule. With Settings → On Error → Continue, the other items are still credited.',
		});
	}

	const titles = new Map(
		[...setup.schedule.sessions.values()].map((s) => [s.id, s.session.title] as const),
	);
	const includeEvidence = (options.includeEvidence as boolean | undefined) ?? true;
	if (this.getNodeParameter('decisionOutput', 0, 'session') === 'attendee') {
		const sourcesOf = (decision: CreditDecision) =>
			decision.subject.sessionIds.flatMap(
				(id) => byKey.get(`${decision.subject.attendeeId}\u0000${id}`) ?? [],
			);
		const rolledUp = await attendeeItems.call(
			this,
			result.decisions,
			setup.schedule,
			sourcesOf,
			items,
			includeEvidence,
		);
		for (const { outcome, item } of rolledUp) outputs[OUTPUT[outcome]].push(item);
	} else {
		for (const decision of result.decisions) {
			outputs[OUTPUT[decision.outcome]].push(
				decisionItem(decision, items, byKey, titles, includeEvidence),
			);
		}
	}
	if (opened) pairWithInputs(outputs, sourceOf);
	for (const problem of problems) {
		const itemIndex = sourceOf[problem.itemIndex];
		const error = new NodeOperationError(this.getNode(), problem.message, { itemIndex });
		outputs[OUTPUT.needs_review].push(failedItem.call(this, plan, error, itemIndex));
	}
	return outputs;
}

function decisionItem(
	decision: CreditDecision,
	items: INodeExecutionData[],
	byKey: Map<string, number[]>,
	titles: Map<string, string>,
	includeEvidence: boolean,
): INodeExecutionData {
	const { attendeeId, sessionId, sessionIds } = decision.subject;
	const sources = sessionIds.flatMap((id) => byKey.get(`${attendeeId}\u0000${id}`) ?? []);
	// Decisions share frozen parts; JSON makes each item its own copy.
	const json = JSON.parse(JSON.stringify(decision)) as IDataObject;
	json.sessionTitle =
		sessionIds.length === 1
			? (titles.get(sessionId) ?? sessionId)
			: sessionIds.map((id) => titles.get(id) ?? id).join(' + ');
	if (includeEvidence) {
		json.evidence = sources.flatMap((index) =>
			Array.isArray(items[index].json.signals) ? (items[index].json.signals as IDataObject[]) : [],
		);
	}
	return {
		json,
		// A registered attendee without evidence has no input item; pair with the first input.
		pairedItem: sources.length > 0 ? sources.map((item) => ({ item })) : { item: 0 },
	};
}
