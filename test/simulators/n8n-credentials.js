'use strict';
// The n8n credentials the templates refer to by name, filled in for the local simulators.
// `npm start` and the e2e tests import them before the templates, so a template's
// `{ "id": null, "name": "Accredible account" }` reference links to a working credential.
// Ids are derived from the name, so importing again updates instead of adding a copy.

const crypto = require('node:crypto');

const accredible = require('./accredible/sample-data');

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
	];
	return list.map((c) => ({ id: credentialIdFor(c.name), ...c }));
}

module.exports = { demoCredentials, credentialIdFor };
