'use strict';
// The n8n credentials the templates refer to by name, filled in for the local simulators.
// `npm start` and the e2e tests import them before the templates, so a template's
// `{ "id": null, "name": "Accredible account" }` reference links to a working credential.
// Ids are derived from the name, so importing again updates instead of adding a copy.

const crypto = require('node:crypto');

const { discoverSimulators } = require('./discover');

const DEMO_LEDGER_PRIVATE_KEY = [
	'-----BEGIN PRIVATE KEY-----',
	'MC4CAQAwBQYDK2VwBCIEIJ0XAc4+6W/VVeLC6xSpr0gx3QaaAE3fnHLhPVnJKrcK',
	'-----END PRIVATE KEY-----',
	'',
].join('\n');

// DEMO ONLY, published here: signs the Open Badges the local demo and the tests issue. A badge
// signed with it proves nothing; real issuers generate their own key.
const DEMO_OPEN_BADGE_PRIVATE_KEY = [
	'-----BEGIN PRIVATE KEY-----',
	'MC4CAQAwBQYDK2VwBCIEIHkwHsvcxaki/4EhKkcOUDL1gWUQ/Cp0i9kFnCSR3+VH',
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
			name: 'Open Badge issuer key',
			type: 'openBadgeIssuerApi',
			data: {
				privateKey: DEMO_OPEN_BADGE_PRIVATE_KEY,
				identity: 'key',
				issuerName: 'Example Training Academy (demo issuer)',
				issuerUrl: 'https://academy.example.org',
			},
		},
		{
			name: TEMPLATE_WEBHOOK_AUTH.credentialName,
			type: 'httpHeaderAuth',
			data: { name: TEMPLATE_WEBHOOK_AUTH.headerName, value: TEMPLATE_WEBHOOK_AUTH.demoToken },
		},
		// Each simulator brings the credentials that point at it (its simulator.js).
		...discoverSimulators().flatMap((sim) =>
			sim.demoCredentials ? sim.demoCredentials(urls) : [],
		),
	];
	return list.map((c) => ({ id: credentialIdFor(c.name), ...c }));
}

module.exports = { demoCredentials, credentialIdFor, TEMPLATE_WEBHOOK_AUTH };
