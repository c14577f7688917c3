'use strict';
// The downstream sink (SIS/CRM/billing stand-in for template 18), as test/simulators/discover.js
// finds it: base URL `downstream`, default port 5727, and the Header Auth credential the template
// sends its bearer token with.

const { start, DEFAULT_PORT, DOWNSTREAM_TOKEN } = require('./index');

module.exports = {
	name: 'downstream',
	kind: 'platform',
	defaultPort: DEFAULT_PORT,
	start,
	demoCredentials: () => [
		{
			name: 'Downstream system header auth',
			type: 'httpHeaderAuth',
			data: { name: 'Authorization', value: `Bearer ${DOWNSTREAM_TOKEN}` },
		},
	],
};
