import { isUtf8 } from 'node:buffer';
import { createHash, type Hash } from 'node:crypto';
import { Readable } from 'node:stream';

import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { ParsedSchedule, Timeline, TimelineOptions } from '../../core/domain/attendance';
import { timelineToJson } from '../../core/domain/attendance';
import { sha256Hex } from '../../core/domain/canonical';
import { topLevelListParts } from '../../core/domain/json-list-parts';
import { findReservedKey, RESERVED_KEY_ISSUE } from '../../core/domain/safe-keys';
import { StringPool } from '../../core/domain/string-pool';
import type { Session } from '../../core/domain/model';

/**
 * A conference's timelines as one JSON file instead of one item each. n8n copies every item's
 * JSON between nodes and saves it with the execution; 80,000 timeline items of a 2,000 x 40
 * event took a server past 3.7 GB. A binary file stays in n8n's binary-data store (on disk by
 * default) and the item carries only counts and the file's sha256.
 */
export const TIMELINES_FILE_PROPERTY = 'timelines';
export const TIMELINES_FILE_FORMAT = 'attendance-timelines/1';

export interface TimelinesFile {
	format: typeof TIMELINES_FILE_FORMAT;
	eventId?: string;
	timelineOptions: TimelineOptions;
	/** Each session once, as a timeline item would carry it. */
	sessions: Session[];
	/** Timelines without their session definitions (those are in `sessions`). */
	timelines: IDataObject[];
}

const isObject = (value: unknown): value is IDataObject =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

/** Timelines per part of the file as it is written: a few hundred KB of JSON each. */
const TIMELINES_PER_PART = 500;

/**
 * The file's JSON text, byte for byte `JSON.stringify` of the whole file, in parts: the header,
 * then the timelines a batch at a time, each part hashed as it is handed on. A 2,000 x 40 event's
 * timelines as JSON objects, their 113 MB text and its Buffer were all held at once before.
 */
export function* timelinesFileParts(
	header: Omit<TimelinesFile, 'timelines'>,
	timelines: readonly Timeline[],
	hash: Hash,
	perPart = TIMELINES_PER_PART,
): Generator<Buffer> {
	const part = (text: string) => {
		const bytes = Buffer.from(text, 'utf8');
		hash.update(bytes);
		return bytes;
	};
	// `timelines` is the last key: its empty list "[]}" is where the timelines go.
	yield part(JSON.stringify({ ...header, timelines: [] }).slice(0, -2));
	for (let start = 0; start < timelines.length; start += perPart) {
		const batch = timelines.slice(start, start + perPart);
		const texts = batch.map((timeline) => JSON.stringify(timelineToJson(timeline)));
		yield part((start > 0 ? ',' : '') + texts.join(','));
	}
	yield part(']}');
}

/** The Attendance node's one output item for all timelines: counts on the item, timelines in a file. */
export async function timelinesFileItem(
	this: IExecuteFunctions,
	timelines: readonly Timeline[],
	schedule: ParsedSchedule,
	sessions: Session[],
	timelineOptions: TimelineOptions,
	inputCount: number,
): Promise<INodeExecutionData> {
	const eventId = schedule.schedule.eventId;
	const header: Omit<TimelinesFile, 'timelines'> = {
		format: TIMELINES_FILE_FORMAT,
		...(eventId ? { eventId } : {}),
		timelineOptions,
		sessions,
	};
	const hash = createHash('sha256');
	// n8n reads the stream to its end (into its binary-data store) before it answers.
	const binary = await this.helpers.prepareBinaryData(
		Readable.from(timelinesFileParts(header, timelines, hash)),
		`timelines-${(eventId ?? 'event').replace(/[^A-Za-z0-9._-]+/g, '_')}.json`,
		'application/json',
	);
	return {
		json: {
			...(eventId ? { eventId } : {}),
			timelinesFormat: TIMELINES_FILE_FORMAT,
			timelines: timelines.length,
			attendees: new Set(timelines.map((t) => t.attendeeId)).size,
			signals: timelines.reduce((sum, t) => sum + t.signals.length, 0),
			timelinesDigest: hash.digest('hex'),
		},
		binary: { [TIMELINES_FILE_PROPERTY]: binary },
		pairedItem: Array.from({ length: inputCount }, (_, item) => ({ item })),
	};
}

function fileError(this: IExecuteFunctions, itemIndex: number, message: string) {
	return new NodeOperationError(
		this.getNode(),
		`Item ${itemIndex}: the timelines file (binary "${TIMELINES_FILE_PROPERTY}") ${message}`,
		{
			itemIndex,
			description:
				"Connect the Attendance node's Timelines output unchanged; the file and the item's timelinesDigest must come from the same run.",
		},
	);
}

/**
 * A well-formed file parsed a timeline at a time, without its whole text or tree at once (a
 * 2,000 x 40 event's are 113 MB and 140 MB). Undefined for anything else, a reserved key
 * included: such a file is read whole below, so every verdict is the one it always was.
 */
