// The templates' core Webhook nodes check n8n's Header Auth credential that the demo creates
// (test/simulators/n8n-credentials.js): calls carry its header, and calls without it or with
// another value must be refused before anything runs.
import * as path from 'path';

import type { WebhookRequestCase } from './cases';
import { REPO_ROOT } from './harness';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { TEMPLATE_WEBHOOK_AUTH } = require(
	path.join(REPO_ROOT, 'test', 'simulators', 'n8n-credentials.js'),
) as { TEMPLATE_WEBHOOK_AUTH: { headerName: string; demoToken: string } };

export const webhookTokenHeader = TEMPLATE_WEBHOOK_AUTH.headerName;

// n8n's Header Auth answers 403 with this text whether the header is missing or wrong.
const refused = { status: 403, executionsStarted: 0 } as const;
const REFUSAL_TEXT = 'Authorization data is wrong!';

/** The header of an authorised call to a template webhook. */
export function webhookTokenHeaders(): Record<string, string> {
	return { [webhookTokenHeader]: TEMPLATE_WEBHOOK_AUTH.demoToken };
}

/** Adds the demo token to each case, in place: some cases compute their body in a getter. */
export function withWebhookToken(requests: WebhookRequestCase[]): WebhookRequestCase[] {
	for (const rc of requests) rc.headers = { ...rc.headers, ...webhookTokenHeaders() };
	return requests;
}

/**
 * A call without the header and one with a wrong token, each with a body the workflow would
 * otherwise act on: both are refused (403) and start no execution.
 */
export function refusedWithoutToken(body: () => unknown): WebhookRequestCase[] {
	const cases: Array<{ name: string; headers: Record<string, string> }> = [
		{ name: 'a call without the webhook token is refused (403) and runs nothing', headers: {} },
		{
			name: 'a call with a wrong webhook token is refused (403) and runs nothing',
			headers: { [webhookTokenHeader]: `${TEMPLATE_WEBHOOK_AUTH.demoToken}-wrong` },
		},
	];
	return cases.map(({ name, headers }) => ({
		name,
		headers,
		get body() {
			return body();
		},
		expect: refused,
		check: (response) => expect(response.text).toBe(REFUSAL_TEXT),
	}));
}
