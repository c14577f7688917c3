'use strict';
// The Accredible simulator, as test/simulators/discover.js finds it.

const { startAccredibleSimulator } = require('./index');
const { SAMPLE_API_KEY } = require('./sample-data');

module.exports = {
	name: 'accredible',
	kind: 'platform',
	defaultPort: 5701,
	start: startAccredibleSimulator,
	demoCredentials: (urls) => [
		{
			name: 'Accredible account',
			type: 'accredibleApi',
			data: { environment: 'custom', baseUrl: urls.accredible, apiKey: SAMPLE_API_KEY },
		},
	],
};
