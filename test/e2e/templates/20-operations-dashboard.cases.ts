// Template 20 in the suite of every template: with the webhook token it answers the dashboard
// page with its Content-Security-Policy; without it, 403 and nothing runs. The figures drawn,
// the browser and the screenshot are tested in dashboard.test.ts, which seeds the ledger first.
import type { TemplateCase } from '../support/cases';
import { refusedWithoutToken, withWebhookToken } from '../support/webhook-token';

export const cases: TemplateCase = {
	requests: [
		...withWebhookToken([
			{
				name: 'with the token: the page, with a policy that allows no script and no fetch',
				expect: {
					status: 200,
					headers: { 'content-type': /^text\/html/, 'cache-control': 'no-store' },
				},
				check: (response) => {
					// n8n 2 replaces the Content-Security-Policy header of a webhook's HTML answer with
					// its own sandbox policy; the page's meta policy applies in the browser either way.
					expect(response.text).toMatch(
						/<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;; style-src &#39;sha256-/,
					);
					expect(response.text).toContain('<h1>Credential operations</h1>');
					expect(response.text).not.toMatch(/<script/i);
				},
			},
		]),
		...refusedWithoutToken(() => undefined),
	],
};
