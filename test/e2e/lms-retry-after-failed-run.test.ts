// A completion is handled once its run succeeded, not when it arrived: in a real n8n, a Moodle
// delivery whose run fails (the Credly call behind it is refused) is answered 500 by n8n, and the
// LMS's identical retry starts a new run; once a run succeeded, the next retry is a duplicate and
// starts nothing.
import * as path from 'path';

import type { TemplateCases } from './support/cases';
import { describeWorkflows } from './support/describe-workflows';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const lmsSender = require('../simulators/lms/webhook-sender') as {
	moodle(
		event: object,
		options: { token: string },
	): { body: string; headers: Record<string, string> };
};
// eslint-disable-next-line @typescript-eslint/no-require-imports
const lmsSamples = require('../simulators/lms/sample-data') as { MOODLE_WEBHOOK_TOKEN: string };

const completedAt = Math.floor(Date.now() / 1000);
// One delivery, sent byte for byte again as the LMS retries it.
const delivery = lmsSender.moodle(
	{
		eventname: '\\core\\event\\course_completed',
		component: 'core',
		action: 'completed',
		target: 'course',
		objecttable: 'course_completions',
		objectid: 901,
		courseid: 12,
		userid: 2,
		relateduserid: 57,
		timecreated: completedAt,
	},
	{ token: lmsSamples.MOODLE_WEBHOOK_TOKEN },
);
const sameDelivery = { body: delivery.body, headers: delivery.headers };

const credlyFaults = async (simulators: Record<string, string>, faults: object) => {
	const response = await fetch(`${simulators.credly}/__control/faults`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(faults),
	});
	if (!response.ok) throw new Error(`the Credly simulator refused the faults: ${response.status}`);
};

const cases: TemplateCases = {
	'moodle-run-fails-then-succeeds.json': {
		requests: [
			{
				name: 'the first delivery starts a run that fails: n8n answers 500',
				...sameDelivery,
				prepare: async ({ simulators }) => await credlyFaults(simulators, { tokenExpired: true }),
				expect: { status: 500 },
			},
			{
				name: "the LMS's identical retry starts a new run, which succeeds (200, the run's output)",
				...sameDelivery,
				prepare: async ({ simulators }) => await credlyFaults(simulators, { tokenExpired: false }),
				// The Credly node's first template: output of a run, not the node's duplicate answer.
				expect: { status: 200, body: { platform: 'credly', id: expect.any(String) } },
			},
			{
				name: 'a retry after the successful run is a duplicate and starts nothing (200)',
				...sameDelivery,
				expect: { status: 200, body: { status: 'duplicate', duplicates: [expect.any(String)] } },
			},
		],
	},
};

describeWorkflows(
	'retry after a failed run',
	path.join(__dirname, 'fixtures', 'retry-after-failed-run'),
	cases,
	'test/e2e/lms-retry-after-failed-run.test.ts',
);
