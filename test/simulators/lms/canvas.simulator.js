'use strict';
// The Canvas simulator (REST API; Live Events are signed by the demo keys), as
// test/simulators/discover.js finds it.

const { startCanvasSimulator } = require('./canvas');
const lms = require('./sample-data');
const { demoCanvasSigner } = require('./webhook-sender');

module.exports = {
	name: 'canvas',
	kind: 'lms',
	start: startCanvasSimulator,
	demoCredentials: (urls) => [
		{
			name: 'Canvas Live Events keys',
			type: 'canvasLiveEventsApi',
			data: {
				allowedRootAccounts: lms.CANVAS_ROOT_ACCOUNT_ID,
				allowedHosts: lms.CANVAS_HOST,
				jwksSource: 'json',
				jwks: JSON.stringify(demoCanvasSigner().jwks),
			},
		},
		{
			name: 'Canvas account',
			type: 'canvasApi',
			data: { baseUrl: urls.canvas, accessToken: lms.CANVAS_API_TOKEN },
		},
	],
};
