'use strict';
// Sample workspace for demos and tests: token, webhook secret, groups and attributes.

const SAMPLE_TOKEN = 'sim-certifier-token';
const SAMPLE_WEBHOOK_SECRET = 'sim-certifier-webhook-secret';

const SAMPLE_GROUPS = [
	{ id: '01g90279gp5sbmfek7wymcsvec', name: 'Intro to Programming' },
	{ id: '01hq3v9k2m4n6p8r0t2w4y6a8c', name: 'Data Safety Refresher' },
	{ id: '01hq3v9k2m4n6p8r0t2w4y6a8d', name: 'Professional Ethics (4 CPE)' },
];

const SAMPLE_ATTRIBUTES = [
	{ tag: 'recipient.name', name: 'Recipient name', isDefault: true },
	{ tag: 'credential.issueDate', name: 'Issue date', isDefault: true },
	{ tag: 'custom.course', name: 'Course', isDefault: false },
	{ tag: 'custom.mentor', name: 'Mentor', isDefault: false },
	{ tag: 'custom.cpe_credits', name: 'CPE credits', isDefault: false },
];

module.exports = { SAMPLE_TOKEN, SAMPLE_WEBHOOK_SECRET, SAMPLE_GROUPS, SAMPLE_ATTRIBUTES };
