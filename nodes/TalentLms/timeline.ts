import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type { IPollFunctions, JsonObject } from 'n8n-workflow';

import type { KeyedCompletion } from '../core/integrations/lms';
import { normaliseTalentLmsTimelineEvent } from '../core/integrations/lms';
import { TRAILING_SLASHES } from '../core/domain/text';

/** gettimeline answers with the most recent events of a type, at most this many. */
export const TIMELINE_CAP = 200;

interface TalentLmsCredentials {
	environment?: string;
	domain?: string;
	baseUrl?: string;
}

/** The site root the credential points at (the TalentLMS domain or a custom base URL). */
export async function baseUrl(this: IPollFunctions): Promise<string> {
	const credentials = await this.getCredentials<TalentLmsCredentials>('talentLmsApi');
	const root =
		credentials.environment === 'custom'
			? String(credentials.baseUrl ?? '').replace(TRAILING_SLASHES, '')
			: `https://${String(credentials.domain ?? '')
					.replace(/^https?:\/\//, '')
					.replace(TRAILING_SLASHES, '')}`;
	if (!/^https?:\/\/[^/]+/.test(root) || root === 'https://') {
		throw new NodeOperationError(
			this.getNode(),
			'The TalentLMS credential has no domain: set "Domain" (mycompany.talentlms.com) or a custom Base URL',
		);
	}
	return root;
}

/** The course completions on the TalentLMS timeline, normalised; unusable events are skipped. */
export async function fetchTimelineCompletions(this: IPollFunctions): Promise<KeyedCompletion[]> {
	const url = `${await baseUrl.call(this)}/api/v1/gettimeline/event_type:course_completion`;
	let response: { statusCode: number; body: unknown };
	try {
		response = (await this.helpers.httpRequestWithAuthentication.call(this, 'talentLmsApi', {
			method: 'GET',
			url,
			json: true,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
		})) as { statusCode: number; body: unknown };
	} catch (error) {
		throw new NodeApiError(this.getNode(), error as JsonObject, {
			message: 'Could not reach TalentLMS',
		});
	}
	const body = response.body as { error?: { message?: string } } | unknown[] | undefined;
	if (response.statusCode >= 400 || (body && !Array.isArray(body) && body.error)) {
		const message = (!Array.isArray(body) && body?.error?.message) || `HTTP ${response.statusCode}`;
		throw new NodeApiError(this.getNode(), (body ?? {}) as JsonObject, {
			message: `TalentLMS refused the timeline request: ${message}`,
			description:
				response.statusCode === 401 || response.statusCode === 403
					? 'Check the API key in the TalentLMS credential and that the API is enabled for the account'
					: undefined,
			httpCode: String(response.statusCode),
		});
	}
	if (!Array.isArray(body)) {
		throw new NodeOperationError(
			this.getNode(),
			'TalentLMS answered the timeline request with no list of events',
		);
	}
	const completions: KeyedCompletion[] = [];
	for (const item of body) {
		const result = normaliseTalentLmsTimelineEvent(item);
		if (result.ok) completions.push(result.value);
		else this.logger.warn(`TalentLMS Trigger skipped a timeline event: ${result.message}`);
	}
	return completions;
}
