'use strict';
// Demo secrets shared by the LMS simulators, the webhook sender, the n8n demo credentials and
// the tests. Local-only values: never real keys.

module.exports = {
	THINKIFIC_API_KEY: 'thinkific-sim-api-key-0001',
	THINKIFIC_SUBDOMAIN: 'demo-school',
	MOODLE_WEBHOOK_TOKEN: 'moodle-sim-webhook-token-0001',
	DOCEBO_WEBHOOK_SECRET: 'docebo-sim-webhook-secret-0001',
	TEACHABLE_WEBHOOK_SECRET: 'teachable-sim-webhook-secret-0001',
};
module.exports.TALENTLMS_API_KEY = 'talentlms-sim-api-key-0001';
module.exports.MOODLE_WS_TOKEN = 'moodle-sim-ws-token-0001';
module.exports.TEACHABLE_API_KEY = 'teachable-sim-api-key-0001';
module.exports.DOCEBO_CLIENT_ID = 'docebo-sim-client';
module.exports.DOCEBO_CLIENT_SECRET = 'docebo-sim-client-secret-0001';
module.exports.DOCEBO_ADMIN_USER = 'docebo-sim-admin';
module.exports.DOCEBO_ADMIN_PASSWORD = 'docebo-sim-admin-password-0001';
module.exports.CANVAS_API_TOKEN = 'canvas-sim-api-token-0001';
// The Canvas the demo live events come from (metadata.root_account_id / hostname of the fixtures).
module.exports.CANVAS_ROOT_ACCOUNT_ID = '21070000000000001';
module.exports.CANVAS_HOST = 'oxana.instructure.com';
// A learner's token: the API answers it, but it may not read other learners' enrollments.
module.exports.CANVAS_STUDENT_TOKEN = 'canvas-sim-student-token-0001';
