export { parseSchedule } from './schedule';
export type {
	ParsedSchedule,
	ScheduledSession,
	ScheduleOptions,
	ScheduleParseResult,
} from './schedule';
export { parseAttendanceCsv, parseAttendanceRows } from './parse-rows';
export type { AttendanceParseOptions, AttendanceParseResult } from './parse-rows';
export { parseZoomParticipantReport, parseZoomWebhook } from './zoom';
export type { ZoomOptions } from './zoom';
export { parseCsv } from './csv';
export type { CsvParseResult, CsvTable } from './csv';
export { resolveColumns, kindFromWord } from './columns';
export type { AttendanceField, ColumnMap } from './columns';
export { DEFAULT_CONFIDENCE } from './row-signals';
export { assignSessions } from './session-assignment';
export type { AssignmentOptions } from './session-assignment';
export { buildTimelines } from './timeline';
export type { AttendanceFamily, SignalProblem, Timeline, TimelineOptions } from './timeline';
export { timelineToJson } from './timeline-json';
export type { TimelineJson } from './timeline-json';
export { ATTENDANCE_FINDINGS } from './findings';
export type { AttendanceFindingCode, Finding } from './findings';
export type { SignalUse } from './evidence';
export { mergeIntervals, intersectIntervals, subtractIntervals, totalLength } from './intervals';
export type { Interval } from './intervals';
export { parseTimeValue } from './time-values';
export type { DateOrder, TimeParseResult } from './time-values';
export { wallTimeToInstant, zoneOffsetMs } from './local-time';
export type { WallTime } from './local-time';
export { parseScheduleCsv, parseScheduleRows } from './schedule-rows';
export type { ScheduleRowsOptions } from './schedule-rows';
