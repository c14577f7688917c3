import { z } from 'zod';

import {
	cappedText,
	CompletionEventSchema,
	ModuleStatusSchema,
	type ModuleProgress,
} from '../model';
import { FieldReader } from './field-reader';
import { formatPath, type PathSegment, type ValidationIssue } from './issues';

export const PrerequisiteStatusSchema = z.enum(['completed', 'in_appeal', 'incomplete']);
export type PrerequisiteStatus = z.infer<typeof PrerequisiteStatusSchema>;

export const ApprovalStatusSchema = z.enum(['approved', 'rejected', 'pending']);
export type ApprovalStatus = z.infer<typeof ApprovalStatusSchema>;

export const PrerequisiteEvidenceSchema = z.object({
	courseId: cappedText('id'),
	status: PrerequisiteStatusSchema,
});
export type PrerequisiteEvidence = z.infer<typeof PrerequisiteEvidenceSchema>;

/** A prerequisite result known outside the event, e.g. looked up from the ledger or the LMS. */
export interface PrerequisiteRecord {
	learnerId: string;
	courseId: string;
	status: PrerequisiteStatus;
}

/** What the LMS lookup returned for values the event also carries, to compare the two. */
export const LmsLookupSchema = z.object({
	/** On the 0-100 scale. */
	score: z.number().finite().min(0).optional(),
	/** The e-mail of the learner's LMS profile. */
	email: cappedText('email').optional(),
});
export type LmsLookup = z.infer<typeof LmsLookupSchema>;

/** A completion event plus the evidence the checks may need. Canonical (already normalised) form. */
export const VerificationInputSchema = CompletionEventSchema.extend({
	/** The name to print on the credential; compared with learner.name. */
	recipientName: cappedText('name').optional(),
	/** The address the credential goes to; compared with the event's and the profile's. */
	recipientEmail: cappedText('email').optional(),
	lmsLookup: LmsLookupSchema.optional(),
	prerequisites: z.array(PrerequisiteEvidenceSchema).optional(),
	integrityHold: z.boolean().optional(),
	investigationActive: z.boolean().optional(),
	/** Criterion id -> approval state for the course's subjective criteria. */
	approvals: z.record(cappedText('id'), ApprovalStatusSchema).optional(),
});
export type VerificationInput = z.infer<typeof VerificationInputSchema>;

export type VerificationInputParseResult =
	| { ok: true; value: VerificationInput }
	| { ok: false; issues: ValidationIssue[] };

const MODULE_STATUSES = ModuleStatusSchema.options;
const PREREQUISITE_STATUSES = PrerequisiteStatusSchema.options;
const APPROVAL_STATUSES = ApprovalStatusSchema.options;

/**
 * Reads a completion as LMSs actually send it (see FieldReader for what is tolerated) into the
 * canonical VerificationInput. All problems are reported at once, each with its path. Unknown
 * top-level fields are ignored: payloads carry many fields the checks do not use.
 */
export function parseVerificationInput(raw: unknown): VerificationInputParseResult {
	const read = new FieldReader();
	const root = read.object(raw, [], 'an object with source, learner, course and completedAt');
	if (!root) return { ok: false, issues: read.issues };

	// Read in field order so issues come out in the order a person reads the payload.
	const source = read.text(root.source, ['source'], true, 'the source name as text, e.g. "moodle"');
	const learnerObject = read.object(
		root.learner ?? {},
		['learner'],
		'an object with the learner id',
	);
	const learner = learnerObject && {
		id: read.id(learnerObject.id, ['learner', 'id'], true, "the learner's id as text or a number"),
		email: read.text(learnerObject.email, ['learner', 'email'], false),
		name: read.text(learnerObject.name, ['learner', 'name'], false),
	};
	const courseObject = read.object(root.course ?? {}, ['course'], 'an object with the course id');
	const course = courseObject && {
		id: read.id(courseObject.id, ['course', 'id'], true, "the course's id as text or a number"),
		name: read.text(courseObject.name, ['course', 'name'], false),
	};
	const completed = read.timestamp(root.completedAt, ['completedAt']);
	const candidate = {
		source,
		sourceEventId: read.id(root.sourceEventId, ['sourceEventId'], false, 'text or a number'),
		learner,
		course,
		completedAt: completed?.utc,
		completedAtOriginal: readOriginal(read, root.completedAtOriginal, completed?.original),
		score: read.number(root.score, ['score'], { min: 0 }),
		maxScore: read.number(root.maxScore, ['maxScore'], { above: 0 }),
		timeSpentMinutes: read.number(root.timeSpentMinutes, ['timeSpentMinutes'], { min: 0 }),
		modules: readModules(read, root.modules),
		raw: root.raw,
		recipientName: read.text(root.recipientName, ['recipientName'], false),
		recipientEmail: read.text(root.recipientEmail, ['recipientEmail'], false),
		lmsLookup: readLmsLookup(read, root),
		prerequisites: readPrerequisites(read, root.prerequisites),
		integrityHold: read.boolean(root.integrityHold, ['integrityHold']),
		investigationActive: read.boolean(root.investigationActive, ['investigationActive']),
		approvals: readApprovals(read, root.approvals),
	};
	if (read.issues.length > 0) return { ok: false, issues: read.issues };

	// The readers already enforce the schema; this is a guard against them drifting apart.
	const checked = VerificationInputSchema.safeParse(dropUndefined(candidate));
	if (!checked.success) {
		return {
			ok: false,
			issues: checked.error.issues.map((issue) => ({
				path: formatPath(issue.path),
				message: issue.message,
			})),
		};
	}
	return { ok: true, value: checked.data };
}

