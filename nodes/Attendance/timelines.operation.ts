import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import {
	buildTimelines,
	timelineToJson,
	type ColumnMap,
	type DateOrder,
	type ParsedSchedule,
	type Timeline,
	type TimelineOptions,
} from '../core/domain/attendance';
import type { SignalKind } from '../core/domain/model';
import { describeIssues, readJsonParameter } from '../kit/errors';
import { loadSchedule } from '../kit/cpe/schedule-input';
import { sessionDefinitions } from '../kit/cpe/session-definitions';
import { timelinesFileItem } from '../kit/cpe/timelines-file';
import { toNodeError } from '../kit/node-errors';
import { failedItem, type ItemPlan } from '../kit/per-item';
import { optionalText } from '../kit/text';
import { problemError, readEvidence, type EvidenceRead } from './evidence-input';

const COLUMN_FIELDS = new Set([
	'attendeeId',
	'email',
	'registrantId',
	'name',
	'firstName',
	'lastName',
	'sessionId',
	'room',
	'time',
	'date',
	'checkIn',
	'checkOut',
	'joinTime',
	'leaveTime',
	'kind',
	'pollId',
	'answer',
	'answered',
	'checkedIn',
	'source',
	'confidence',
	'from',
	'until',
	'timezone',
]);

/** Output indexes, in the order the node declares them. */
const TIMELINES = 0;
const NOT_USED = 1;

function stringMap(this: IExecuteFunctions, value: unknown, option: string, keys?: Set<string>) {
	const json = readJsonParameter(value, option);
	const fail = (message: string) =>
		new NodeOperationError(this.getNode(), `Invalid ${option} option: ${message}`, {
			description: describeIssues([{ path: option, message }]),
		});
	if (!json.ok) throw fail(json.issue.message);
	if (json.value === undefined) return {};
	if (typeof json.value !== 'object' || json.value === null || Array.isArray(json.value))
		throw fail('expected a JSON object of names to text');
	const map: Record<string, string> = {};
	for (const [key, entry] of Object.entries(json.value)) {
		if (keys && !keys.has(key))
			throw fail(`"${key}" is not a field; expected one of ${[...keys].join(', ')}`);
		if (typeof entry !== 'string' && typeof entry !== 'number')
			throw fail(`"${key}" maps to ${JSON.stringify(entry)}; expected text`);
		map[key] = String(entry);
	}
	return map;
}

