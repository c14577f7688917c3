'use strict';
// The TalentLMS simulator, as test/simulators/discover.js finds it.

const { startTalentLmsSimulator } = require('./talentlms');
const lms = require('./sample-data');

module.exports = {
	name: 'talentlms',
	kind: 'lms',
	start: startTalentLmsSimulator,
	demoCredentials: (urls) => [
		{
			name: 'TalentLMS account',
			type: 'talentLmsApi',
			data: { environment: 'custom', baseUrl: urls.talentlms, apiKey: lms.TALENTLMS_API_KEY },
		},
	],
};
