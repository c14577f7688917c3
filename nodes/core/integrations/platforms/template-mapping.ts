import { PlatformError } from './errors';
import { PLATFORM_LABELS, type CredentialTemplate, type PlatformName } from './types';

/**
 * The template a course issues, from a course → template mapping. A course without an entry is
 * an error naming the course, never a silent skip.
 */
export function templateForCourse(
	platform: PlatformName,
	mapping: Readonly<Record<string, string>>,
	courseId: string,
): string {
	const templateId = Object.prototype.hasOwnProperty.call(mapping, courseId)
		? mapping[courseId]?.trim()
		: undefined;
	if (templateId) return templateId;
	throw new PlatformError(
		platform,
		'missing_template_mapping',
		`no ${templateWord(platform)} is mapped for course "${courseId}".`,
		{
			fix: `Add the course to the template mapping (course id → ${templateWord(platform)} id).`,
			field: 'templateMapping',
			details: { courseId },
		},
	);
}

/**
 * Checks a template id against the platform's list (listTemplates) before sending anything:
 * unknown ids and archived templates are refused with the field named.
 */
export function requireIssuableTemplate(
	platform: PlatformName,
	templateId: string,
	templates: readonly CredentialTemplate[],
): CredentialTemplate {
	const template = templates.find((candidate) => candidate.id === templateId);
	if (!template) {
		throw new PlatformError(
			platform,
			'template_not_found',
			`${templateWord(platform)} "${templateId}" does not exist in this ${PLATFORM_LABELS[platform]} account.`,
			{ fix: `Pick a ${templateWord(platform)} from the list.`, field: 'templateId' },
		);
	}
	if (!template.active) {
		throw archivedTemplate(platform, templateId, template.name);
	}
	return template;
}

export function archivedTemplate(
	platform: PlatformName,
	templateId: string,
	name?: string,
): PlatformError {
	return new PlatformError(
		platform,
		'template_archived',
		`${templateWord(platform)} ${name ? `"${name}" ` : ''}(${templateId}) is archived or not yet active, so nothing can be issued from it.`,
		{
			fix: `Reactivate it in ${PLATFORM_LABELS[platform]}, or map the course to an active one.`,
			field: 'templateId',
		},
	);
}

export function templateNotFound(platform: PlatformName, templateId: string): PlatformError {
	return new PlatformError(
		platform,
		'template_not_found',
		`${templateWord(platform)} "${templateId}" was not found.`,
		{
			fix: `Pick an existing ${templateWord(platform)} (it may have been deleted, or belong to another account or region).`,
			field: 'templateId',
		},
	);
}

export function templateWord(platform: PlatformName): string {
	return platform === 'credly'
		? 'badge template'
		: platform === 'accredible'
			? 'group'
			: 'credential template (group)';
}