/** A timeline as one item: the attendee, the session (with its definition) and every signal. */
function timelineItem(
	timeline: Timeline,
	schedule: ParsedSchedule,
	read: EvidenceRead,
	definitions: ReturnType<typeof sessionDefinitions>,
	timelineOptions: TimelineOptions,
): INodeExecutionData {
	const items = new Set<number>();
	for (const prepared of timeline.signals) {
		const index = read.itemOf.get(prepared.signal);
		if (index !== undefined) items.add(index);
	}
	const session = timeline.session.session;
	const json = {
		eventId: schedule.schedule.eventId,
		...timelineToJson(timeline),
		// The credit node rebuilds the schedule from these, programs included (NASBA R7).
		session: definitions.of(session.id),
		...(session.programId ? { programSessions: definitions.program(session.programId) } : {}),
		timelineOptions,
	};
	return {
		json: JSON.parse(JSON.stringify(json)) as IDataObject,
		pairedItem: [...items].sort((a, b) => a - b).map((item) => ({ item })),
	};
}

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const outputs: INodeExecutionData[][] = [[], []];
	if (items.length === 0) return outputs;
	// Rows that cannot be read go to Not Used with their error (Continue On Fail), never to Timelines.
	const plan: ItemPlan = {
		outputs: 2,
		failedOutput: NOT_USED,
		toNodeError: (cause, itemIndex) => toNodeError(this.getNode(), cause, itemIndex),
	};
	const options = this.getNodeParameter('options', 0, {}) as IDataObject;
	const timezone = optionalText(options.timezone);
	const dateOrder = (options.dateOrder as DateOrder | undefined) ?? 'MDY';

	// Schedule and options are checked before any row: a bad schedule fails the whole node.
	const schedule = await loadSchedule.call(this, items, { timezone, dateOrder });
	const sessionId = optionalText(this.getNodeParameter('sessionId', 0, ''));
	if (sessionId !== undefined && !schedule.sessions.has(sessionId)) {
		throw new NodeOperationError(
			this.getNode(),
			`Session ID "${sessionId}" is not in the schedule`,
			{
				description: `Use one of the schedule's session ids: ${[...schedule.sessions.keys()].join(', ')}`,
			},
		);
	}
	const read = await readEvidence.call(
		this,
		items,
		{
			schedule,
			source: optionalText(this.getNodeParameter('sourceName', 0, 'badge')) ?? 'badge',
			defaultKind: this.getNodeParameter('defaultKind', 0, 'scan') as SignalKind,
			confidence: options.confidence as number | undefined,
			sessionId,
			timezone,
			dateOrder,
			columns: stringMap.call(
				this,
				options.columnMapping,
				'Column Mapping',
				COLUMN_FIELDS,
			) as ColumnMap,
			identityMap: stringMap.call(this, options.identityMap, 'Identity Map'),
			includeRaw: (options.includeRaw as boolean | undefined) ?? true,
			assignMarginMinutes: options.assignMarginMinutes as number | undefined,
		},
		stringMap.call(this, options.zoomMeetingSessions, 'Zoom Meeting to Session'),
	);

	const timelineOptions: TimelineOptions = {
		duplicateWindowSeconds: options.duplicateWindowSeconds as number | undefined,
		clockSkewMinutes: options.clockSkewMinutes as number | undefined,
		heartbeatPeriodSeconds: options.heartbeatPeriodSeconds as number | undefined,
	};
	const built = buildTimelines(read.signals, schedule, timelineOptions);
	const definitions = sessionDefinitions(schedule);
	if (this.getNodeParameter('timelinesOutput', 0, 'items') === 'file') {
		outputs[TIMELINES].push(
			await timelinesFileItem.call(
				this,
				built.timelines,
				schedule,
				definitions.all(),
				timelineOptions,
				items.length,
			),
		);
	} else {
		for (const timeline of built.timelines)
			outputs[TIMELINES].push(timelineItem(timeline, schedule, read, definitions, timelineOptions));
	}

	// Nothing is dropped silently: rows that state no attendance, signals that fit no session,
	// and (with Continue On Fail) rows that could not be read all go to "Not Used".
	for (const skip of read.skipped) {
		outputs[NOT_USED].push({
			json: { status: 'skipped', where: skip.where, row: skip.row, reason: skip.reason },
			pairedItem: { item: skip.itemIndex },
		});
	}
	for (const { itemIndex, signal } of read.unassigned) {
		outputs[NOT_USED].push({
			json: {
				status: 'unassigned',
				reason: 'fits no session by session id, time and room',
				signal: JSON.parse(JSON.stringify(signal)) as IDataObject,
			},
			pairedItem: { item: itemIndex },
		});
	}
	for (const problem of built.invalid) {
		const signal = read.signals[problem.index];
		outputs[NOT_USED].push({
			json: { status: 'invalid', field: problem.field, reason: problem.message },
			pairedItem: { item: read.itemOf.get(signal) ?? 0 },
		});
	}
	for (const problem of read.problems) {
		const failed = failedItem.call(this, plan, problemError(this, problem), problem.itemIndex);
		failed.json = {
			...failed.json,
			...(problem.row !== undefined ? { row: problem.row } : {}),
			...(problem.column !== undefined ? { column: problem.column } : {}),
		};
		outputs[NOT_USED].push(failed);
	}
	return outputs;
}
