'use strict';
// The Teachable simulator, as test/simulators/discover.js finds it.

const { startTeachableSimulator } = require('./teachable');
const lms = require('./sample-data');

module.exports = {
	name: 'teachable',
	kind: 'lms',
	start: startTeachableSimulator,
	demoCredentials: (urls) => [
		{
			name: 'Teachable webhook secret',
			type: 'teachableWebhookApi',
			data: { secret: lms.TEACHABLE_WEBHOOK_SECRET },
		},
		{
			name: 'Teachable account',
			type: 'teachableApi',
			data: { environment: 'custom', baseUrl: urls.teachable, apiKey: lms.TEACHABLE_API_KEY },
		},
	],
};
