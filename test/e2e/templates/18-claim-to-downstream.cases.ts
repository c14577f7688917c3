// Template 18 in the all-templates suite: its two platform triggers are live and refuse what the
// platform would not send, running nothing. The claim scenario itself (ledger, downstream sink,
// follow-up mail) is in test/e2e/claim-downstream.test.ts, which drives the platform simulators.
import { randomUUID } from 'node:crypto';

import * as credlySamples from '../../simulators/credly/sample-data';
import type { TemplateCase } from '../support/cases';

export const cases: TemplateCase = {
	requests: [
		{
			name: 'a Credly event that Credly does not know is refused (404) and runs nothing',
			webhook: 'Credly Trigger',
			body: {
				id: randomUUID(),
				organization_id: credlySamples.SAMPLE_ORGANIZATION_ID,
				event_type: 'badge.state.changed',
				occurred_at: '2026-05-04T09:00:00Z',
			},
			expect: { status: 404, body: { error: 'Unknown event' }, executionsStarted: 0 },
		},
		{
			name: 'a Certifier event without a valid signature is refused (401) and runs nothing',
			webhook: 'Certifier Trigger',
			headers: { 'x-webhook-signature': 'sha256=forged' },
			body: {
				id: 'evt-forged',
				type: 'credential.viewed',
				createdAt: '2026-05-04T09:00:00Z',
				data: { resource: { id: 'cred-1' } },
			},
			expect: { status: 401, executionsStarted: 0 },
		},
	],
};
