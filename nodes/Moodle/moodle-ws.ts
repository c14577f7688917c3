import { NodeApiError } from 'n8n-workflow';

import type { LearnerRecordSource } from '../core/integrations/lms';
import { MoodleLearnerRecordSource, MoodleWsClient, MoodleWsError } from '../core/integrations/lms';
import { siteUrlOf, unreachableSiteError, type LmsApiContext, type LmsSite } from '../kit/lms/site';
import { n8nTransport } from '../kit/n8n-transport';

type Context = LmsApiContext;

const SITE: LmsSite = {
	lms: 'Moodle',
	credentialType: 'moodleApi',
	urlField: 'Site URL',
	example: 'https://lms.example.edu',
};

/** A web-service client whose requests get `wstoken` from the credential's authenticate. */
export async function moodleClient(this: Context): Promise<MoodleWsClient> {
	const baseUrl = await siteUrlOf.call(this, SITE);
	return new MoodleWsClient({ transport: n8nTransport(this, 'moodleApi'), baseUrl });
}

/** Moodle's typed errors and "no response" as node errors that name the code and the fix. */
export function moodleNodeError(this: Context, error: unknown): Error {
	if (error instanceof MoodleWsError) {
		return new NodeApiError(
			this.getNode(),
			{ errorcode: error.errorcode, exception: error.exception ?? '', message: error.message },
			{
				message: `Moodle refused ${error.wsfunction}: ${error.message} [${error.errorcode}]`,
				description: error.fix,
			},
		);
	}
	return unreachableSiteError.call(this, SITE, error);
}

/**
 * The "Add Learner Details" lookup over the moodleApi credential. A credential that cannot be
 * used (no Site URL) fails each lookup with its message instead of the delivery: the completion
 * is still emitted, marked failed.
 */
export async function moodleLearnerSource(this: Context): Promise<LearnerRecordSource> {
	try {
		return new MoodleLearnerRecordSource(await moodleClient.call(this));
	} catch (error) {
		return { name: 'moodle web services', fetch: async () => await Promise.reject(error) };
	}
}
