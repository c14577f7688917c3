'use strict';
// The Certifier simulator, as test/simulators/discover.js finds it.

const { startCertifierSimulator } = require('./index');
const { SAMPLE_TOKEN, SAMPLE_WEBHOOK_SECRET } = require('./sample-data');

module.exports = {
	name: 'certifier',
	kind: 'platform',
	defaultPort: 5703,
	start: startCertifierSimulator,
	demoCredentials: (urls) => [
		{
			name: 'Certifier account',
			type: 'certifierApi',
			data: {
				baseUrl: urls.certifier,
				accessToken: SAMPLE_TOKEN,
				webhookSecret: SAMPLE_WEBHOOK_SECRET,
			},
		},
	],
};
