'use strict';
const { duplicatesBy, startSimulator } = require('../common/sim-server');
const { certifierRoutes, interaction } = require('./routes');
const { SAMPLE_WEBHOOK_SECRET } = require('./sample-data');
const { CertifierStore } = require('./store');

const VERSION = '2022-10-26';
const error = (status, code, message) => ({ status, body: { error: { code, message } } });

/** @type {import('../common/sim-server').PlatformSpec} */
const certifier = {
	name: 'certifier',
	envPrefix: 'CERTIFIER',
	defaultPort: 5703,
	// Signed: X-Webhook-Signature = hex HMAC-SHA256 of the raw body with the webhook secret.
	webhookPolicy: {
		signatureHeader: 'x-webhook-signature',
		acceptedStatus: (status) => status >= 200 && status < 300,
	},
	createState: (ctx) =>
		new CertifierStore(ctx.options, ctx.ids, ctx.webhooks, (id) => ctx.faults.created(id)),
	authenticate(req, ctx) {
		// The version header is required on every request.
		const version = req.headers['certifier-version'];
		if (version === undefined)
			return error(400, 'missing_version', 'The Certifier-Version header is required');
		if (version !== VERSION)
			return error(400, 'invalid_version', `Certifier-Version "${version}" is not supported`);
		const bearer = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization || '');
		if (!bearer || bearer[1] !== ctx.state.token)
			return error(401, 'unauthorized', 'Invalid access token');
		if (ctx.faults.config.tokenExpired)
			return error(401, 'unauthorized', 'The access token has expired');
		return null;
	},
	errorReply(status, message, code) {
		if (status === 429) return error(429, 'rate_limited', 'You have exceeded the rate limit');
		if (status >= 500)
			return error(status, 'internal_server_error', "There was a problem on Certifier's end");
		if (status === 404) return error(404, 'not_found', 'Not found');
		if (code === 'invalid_json') return error(400, 'invalid_json', message);
		return error(status, code || 'validation_error', message);
	},
	routes: certifierRoutes,
	controlRoutes: (ctx) => [
		// Recipient interactions without a wallet: {type: viewed | shared | downloaded}.
		[
			'POST',
			'/__control/credentials/:id/interactions',
			(req) => {
				const credential = ctx.state.live(req.params.id);
				if (!credential) return { status: 404, body: { error: 'no such credential' } };
				const type = (req.body && req.body.type) || 'viewed';
				if (!['viewed', 'shared', 'downloaded'].includes(type))
					return { status: 400, body: { error: 'type must be viewed, shared or downloaded' } };
				return { status: 200, body: interaction(ctx.state, credential, `credential_${type}`) };
			},
		],
	],
	issued(ctx) {
		const items = [...ctx.state.credentials.values()].map((c) => ({
			id: c.id,
			templateId: c.groupId,
			email: c.recipient.email || '',
			status: ctx.state.status(c),
			sentCount: c.sentCount,
			deleted: c.deleted,
			createdAt: c.createdAt,
		}));
		return {
			items,
			duplicates: duplicatesBy(items, (i) => `${i.templateId}|${i.email.toLowerCase()}`),
		};
	},
	seed(ctx, body) {
		const added = [];
		for (const group of body.groups || []) added.push(ctx.state.addGroup(group));
		for (let i = 0; i < (body.generateGroups || 0); i++)
			added.push(ctx.state.addGroup({ name: `Generated Group ${ctx.state.groups.size + 1}` }));
		for (const attribute of body.attributes || [])
			ctx.state.attributes.push({ isDefault: false, ...attribute });
		return { groups: added.map((g) => g.id), totalGroups: ctx.state.groups.size };
	},
	credentials: (ctx) => ({
		apiKey: ctx.state.token,
		webhookSecret: ctx.options.webhookSecret || SAMPLE_WEBHOOK_SECRET,
	}),
};

/** @param {import('../common/sim-server').SimOptions} [options] */
const startCertifierSimulator = (options) =>
	startSimulator(certifier, { webhookSecret: SAMPLE_WEBHOOK_SECRET, ...options });

module.exports = { certifier, startCertifierSimulator, start: startCertifierSimulator, VERSION };
