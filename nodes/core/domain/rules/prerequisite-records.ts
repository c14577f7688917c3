import { z } from 'zod';

import { receivedExpectedErrorMap, toValidationIssues } from './issues';
import type { ValidationIssue } from './issues';
import { PrerequisiteStatusSchema } from './verification-input';
import type { PrerequisiteRecord } from './verification-input';

// Prerequisite results known outside the completion event (a spreadsheet, another LMS).
const idSchema = z.union([z.string().min(1), z.number()]).transform(String);
const PrerequisiteRecordsSchema = z.array(
	z.object({ learnerId: idSchema, courseId: idSchema, status: PrerequisiteStatusSchema }).strict(),
);

export function parsePrerequisiteRecords(
	input: unknown,
): { ok: true; records: PrerequisiteRecord[] } | { ok: false; issues: ValidationIssue[] } {
	if (input === undefined || input === null) return { ok: true, records: [] };
	const result = PrerequisiteRecordsSchema.safeParse(input, { errorMap: receivedExpectedErrorMap });
	if (result.success) return { ok: true, records: result.data };
	return { ok: false, issues: toValidationIssues(result.error, PrerequisiteRecordsSchema) };
}
