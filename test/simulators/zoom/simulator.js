'use strict';
// The Zoom Reports API simulator, as test/simulators/discover.js finds it.

const { startZoomSimulator } = require('./zoom');
const sample = require('./sample-data');

module.exports = {
	name: 'zoom',
	kind: 'lms',
	start: startZoomSimulator,
	demoCredentials: (urls) => [
		{
			// n8n's own zoomOAuth2Api is authorization-code only, with zoom.us's token URL fixed:
			// Server-to-Server OAuth goes through the generic OAuth2 credential, whose token URL
			// carries Zoom's account_credentials grant and account id in its query.
			name: 'Zoom Server-to-Server OAuth',
			type: 'oAuth2Api',
			data: {
				grantType: 'clientCredentials',
				accessTokenUrl: `${urls.zoom}/oauth/token?grant_type=account_credentials&account_id=${sample.ZOOM_ACCOUNT_ID}`,
				clientId: sample.ZOOM_CLIENT_ID,
				clientSecret: sample.ZOOM_CLIENT_SECRET,
				scope: '',
				authentication: 'header',
			},
		},
	],
};
