import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type {
	ILoadOptionsFunctions,
	IPollFunctions,
	IWebhookFunctions,
	JsonObject,
} from 'n8n-workflow';

import type { LearnerRecordSource } from '../credentialing/lms';
import { MoodleLearnerRecordSource, MoodleWsClient, MoodleWsError } from '../credentialing/lms';
import { TransportFailure } from '../credentialing/platforms/transport/http-transport';
import { n8nTransport } from './n8n-transport';

type Context = IPollFunctions | ILoadOptionsFunctions | IWebhookFunctions;

/** A web-service client whose requests get `wstoken` from the credential's authenticate. */
export async function moodleClient(this: Context): Promise<MoodleWsClient> {
	const credentials = await this.getCredentials<{ baseUrl?: string }>('moodleApi');
	const baseUrl = String(credentials.baseUrl ?? '').trim();
	if (!/^https?:\/\/[^/]+/.test(baseUrl)) {
		throw new NodeOperationError(
			this.getNode(),
			'The Moodle API credential has no usable Site URL: set it to the site root, e.g. https://lms.example.edu',
		);
	}
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
	if (error instanceof TransportFailure) {
		return new NodeApiError(this.getNode(), { message: error.message } as JsonObject, {
			message: `Could not reach Moodle: ${error.message}`,
			description: "Check the Moodle API credential's Site URL and that the site is up",
		});
	}
	return error as Error;
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
