'use strict';
// The Docebo simulator (OAuth2 and the user API), as test/simulators/discover.js finds it.

const { startDoceboSimulator } = require('./docebo');
const lms = require('./sample-data');

module.exports = {
	name: 'docebo',
	kind: 'lms',
	start: startDoceboSimulator,
	demoCredentials: (urls) => [
		{
			name: 'Docebo webhook secret',
			type: 'doceboWebhookApi',
			data: {
				authType: 'header',
				headerName: 'X-Docebo-Secret',
				secret: lms.DOCEBO_WEBHOOK_SECRET,
			},
		},
		{
			// n8n fills in the hidden OAuth2 fields (client credentials, <site>/oauth2/token).
			name: 'Docebo account',
			type: 'doceboOAuth2Api',
			data: {
				siteUrl: urls.docebo,
				clientId: lms.DOCEBO_CLIENT_ID,
				clientSecret: lms.DOCEBO_CLIENT_SECRET,
			},
		},
	],
};
