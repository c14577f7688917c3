import { NodeOperationError } from 'n8n-workflow';
import type { IHookFunctions, IWebhookFunctions } from 'n8n-workflow';

import type { LearnerRecordSource } from '../core/integrations/lms';
import { ThinkificLearnerRecordSource } from '../core/integrations/lms';
import { n8nTransport } from '../kit/n8n-transport';
import { TRAILING_SLASHES } from '../core/domain/text';

interface ThinkificCredentials {
	environment?: string;
	baseUrl?: string;
}

/** The API root the credential points at (Thinkific or a custom base URL such as the simulator). */
export async function thinkificRoot(this: IHookFunctions | IWebhookFunctions): Promise<string> {
	const credentials = await this.getCredentials<ThinkificCredentials>('thinkificApi');
	const root =
		credentials.environment === 'custom'
			? String(credentials.baseUrl ?? '').replace(TRAILING_SLASHES, '')
			: 'https://api.thinkific.com';
	if (!/^https?:\/\//.test(root)) {
		throw new NodeOperationError(
			this.getNode(),
			'The Thinkific credential has no valid Base URL: set "Base URL" (e.g. http://127.0.0.1:5713) or choose the Thinkific environment',
		);
	}
	return root;
}

/**
 * The "Add Learner Details" lookup over the Admin API with the trigger's own credential. A
 * credential that cannot be used fails each lookup (the completion is still emitted, marked).
 */
export async function thinkificLearnerSource(
	this: IWebhookFunctions,
): Promise<LearnerRecordSource> {
	try {
		const baseUrl = await thinkificRoot.call(this);
		return new ThinkificLearnerRecordSource({
			transport: n8nTransport(this, 'thinkificApi'),
			baseUrl,
		});
	} catch (error) {
		return { name: 'thinkific admin api', fetch: async () => await Promise.reject(error) };
	}
}
