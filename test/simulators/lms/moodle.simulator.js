'use strict';
// The Moodle simulator (web services), as test/simulators/discover.js finds it.

const { startMoodleSimulator } = require('./moodle');
const lms = require('./sample-data');

module.exports = {
	name: 'moodle',
	kind: 'lms',
	start: startMoodleSimulator,
	demoCredentials: (urls) => [
		{
			name: 'Moodle webhook token',
			type: 'moodleWebhookApi',
			data: { token: lms.MOODLE_WEBHOOK_TOKEN },
		},
		{
			name: 'Moodle web services',
			type: 'moodleApi',
			data: { baseUrl: urls.moodle, token: lms.MOODLE_WS_TOKEN },
		},
	],
};
