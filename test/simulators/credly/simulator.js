'use strict';
// The Credly simulator, as test/simulators/discover.js finds it.

const { startCredlySimulator } = require('./index');
const { SAMPLE_ORGANIZATION_ID, SAMPLE_TOKEN } = require('./sample-data');

module.exports = {
	name: 'credly',
	kind: 'platform',
	defaultPort: 5702,
	start: startCredlySimulator,
	demoCredentials: (urls) => [
		{
			name: 'Credly account',
			type: 'credlyApi',
			data: {
				environment: 'custom',
				baseUrl: urls.credly,
				organizationId: SAMPLE_ORGANIZATION_ID,
				authToken: SAMPLE_TOKEN,
			},
		},
	],
};
