import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import {
	parseAttendanceCsv,
	parseAttendanceRows,
	parseZoomParticipantReport,
	parseZoomWebhook,
	type AttendanceParseOptions,
	type AttendanceParseResult,
} from '../core/domain/attendance';
import type { AttendanceSignal, RowError } from '../core/domain/model';

/** Where a batch of rows came from, so each signal, skip and error finds its input item. */
interface Origin {
	/** Input item of row r (1-based) is itemOf(r). */
	itemOf(row: number): number;
	/** "Item 3" or "CSV in item 0 (binary "data"), row 27", for messages. */
	where(row: number): string;
}

export interface ReadProblem {
	itemIndex: number;
	message: string;
	row?: number;
	column?: string;
}

export interface EvidenceRead {
	signals: AttendanceSignal[];
	/** Input item of each signal, for pairedItem. */
	itemOf: Map<AttendanceSignal, number>;
	skipped: Array<{ itemIndex: number; row: number; reason: string; where: string }>;
	unassigned: Array<{ itemIndex: number; signal: AttendanceSignal }>;
	problems: ReadProblem[];
}

type Format = 'auto' | 'rows' | 'zoomReport' | 'zoomWebhook';

const isObject = (value: unknown): value is IDataObject =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

/** Reads every input item (or the CSV text) into signals; a bad row never stops the others. */
export async function readEvidence(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
	base: Omit<AttendanceParseOptions, 'source'> & { source: string },
	zoomMeetingSessions: Record<string, string>,
): Promise<EvidenceRead> {
	const read: EvidenceRead = {
		signals: [],
		itemOf: new Map(),
		skipped: [],
		unassigned: [],
		problems: [],
	};
	const take = (result: AttendanceParseResult, origin: Origin) => {
		for (const signal of result.signals) {
			read.signals.push(signal);
			read.itemOf.set(signal, origin.itemOf(signal.row ?? 1));
		}
		for (const signal of result.unassigned)
			read.unassigned.push({ itemIndex: origin.itemOf(signal.row ?? 1), signal });
		for (const skip of result.skipped)
			read.skipped.push({
				...skip,
				itemIndex: origin.itemOf(skip.row),
				where: origin.where(skip.row),
			});
		for (const error of result.errors) read.problems.push(rowProblem(error, origin));
	};
	const input = this.getNodeParameter('evidenceInput', 0) as 'items' | 'binary' | 'text';

	if (input === 'text') {
		const text = this.getNodeParameter('attendanceCsv', 0, '') as string;
		take(parseAttendanceCsv(text, base), {
			itemOf: () => 0,
			where: (row) => `Attendance CSV row ${row}`,
		});
		return read;
	}
	if (input === 'binary') {
		for (let i = 0; i < items.length; i++) {
			const property = (this.getNodeParameter('binaryPropertyName', i, 'data') as string).trim();
			if (!items[i].binary?.[property]) {
				read.problems.push({
					itemIndex: i,
					message: `Item ${i} has no binary property "${property}"; attach the attendance CSV or set Input Binary Field`,
				});
				continue;
			}
			const text = (await this.helpers.getBinaryDataBuffer(i, property)).toString('utf8');
			take(parseAttendanceCsv(text, base), {
				itemOf: () => i,
				where: (row) => `CSV in item ${i} (binary "${property}"), row ${row}`,
			});
		}
		return read;
	}

	const format = this.getNodeParameter('evidenceFormat', 0, 'auto') as Format;
	const rows: IDataObject[] = [];
	const rowItems: number[] = [];
	const hooks: unknown[] = [];
	const hookItems: number[] = [];
	items.forEach((item, i) => {
		const kind = format === 'auto' ? detect(item.json) : format;
		if (kind === 'zoomReport') {
			const page = item.json;
			const sessionId =
				base.sessionId ?? (typeof page.sessionId === 'string' ? page.sessionId : undefined);
			if (sessionId === undefined) {
				read.problems.push({
					itemIndex: i,
					column: 'sessionId',
					message: `Item ${i} is a Zoom report page without a session: set Session ID (the schedule's id of this webinar)`,
				});
				return;
			}
			take(parseZoomParticipantReport(page, { ...base, sessionId }), {
				itemOf: () => i,
				where: (row) => `Zoom report in item ${i}, participant ${row}`,
			});
		} else if (kind === 'zoomWebhook') {
			// The Webhook node puts the request body under "body".
			hooks.push(
				isObject(item.json.body) && 'event' in item.json.body ? item.json.body : item.json,
			);
			hookItems.push(i);
		} else {
			rows.push(item.json);
			rowItems.push(i);
		}
	});
	if (rows.length > 0) {
		take(parseAttendanceRows(rows, base), {
			itemOf: (row) => rowItems[row - 1],
			where: (row) => `Item ${rowItems[row - 1]}`,
		});
	}
	if (hooks.length > 0) {
		take(parseZoomWebhook(hooks, { ...base, sessionIdByMeetingId: zoomMeetingSessions }), {
			itemOf: (row) => hookItems[row - 1],
			where: (row) => `Zoom webhook in item ${hookItems[row - 1]}`,
		});
	}
	return read;
}

function detect(json: IDataObject): Format {
	if (Array.isArray(json.participants)) return 'zoomReport';
	const body = isObject(json.body) ? json.body : json;
	if (typeof body.event === 'string' && isObject(body.payload)) return 'zoomWebhook';
	return 'rows';
}

function rowProblem(error: RowError, origin: Origin): ReadProblem {
	return {
		itemIndex: origin.itemOf(error.row),
		row: error.row,
		column: error.column,
		message: `${origin.where(error.row)}, column "${error.column}": ${error.message}`,
	};
}

/** A problem as the error n8n shows: the row and column first, then how to fix it. */
export function problemError(node: IExecuteFunctions, problem: ReadProblem): NodeOperationError {
	return new NodeOperationError(node.getNode(), problem.message, {
		itemIndex: problem.itemIndex,
		description:
			'Fix the value in that row and column (or map the column under Options → Column Mapping). With Settings → On Error → Continue, the other rows are still read.',
	});
}
