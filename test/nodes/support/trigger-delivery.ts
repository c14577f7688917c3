import type { IDataObject } from 'n8n-workflow';

import type { TestCredentials } from './credentials';
import { callWebhook, type WebhookOutcome } from './node-contexts';

export const PACKAGE = 'n8n-nodes-certificate-delivery';

/**
 * One delivery to one of our trigger nodes, answered at once ('onReceived'), with each credential
 * type attached under its own name: what the authentication tests send, whatever the body.
 */
export function deliverToTrigger(
	node: string,
	delivery: { raw: string; parsed: unknown; headers: Record<string, string> },
	credentials: TestCredentials,
	parameters: IDataObject = {},
): Promise<WebhookOutcome> {
	return callWebhook({
		type: `${PACKAGE}.${node}`,
		parameters: { responseMode: 'onReceived', ...parameters },
		credentials,
		nodeCredentials: Object.fromEntries(
			Object.keys(credentials).map((type) => [type, { id: type, name: type }]),
		),
		body: delivery.parsed,
		rawBody: Buffer.from(delivery.raw),
		headers: delivery.headers,
	});
}