/** Re-parsing an already normalised input keeps the first original value. */
function readOriginal(read: FieldReader, given: unknown, fallback: string | number | undefined) {
	if (read.isAbsent(given)) return fallback;
	if (typeof given === 'string' || typeof given === 'number') return given;
	return read.fail(['completedAtOriginal'], given, 'text or a number');
}

/**
 * `lmsLookup` as given, else what an LMS trigger's "Add Learner Details" put in
 * `enrichment.lookup`, so a trigger's item is judged as is.
 */
function readLmsLookup(read: FieldReader, root: Record<string, unknown>): LmsLookup | undefined {
	const enrichment = root.enrichment;
	const fromTrigger =
		enrichment !== null && typeof enrichment === 'object'
			? (enrichment as Record<string, unknown>).lookup
			: undefined;
	const given = read.isAbsent(root.lmsLookup) ? fromTrigger : root.lmsLookup;
	const path: PathSegment[] = read.isAbsent(root.lmsLookup)
		? ['enrichment', 'lookup']
		: ['lmsLookup'];
	if (read.isAbsent(given)) return undefined;
	const lookup = read.object(given, path, 'an object { score, email }');
	if (!lookup) return undefined;
	const score = read.number(lookup.score, [...path, 'score'], { min: 0 });
	const email = read.text(lookup.email, [...path, 'email'], false);
	if (score === undefined && !email) return undefined;
	return { ...(score !== undefined ? { score } : {}), ...(email ? { email } : {}) };
}

function readModules(read: FieldReader, value: unknown): ModuleProgress[] | undefined {
	const list = read.optionalList(value, ['modules'], 'a list of { id, status }');
	return (
		list &&
		compactList(list, (item, index) => {
			const path: PathSegment[] = ['modules', index];
			const entry = read.object(item, path, 'an object { id, status }');
			if (!entry) return undefined;
			const id = read.id(entry.id, [...path, 'id'], true, "the module's id as text or a number");
			const status = read.choice(entry.status, [...path, 'status'], MODULE_STATUSES);
			return id !== undefined && status !== undefined ? { id, status } : undefined;
		})
	);
}

function readPrerequisites(read: FieldReader, value: unknown): PrerequisiteEvidence[] | undefined {
	const list = read.optionalList(value, ['prerequisites'], 'a list of { courseId, status }');
	return (
		list &&
		compactList(list, (item, index) => {
			const path: PathSegment[] = ['prerequisites', index];
			const entry = read.object(item, path, 'an object { courseId, status }');
			if (!entry) return undefined;
			const courseId = read.id(
				entry.courseId,
				[...path, 'courseId'],
				true,
				'the course id as text or a number',
			);
			const status = read.choice(entry.status, [...path, 'status'], PREREQUISITE_STATUSES);
			return courseId !== undefined && status !== undefined ? { courseId, status } : undefined;
		})
	);
}

function readApprovals(
	read: FieldReader,
	value: unknown,
): Record<string, ApprovalStatus> | undefined {
	if (read.isAbsent(value)) return undefined;
	const map = read.object(
		value,
		['approvals'],
		'an object { criterionId: "approved" | "rejected" | "pending" }',
	);
	if (!map) return undefined;
	const approvals: Array<[string, ApprovalStatus]> = [];
	for (const [criterionId, status] of Object.entries(map)) {
		if (read.isAbsent(status)) continue;
		const parsed = read.choice(status, ['approvals', criterionId], APPROVAL_STATUSES);
		if (parsed !== undefined) approvals.push([criterionId.trim(), parsed]);
	}
	// fromEntries defines own properties, so an id such as "constructor" is plain data.
	return Object.fromEntries(approvals);
}

function compactList<T>(
	list: unknown[],
	readItem: (item: unknown, index: number) => T | undefined,
): T[] {
	const out: T[] = [];
	list.forEach((item, index) => {
		const value = readItem(item, index);
		if (value !== undefined) out.push(value);
	});
	return out;
}

function dropUndefined<T extends object>(value: T): T {
	const out: Record<string, unknown> = {};
	for (const [key, item] of Object.entries(value)) {
		if (item === undefined) continue;
		out[key] =
			item !== null && typeof item === 'object' && !Array.isArray(item) && key !== 'raw'
				? dropUndefined(item as object)
				: item;
	}
	return out as T;
}
