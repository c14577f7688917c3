'use strict';
const { duplicatesBy, startSimulator } = require('../common/sim-server');
const { accredibleRoutes } = require('./routes');
const { AccredibleStore } = require('./store');

/**
 * Accepts every Authorization form real clients send: `Token token=KEY`, `Token token="KEY"`,
 * `Token KEY` and `Bearer KEY`. Refusals are the plain-text Rails answer.
 * @param {string | undefined} header
 */
function keyFrom(header) {
	const m = /^(?:Token\s+token="?([^"\s]+)"?|Token\s+([^\s=]+)|Bearer\s+(\S+))\s*$/i.exec(
		header || '',
	);
	return m ? m[1] || m[2] || m[3] : null;
}

/** @type {import('../common/sim-server').PlatformSpec} */
const accredible = {
	name: 'accredible',
	envPrefix: 'ACCREDIBLE',
	defaultPort: 5701,
	// Accredible has no webhooks: nothing is ever emitted.
	webhookPolicy: { acceptedStatus: (status) => status >= 200 && status < 300 },
	createState: (ctx) => new AccredibleStore(ctx.options, ctx.ids, (id) => ctx.faults.created(id)),
	authenticate(req, ctx) {
		if (req.path.startsWith('/files/')) return null;
		if (keyFrom(req.headers.authorization) !== ctx.state.apiKey)
			return { status: 401, text: 'HTTP Token: Access denied.\n' };
		if (ctx.faults.config.tokenExpired)
			return { status: 401, body: { success: false, data: 'issuer_token not valid' } };
		return null;
	},
	errorReply(status, message) {
		if (status === 404) return { status, body: { errors: "Doesn't exist" } };
		// [inferred] the 429 body is not documented.
		if (status === 429) return { status, body: { errors: 'Too many requests' } };
		return { status, body: { errors: message } };
	},
	routes: accredibleRoutes,
	controlRoutes: (ctx) => [
		[
			'POST',
			'/__control/issuer',
			(req) => {
				const body = req.body || {};
				if (typeof body.certificate_left === 'number')
					ctx.state.issuer.certificate_left = body.certificate_left;
				return { status: 200, body: { issuer: ctx.state.issuer } };
			},
		],
	],
	issued(ctx) {
		const items = [...ctx.state.credentials.values()].map((c) => ({
			id: String(c.id),
			templateId: String(c.group_id),
			email: c.recipient.email,
			recipientId: c.recipient.id,
			approve: c.approve,
			expired_on: c.expired_on,
			deleted: c.deleted,
			created_at: c.created_at,
		}));
		return {
			items,
			duplicates: duplicatesBy(items, (i) => `${i.templateId}|${i.email.toLowerCase()}`),
		};
	},
	seed(ctx, body) {
		const added = [];
		for (const group of body.groups || []) added.push(ctx.state.addGroup(group));
		for (let i = 0; i < (body.generateGroups || 0); i++) {
			const n = ctx.state.groups.size + 1;
			added.push(ctx.state.addGroup({ id: 30000 + n, name: `generated-group-${n}` }));
		}
		if (typeof body.certificate_left === 'number')
			ctx.state.issuer.certificate_left = body.certificate_left;
		return { groups: added.map((g) => g.id), totalGroups: ctx.state.groups.size };
	},
	credentials: (ctx) => ({ apiKey: ctx.state.apiKey }),
};

/** @param {import('../common/sim-server').SimOptions} [options] */
const startAccredibleSimulator = (options) => startSimulator(accredible, options);

module.exports = { accredible, startAccredibleSimulator, start: startAccredibleSimulator, keyFrom };
