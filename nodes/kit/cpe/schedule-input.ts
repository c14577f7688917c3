import { NodeOperationError } from 'n8n-workflow';
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import {
	parseSchedule,
	parseScheduleCsv,
	parseScheduleRows,
	type DateOrder,
	type ParsedSchedule,
	type ScheduleParseResult,
} from '../../core/domain/attendance';
import { describeIssues } from '../errors';
import { parseStructuredText } from './structured-text';

export const EXAMPLE_SCHEDULE = `# One entry per session. Local times are read in the session's time zone.
eventId: EXAMPLE-CONFERENCE
timezone: America/Chicago
defaultPolicy: nasba-group-live
sessions:
  - id: EXAMPLE-1
    title: Example session
    start: "2026-05-14 09:00"
    end: "2026-05-14 10:40"
    fieldOfStudy: Accounting
    deliveryMethod: group-live
    room: Room A
`;

export type ScheduleSource = 'parameter' | 'field' | 'binary' | 'items';

/** The schedule parameters, shared by Attendance and CPE Credit (`items` only in CPE Credit). */
export function scheduleProperties(
	displayOptions: INodeProperties['displayOptions'],
	fromItems: boolean,
): INodeProperties[] {
	const show = (source: string[]) => ({
		show: { ...(displayOptions?.show ?? {}), scheduleSource: source },
	});
	const source: INodeProperties = {
		displayName: 'Schedule Source',
		name: 'scheduleSource',
		type: 'options',
		noDataExpression: true,
		displayOptions,
		default: 'parameter',
		options: [
			...(fromItems
				? [
						{
							name: 'From Attendance Timelines',
							value: 'items',
							description: 'Use the session definitions the Attendance node put on each timeline',
						},
					]
				: []),
			{
				name: 'Parameter',
				value: 'parameter',
				description: 'Write the schedule in this node, as JSON or YAML',
			},
			{
				name: 'Input Field',
				value: 'field',
				description:
					'Read it from a field of the first input item: a schedule object, a list of session rows or CSV text',
			},
			{
				name: 'Binary File (CSV)',
				value: 'binary',
				description: 'A schedule CSV attached to the first input item, one session per row',
			},
		],
	};
	// The credit node reads the schedule off the Attendance timelines unless told otherwise.
	if (fromItems) source.default = 'items';
	return [
		source,
		{
			displayName: 'Schedule',
			name: 'schedule',
			type: 'string',
			typeOptions: { rows: 12 },
			default: EXAMPLE_SCHEDULE,
			description: 'Sessions with start, end, time zone and credit policy, as JSON or YAML',
			displayOptions: show(['parameter']),
		},
		{
			displayName: 'Schedule Field',
			name: 'scheduleField',
			type: 'string',
			default: 'schedule',
			description: 'The field of the first input item that holds the schedule',
			displayOptions: show(['field']),
		},
		{
			displayName: 'Schedule Binary Property',
			name: 'scheduleBinaryProperty',
			type: 'string',
			default: 'schedule',
			description: 'The binary property of the first input item that holds the schedule CSV',
			displayOptions: show(['binary']),
		},
	];
}

export interface ScheduleReadOptions {
	/** Zone of local times in schedule rows without a Time Zone column. */
	timezone?: string;
	dateOrder?: DateOrder;
}

/**
 * Reads and validates the schedule once per execution, before any row is read: a bad schedule
 * fails the node with the path (or row and column) of the first problem.
 */
export async function loadSchedule(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
	options: ScheduleReadOptions,
): Promise<ParsedSchedule> {
	const source = this.getNodeParameter('scheduleSource', 0) as ScheduleSource;
	const rowOptions = { timezone: options.timezone, dateOrder: options.dateOrder };
	let origin: string;
	let result: ScheduleParseResult;
	if (source === 'parameter') {
		origin = 'Schedule parameter';
		const text = this.getNodeParameter('schedule', 0, '') as string;
		result = fromValue(this, text, origin, rowOptions);
	} else if (source === 'field') {
		const field = (this.getNodeParameter('scheduleField', 0, 'schedule') as string).trim();
		origin = `field "${field}"`;
		const holder = items.find((item) => item.json[field] !== undefined);
		if (!holder) {
			throw new NodeOperationError(this.getNode(), `No input item has the field "${field}"`, {
				description:
					'Set Schedule Field to the field that holds the schedule, or choose another Schedule Source.',
			});
		}
		result = fromValue(this, holder.json[field], origin, rowOptions);
	} else if (source === 'binary') {
		const property = (
			this.getNodeParameter('scheduleBinaryProperty', 0, 'schedule') as string
		).trim();
		origin = `binary property "${property}"`;
		const index = items.findIndex((item) => item.binary?.[property] !== undefined);
		if (index < 0) {
			throw new NodeOperationError(
				this.getNode(),
				`No input item has the binary property "${property}"`,
				{
					description:
						'Attach the schedule CSV (e.g. with Read/Write Files from Disk) or set Schedule Binary Property.',
				},
			);
		}
		const buffer = await this.helpers.getBinaryDataBuffer(index, property);
		result = parseScheduleCsv(buffer.toString('utf8'), rowOptions);
	} else {
		throw new NodeOperationError(this.getNode(), `Unknown Schedule Source "${String(source)}"`);
	}
	if (!result.ok) {
		const first = result.issues[0];
		throw new NodeOperationError(
			this.getNode(),
			`Invalid schedule (${origin}) at "${first.path || '(root)'}": ${first.message}`,
			{ description: describeIssues(result.issues) },
		);
	}
	return result;
}

function fromValue(
	ctx: IExecuteFunctions,
	value: unknown,
	origin: string,
	options: ScheduleReadOptions,
): ScheduleParseResult {
	if (typeof value === 'string') {
		if (!value.trim()) {
			throw new NodeOperationError(ctx.getNode(), `The schedule (${origin}) is empty`, {
				description: 'Write the sessions as JSON or YAML; see the example in the node.',
			});
		}
		// CSV text (a header with commas or semicolons and no "key:" lines) is read as rows.
		const firstLine = value.trimStart().split(/\r?\n/, 1)[0];
		if (origin !== 'Schedule parameter' && /[,;]/.test(firstLine) && !/^[{[]|:\s/.test(firstLine))
			return parseScheduleCsv(value, options);
		const parsed = parseStructuredText(value);
		if (!parsed.ok) return { ok: false, issues: [{ path: '', message: parsed.message }] };
		value = parsed.value;
	}
	if (Array.isArray(value)) return parseScheduleRows(value as IDataObject[], options);
	return parseSchedule(value, { dateOrder: options.dateOrder });
}
