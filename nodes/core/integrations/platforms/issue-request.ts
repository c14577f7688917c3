import { z } from 'zod';

import {
	describeValue,
	receivedExpectedErrorMap,
	toValidationIssues,
	type ValidationIssue,
} from '../../domain/rules/issues';
import { PlatformError } from './errors';
import type { IssueRequest, PlatformName } from './types';

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

const DateOnlySchema = z
	.string()
	.regex(DATE_ONLY)
	.refine(isCalendarDate, { params: { calendarDate: true } });

function isCalendarDate(text: string): boolean {
	const date = new Date(`${text}T00:00:00Z`);
	return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(text);
}

// No platform publishes a name limit; 255 matches the usual database column and keeps absurd
// input (a pasted paragraph) out of certificates.
const NAME_MAX = 255;

const RecipientSchema = z
	.object({
		email: z.string().trim().email().max(254),
		name: z.string().trim().min(1).max(NAME_MAX),
		firstName: z.string().trim().min(1).max(NAME_MAX).optional(),
		lastName: z.string().trim().min(1).max(NAME_MAX).optional(),
		id: z.string().trim().min(1).max(255).optional(),
	})
	.strict();

/** Numbers are accepted for the template id (Accredible group ids are numeric in JSON). */
const TemplateIdSchema = z.preprocess(
	(value) => (typeof value === 'number' && Number.isInteger(value) ? String(value) : value),
	z.string().trim().min(1),
);

export const IssueRequestSchema = z
	.object({
		templateId: TemplateIdSchema,
		recipient: RecipientSchema,
		issuedOn: DateOnlySchema.optional(),
		expiresOn: DateOnlySchema.nullable().optional(),
		attributes: z.record(z.string(), z.string().max(2000)).optional(),
		evidenceUrl: z.string().url().optional(),
		idempotencyKey: z.string().min(1).max(255).optional(),
		notify: z.boolean().optional(),
	})
	.strict();

/** The project's "received ...; expected ..." messages, plus emails, dates and URLs. */
const errorMap: z.ZodErrorMap = (issue, ctx) => {
	if (issue.code === z.ZodIssueCode.invalid_string) {
		const expected =
			issue.validation === 'email'
				? 'an email address'
				: issue.validation === 'url'
					? 'a URL (https://...)'
					: issue.validation === 'regex'
						? 'a date as YYYY-MM-DD'
						: `valid text (${String(issue.validation)})`;
		return { message: `received ${describeValue(ctx.data)}; expected ${expected}` };
	}
	if (issue.code === z.ZodIssueCode.custom && issue.params?.calendarDate === true) {
		return { message: `received ${describeValue(ctx.data)}; expected a real calendar date` };
	}
	return receivedExpectedErrorMap(issue, ctx);
};

/**
 * Checks an issue request before anything is sent, and normalises it (trimmed text, lowercased
 * email). Throws invalid_request naming every bad field, with the platform's own rules added
 * (Credly needs a first and a last name).
 */
export function parseIssueRequest(input: unknown, platform: PlatformName): IssueRequest {
	const parsed = IssueRequestSchema.safeParse(input, { errorMap });
	const issues: ValidationIssue[] = parsed.success
		? []
		: toValidationIssues(parsed.error, IssueRequestSchema);
	if (parsed.success) issues.push(...platformIssues(parsed.data, platform));
	if (!parsed.success || issues.length > 0) {
		const first = issues[0];
		throw new PlatformError(
			platform,
			'invalid_request',
			`invalid issue request: ${first ? `${first.path || '(root)'}: ${first.message}` : 'unreadable'}.`,
			{
				fix: 'Correct the field; nothing was sent.',
				field: first?.path,
				issues,
			},
		);
	}
	const request = parsed.data;
	return {
		...request,
		recipient: { ...request.recipient, email: request.recipient.email.toLowerCase() },
	};
}

function platformIssues(
	request: z.infer<typeof IssueRequestSchema>,
	platform: PlatformName,
): ValidationIssue[] {
	const issues: ValidationIssue[] = [];
	if (platform === 'accredible' && !/^\d+$/.test(request.templateId)) {
		issues.push({
			path: 'templateId',
			message: `received ${describeValue(request.templateId)}; expected an Accredible group id (a number)`,
		});
	}
	if (platform === 'credly') {
		const { firstName, lastName } = splitName(request.recipient);
		if (!firstName || !lastName) {
			issues.push({
				path: 'recipient.lastName',
				message:
					'missing; Credly needs a first and a last name (give lastName, or a name of two or more words)',
			});
		}
	}
	return issues;
}

/** First and last name: given ones win; else the last word of `name` is the last name. */
export function splitName(recipient: { name: string; firstName?: string; lastName?: string }): {
	firstName?: string;
	lastName?: string;
} {
	const words = recipient.name.trim().split(/\s+/).filter(Boolean);
	const firstName =
		recipient.firstName ?? (words.length > 1 ? words.slice(0, -1).join(' ') : words[0]);
	const lastName = recipient.lastName ?? (words.length > 1 ? words[words.length - 1] : undefined);
	return { firstName, lastName };
}
