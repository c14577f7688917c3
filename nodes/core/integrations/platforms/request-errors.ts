import { PlatformError } from './errors';
import { PLATFORM_LABELS, type PlatformName, type RevokeMethod } from './types';

/** Refusals of a caller's request, raised before anything is sent. */

export function unsupportedRevokeMethod(
	platform: PlatformName,
	method: string,
	supported: readonly RevokeMethod[],
): PlatformError {
	return new PlatformError(
		platform,
		'invalid_request',
		`${PLATFORM_LABELS[platform]} has no "${method}" for credentials.`,
		{
			fix: `Use one of: ${supported.join(', ')}. Nothing was sent.`,
			field: 'method',
			issues: [
				{
					path: 'method',
					message: `received "${method}"; expected one of ${supported.join(', ')}`,
				},
			],
		},
	);
}

export function nothingToReplace(platform: PlatformName): PlatformError {
	return new PlatformError(platform, 'invalid_request', 'the replacement changes nothing.', {
		fix: 'Give at least one of recipientName, firstName, lastName, issuedOn, expiresOn, attributes. Nothing was sent.',
		field: 'recipientName',
		issues: [{ path: '(root)', message: 'expected at least one change' }],
	});
}

export function missingField(platform: PlatformName, field: string, why: string): PlatformError {
	return new PlatformError(platform, 'invalid_request', `${field} is missing: ${why}.`, {
		fix: `Give ${field}. Nothing was sent.`,
		field,
		issues: [{ path: field, message: `missing; ${why}` }],
	});
}