function parseInParts(bytes: Buffer): IDataObject | undefined {
	const parts = topLevelListParts(bytes, 'timelines');
	if (!parts) return undefined;
	const text = (start: number, end?: number) => bytes.toString('utf8', start, end);
	try {
		const file: unknown = JSON.parse(`${text(0, parts.list.start)}[]${text(parts.list.end)}`);
		if (!isObject(file) || findReservedKey(file) !== undefined) return undefined;
		const timelines: unknown[] = [];
		// Each timeline's strings are kept once as it is read, before the next one is parsed.
		const pool = new StringPool();
		for (const { start, end } of parts.elements) {
			const timeline: unknown = JSON.parse(text(start, end));
			if (findReservedKey(timeline) !== undefined) return undefined;
			timelines.push(pool.intern(timeline));
		}
		file.timelines = timelines as IDataObject[];
		return file;
	} catch {
		return undefined;
	}
}

/** A timelines file's content, checked against the item's digest before anything is credited. */
async function readFile(this: IExecuteFunctions, item: INodeExecutionData, itemIndex: number) {
	const buffer = await this.helpers.getBinaryDataBuffer(itemIndex, TIMELINES_FILE_PROPERTY);
	// Valid UTF-8 bytes hash as their decoded text does.
	const utf8 = isUtf8(buffer);
	const digest = utf8
		? createHash('sha256').update(buffer).digest('hex')
		: sha256Hex(buffer.toString('utf8'));
	if (item.json.timelinesDigest !== digest)
		throw fileError.call(this, itemIndex, "does not match the item's timelinesDigest");
	let file: unknown = utf8 ? parseInParts(buffer) : undefined;
	if (file === undefined) {
		try {
			file = JSON.parse(buffer.toString('utf8'));
		} catch {
			throw fileError.call(this, itemIndex, 'is not JSON');
		}
		// Its timelines are spread into items: a key such as __proto__ must not reach them.
		const reserved = findReservedKey(file);
		if (reserved !== undefined)
			throw fileError.call(this, itemIndex, `has a key at ${reserved} that ${RESERVED_KEY_ISSUE}`);
	}
	if (
		!isObject(file) ||
		file.format !== TIMELINES_FILE_FORMAT ||
		!Array.isArray(file.sessions) ||
		!Array.isArray(file.timelines)
	)
		throw fileError.call(this, itemIndex, `is not in the ${TIMELINES_FILE_FORMAT} format`);
	const bad = file.timelines.findIndex(
		(t) => !isObject(t) || typeof t.attendeeId !== 'string' || !Array.isArray(t.signals),
	);
	if (bad >= 0)
		throw fileError.call(
			this,
			itemIndex,
			`has a timeline without attendeeId and signals (timeline ${bad})`,
		);
	return file as unknown as TimelinesFile;
}

/**
 * The file's timelines as the timeline items Attendance emits one by one (definitions shared),
 * with what crediting reads of them: attendee, session and signals. Presence, findings and polls
 * are recomputed from the signals, so a conference's 80,000 copies of them are not kept.
 */
function timelineItems(file: TimelinesFile): INodeExecutionData[] {
	const byId = new Map(file.sessions.map((session) => [session.id, session] as const));
	const programs = new Map<string, Session[]>();
	for (const session of file.sessions) {
		if (!session.programId) continue;
		programs.set(session.programId, [...(programs.get(session.programId) ?? []), session]);
	}
	return file.timelines.map((timeline) => {
		const session = byId.get(String(timeline.sessionId));
		const program = session?.programId ? programs.get(session.programId) : undefined;
		return {
			json: {
				...(file.eventId ? { eventId: file.eventId } : {}),
				attendeeId: timeline.attendeeId,
				sessionId: timeline.sessionId,
				signals: timeline.signals,
				...(session ? { session: session as unknown as IDataObject } : {}),
				...(program ? { programSessions: program as unknown as IDataObject[] } : {}),
				timelineOptions: file.timelineOptions as IDataObject,
			},
		};
	});
}

/**
 * Input items with every timelines file opened into its timeline items, and for each of those
 * the input item it came from (for pairedItem and error messages); `opened` if any file was.
 */
export async function expandTimelinesFiles(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<{ items: INodeExecutionData[]; sourceOf: number[]; opened: boolean }> {
	const expanded: INodeExecutionData[] = [];
	const sourceOf: number[] = [];
	let opened = false;
	for (const [index, item] of items.entries()) {
		if (item.json.timelinesFormat === undefined) {
			expanded.push(item);
			sourceOf.push(index);
			continue;
		}
		if (item.json.timelinesFormat !== TIMELINES_FILE_FORMAT)
			throw fileError.call(this, index, `is in format ${String(item.json.timelinesFormat)}`);
		if (!item.binary?.[TIMELINES_FILE_PROPERTY])
			throw fileError.call(this, index, 'is missing from the item');
		for (const timeline of timelineItems(await readFile.call(this, item, index))) {
			expanded.push(timeline);
			sourceOf.push(index);
		}
		opened = true;
	}
	return { items: expanded, sourceOf, opened };
}
