'use strict';
// The Thinkific simulator, as test/simulators/discover.js finds it.

const { startThinkificSimulator } = require('./thinkific');
const lms = require('./sample-data');

module.exports = {
	name: 'thinkific',
	kind: 'lms',
	start: startThinkificSimulator,
	demoCredentials: (urls) => [
		{
			name: 'Thinkific account',
			type: 'thinkificApi',
			data: {
				environment: 'custom',
				baseUrl: urls.thinkific,
				subdomain: lms.THINKIFIC_SUBDOMAIN,
				apiKey: lms.THINKIFIC_API_KEY,
			},
		},
	],
};
