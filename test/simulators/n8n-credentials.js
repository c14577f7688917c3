'use strict';
// The n8n credentials the templates refer to by name, filled in for the local simulators.
// `npm start` and the e2e tests import them before the templates, so a template's
// `{ "id": null, "name": "Accredible account" }` reference links to a working credential.
// Ids are derived from the name, so importing again updates instead of adding a copy.

const crypto = require('node:crypto');

const accredible = require('./accredible/sample-data');
const credly = require('./credly/sample-data');
const certifier = require('./certifier/sample-data');
const lms = require('./lms/sample-data');
const mail = require('./mail');
const downstream = require('./downstream');
const { demoCanvasSigner } = require('./lms/webhook-sender');

const DEMO_LEDGER_PRIVATE_KEY = [
	'-----BEGIN PRIVATE KEY-----',
	'MC4CAQAwBQYDK2VwBCIEIJ0XAc4+6W/VVeLC6xSpr0gx3QaaAE3fnHLhPVnJKrcK',
	'-----END PRIVATE KEY-----',
	'',
].join('\n');

// The Header Auth credential the templates' core Webhook nodes check. The value is published
// in this repository, so it only ever protects the local demo and the tests.
const TEMPLATE_WEBHOOK_AUTH = Object.freeze({
	credentialName: 'Template webhook header auth',
	headerName: 'X-Webhook-Token',
	demoToken: 'demo-only-webhook-token-replace-me',
});

function credentialIdFor(name) {
	return `cred${crypto.createHash('sha256').update(name).digest('hex').slice(0, 12)}`;
}

/**
 * @param {Record<string, string>} urls simulator name → base URL
 * @returns {Array<{ id: string, name: string, type: string, data: Record<string, unknown> }>}
 */
function demoCredentials(urls) {
	const list = [
		{
			name: 'Accredible account',
			type: 'accredibleApi',
			data: { environment: 'custom', baseUrl: urls.accredible, apiKey: accredible.SAMPLE_API_KEY },
		},
		{
			name: 'Credly account',
			type: 'credlyApi',
			data: {
				environment: 'custom',
				baseUrl: urls.credly,
				organizationId: credly.SAMPLE_ORGANIZATION_ID,
				authToken: credly.SAMPLE_TOKEN,
			},
		},
		{
			name: 'Certifier account',
			type: 'certifierApi',
			data: {
				baseUrl: urls.certifier,
				accessToken: certifier.SAMPLE_TOKEN,
				webhookSecret: certifier.SAMPLE_WEBHOOK_SECRET,
			},
		},
		{
			// A published demo key: fine for the local demo and tests, never for real credentials.
			name: 'Credential Ledger signing key',
			type: 'credentialLedgerSigningApi',
			data: {
				algorithm: 'ed25519',
				privateKey: DEMO_LEDGER_PRIVATE_KEY,
				keyId: 'demo-ledger-ed25519',
			},
		},
		{
			name: TEMPLATE_WEBHOOK_AUTH.credentialName,
			type: 'httpHeaderAuth',
			data: { name: TEMPLATE_WEBHOOK_AUTH.headerName, value: TEMPLATE_WEBHOOK_AUTH.demoToken },
		},
		{
			// Template 18 reports claims to the downstream sink with this bearer token.
			name: 'Downstream system header auth',
			type: 'httpHeaderAuth',
			data: { name: 'Authorization', value: `Bearer ${downstream.DOWNSTREAM_TOKEN}` },
		},
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
		{
			name: 'Moodle webhook token',
			type: 'moodleWebhookApi',
			data: { token: lms.MOODLE_WEBHOOK_TOKEN },
		},
		{
			name: 'Moodle web services',
			type: 'moodleApi',
			data: { baseUrl: urls.moodle, token: lms.MOODLE_WS_TOKEN },
		},
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
			name: 'TalentLMS account',
			type: 'talentLmsApi',
			data: { environment: 'custom', baseUrl: urls.talentlms, apiKey: lms.TALENTLMS_API_KEY },
		},
		{
			name: 'Teachable webhook secret',
			type: 'teachableWebhookApi',
			data: { secret: lms.TEACHABLE_WEBHOOK_SECRET },
		},
		{
			name: 'Teachable account',
			type: 'teachableApi',
			data: { environment: 'custom', baseUrl: urls.teachable, apiKey: lms.TEACHABLE_API_KEY },
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
	].concat(
		['Conference mail (SMTP)', 'Operations mail (SMTP)'].map((name) => ({
			// The mail sink speaks plain SMTP only: no TLS and no STARTTLS upgrade.
			name,
			type: 'smtp',
			data: {
				user: mail.MAIL_USER,
				password: mail.MAIL_PASSWORD,
				host: new URL(urls.smtp).hostname,
				port: Number(new URL(urls.smtp).port),
				secure: false,
				disableStartTls: true,
				hostName: '',
			},
		})),
	);
	return list.map((c) => ({ id: credentialIdFor(c.name), ...c }));
}

module.exports = { demoCredentials, credentialIdFor, TEMPLATE_WEBHOOK_AUTH };
