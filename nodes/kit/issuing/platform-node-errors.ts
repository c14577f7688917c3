import type { JsonObject } from 'n8n-workflow';

import { isPlatformError, type PlatformError } from '../../core/integrations/platforms';
import { itemPrefix, type Explain, type Explained } from '../node-errors';

/** Codes that mean "your input or configuration is wrong", not "the service said no". */
const INPUT_CODES = new Set([
	'invalid_request',
	'missing_template_mapping',
	'template_not_found',
	'template_archived',
]);

export interface ErrorOverride {
	message: string;
	description?: string;
}

/**
 * Reads a platform client error for n8n (see toNodeError). The message already names the cause
 * and the fix; it never holds request headers, so tokens cannot leak through it.
 */
export function explainPlatformError(
	override?: (error: PlatformError) => ErrorOverride | undefined,
): Explain {
	return (cause, itemIndex): Explained | undefined => {
		if (!isPlatformError(cause)) return undefined;
		const replaced = override?.(cause);
		const message = replaced?.message ?? `${itemPrefix(itemIndex)}${cause.message}`;
		const description = replaced?.description ?? describe(cause);
		if (INPUT_CODES.has(cause.code)) return { message, description };
		const httpCode = cause.status !== undefined ? String(cause.status) : undefined;
		const summary: JsonObject = {
			message: cause.message,
			code: cause.code,
			platform: cause.platform,
			...(httpCode !== undefined ? { httpCode } : {}),
		};
		return { message, description, api: { summary, httpCode } };
	};
}

/** The fix first, then every bad field on its own line. */
function describe(error: PlatformError): string {
	const lines = [error.fix];
	if (error.field) lines.push(`Field: ${error.field}`);
	for (const issue of error.issues) lines.push(`${issue.path || '(root)'}: ${issue.message}`);
	return lines.join('\n');
}
