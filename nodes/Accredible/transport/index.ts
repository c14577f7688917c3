import { NodeOperationError } from 'n8n-workflow';
import type { IExecuteFunctions, ILoadOptionsFunctions, JsonObject } from 'n8n-workflow';

import {
	AccredibleClient,
	isPlatformError,
	type AccredibleRegion,
	type PlatformError,
} from '../../core/integrations/platforms';
import { n8nTransport } from '../../kit/n8n-transport';
import { itemPrefix, type Explain, type Explained } from '../../kit/node-errors';
import type { FailureShape } from '../../kit/per-item';

export const CREDENTIAL_TYPE = 'accredibleApi';

const REGIONS: ReadonlySet<string> = new Set(['us', 'eu', 'sandbox']);

export interface ClientSettings {
	/** Tries per request, the first included. */
	maxAttempts?: number;
	timeoutMs?: number;
}

/**
 * An Accredible client whose requests go through n8n (the credential adds the key; proxies
 * apply). All executions on one credential share its rate limiter: the key is the credential id.
 */
export async function accredibleClient(
	this: IExecuteFunctions | ILoadOptionsFunctions,
	settings: ClientSettings = {},
): Promise<AccredibleClient> {
	const credentials = await this.getCredentials(CREDENTIAL_TYPE);
	const environment = String(credentials.environment ?? 'us');
	const node = this.getNode();
	let baseUrl: string | undefined;
	if (environment === 'custom') {
		baseUrl = typeof credentials.baseUrl === 'string' ? credentials.baseUrl.trim() : '';
		if (!/^https?:\/\/\S+$/i.test(baseUrl)) {
			throw new NodeOperationError(
				node,
				'The Accredible credential has no usable Base URL for the Custom environment',
				{
					description:
						'Open the credential and give the API root (e.g. http://127.0.0.1:5701), or choose Production or Sandbox.',
				},
			);
		}
	}
	const reference = node.credentials?.[CREDENTIAL_TYPE];
	return new AccredibleClient({
		transport: n8nTransport(this, CREDENTIAL_TYPE),
		region: REGIONS.has(environment) ? (environment as AccredibleRegion) : undefined,
		baseUrl,
		rateLimiterKey: `${CREDENTIAL_TYPE}:${reference?.id ?? reference?.name ?? node.name}`,
		timeoutMs: settings.timeoutMs,
		retry: settings.maxAttempts === undefined ? undefined : { maxAttempts: settings.maxAttempts },
	});
}

/** Options shared by operations that call the API: tries and per-request timeout. */
export function clientSettings(options: {
	maxAttempts?: unknown;
	timeout?: unknown;
}): ClientSettings {
	const settings: ClientSettings = {};
	if (typeof options.maxAttempts === 'number') settings.maxAttempts = options.maxAttempts;
	if (typeof options.timeout === 'number') settings.timeoutMs = options.timeout * 1000;
	return settings;
}

/**
 * How an Accredible failure reads: validation problems (nothing was sent) name the field the
 * user fills in; refusals and outages keep their status. Built from the client's own message
 * and fix only: request options (and the key in them) never reach it.
 */
export function explainAccredibleError(fieldLabels: Record<string, string> = {}): Explain {
	return (cause, itemIndex) => {
		if (!isPlatformError(cause)) return undefined;
		if (cause.code === 'invalid_request') return invalidRequest(cause, itemIndex, fieldLabels);
		const description = [cause.fix, describeDetails(cause)].filter(Boolean).join(' ');
		if (cause.status === undefined) return { message: cause.message, description };
		const summary: JsonObject = { message: cause.message, code: cause.code };
		return {
			message: cause.message,
			description,
			api: { summary, httpCode: String(cause.status) },
		};
	};
}

function invalidRequest(
	error: PlatformError,
	itemIndex: number | undefined,
	fieldLabels: Record<string, string>,
): Explained {
	const issues =
		error.issues.length > 0 ? error.issues : [{ path: error.field ?? '', message: error.message }];
	const label = (path: string) => fieldLabels[path] ?? fieldLabels[path.split('.')[0]] ?? path;
	const first = issues[0];
	return {
		message: `${itemPrefix(itemIndex)}invalid "${label(first.path)}" (${first.path || 'request'}): ${first.message}`,
		description: [
			...issues.map((issue) => `${label(issue.path)} (${issue.path}): ${issue.message}`),
			'Correct the field; nothing was sent to Accredible.',
		].join('\n'),
	};
}

function describeDetails(error: PlatformError): string {
	const parts = Object.entries(error.details).map(([key, value]) => `${key}: ${String(value)}`);
	return parts.length > 0 ? `(${parts.join(', ')})` : '';
}

/**
 * A failed item under Continue On Fail: `error` (what happened) and `message` (the fix, the error
 * code and whether a later retry may work). Only these two keys, so both n8n lines route it to
 * the error output under "Continue (using error output)"; no `error` on the item itself, or n8n
 * would replace the json with the bare message.
 */
export const accredibleFailure: FailureShape = (error, cause) => {
	const platform = isPlatformError(cause) ? cause : undefined;
	const code = platform
		? ` [${platform.code}${platform.field ? `, field ${platform.field}` : ''}${platform.retryable ? ', retryable' : ''}]`
		: '';
	return { json: { error: error.message, message: `${error.description ?? ''}${code}`.trim() } };
};
