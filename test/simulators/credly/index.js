'use strict';
const { duplicatesBy, startSimulator } = require('../common/sim-server');
const { credlyRoutes } = require('./routes');
const { CredlyStore } = require('./store');

const message = (status, text) => ({ status, body: { data: { message: text }, metadata: {} } });

/**
 * Basic with the token as user name. Real clients send `token:`, bare `token` or `token|`:
 * decode, drop the password part and a trailing separator, compare. Bearer (OAuth) also works.
 * @param {string | undefined} header
 */
function tokenFrom(header) {
	const basic = /^Basic\s+(\S+)$/i.exec(header || '');
	if (basic)
		return Buffer.from(basic[1], 'base64').toString('utf8').split(':')[0].replace(/\|$/, '');
	const bearer = /^Bearer\s+(\S+)$/i.exec(header || '');
	return bearer ? bearer[1] : null;
}

/** @type {import('../common/sim-server').PlatformSpec} */
const credly = {
	name: 'credly',
	envPrefix: 'CREDLY',
	defaultPort: 5702,
	// Unsigned; anything but a 200 is delivered again.
	webhookPolicy: { acceptedStatus: (status) => status === 200 },
	createState: (ctx) =>
		new CredlyStore(ctx.options, ctx.ids, ctx.webhooks, (id) => ctx.faults.created(id)),
	authenticate(req, ctx) {
		if (tokenFrom(req.headers.authorization) !== ctx.state.token)
			return message(401, 'Unauthorized');
		const expiredAt = ctx.state.tokenExpiresAt;
		// [inferred] the text of an expired-token refusal is not documented.
		if (ctx.faults.config.tokenExpired || (expiredAt !== null && Date.now() >= expiredAt)) {
			return message(401, 'Authorization token has expired');
		}
		return null;
	},
	// [inferred] Credly's 429 and 5xx bodies are not documented; they follow its error envelope.
	errorReply: (status, text) => message(status, status === 404 ? 'Not found' : text),
	routes: credlyRoutes,
	controlRoutes: (ctx) => [
		// Recipient actions: accept or reject a pending badge (emits badge.state.changed).
		[
			'POST',
			'/__control/badges/:id/state',
			(req) => {
				const badge = ctx.state.badges.get(req.params.id);
				const state = req.body && req.body.state;
				if (!badge || badge.deleted) return { status: 404, body: { error: 'no such badge' } };
				if (!['accepted', 'rejected', 'pending', 'expired'].includes(state))
					return {
						status: 400,
						body: { error: 'state must be accepted, rejected, pending or expired' },
					};
				ctx.state.changeState(badge, state);
				return { status: 200, body: { data: ctx.state.view(badge) } };
			},
		],
		// The token's lifetime: {expiresAt: ISO date | null}.
		[
			'POST',
			'/__control/token',
			(req) => {
				const at = req.body && req.body.expiresAt;
				ctx.state.tokenExpiresAt = at ? Date.parse(at) : null;
				return { status: 200, body: { expiresAt: at || null } };
			},
		],
	],
	issued(ctx) {
		const items = [...ctx.state.badges.values()].map((b) => ({
			id: b.id,
			templateId: b.badge_template.id,
			email: b.recipient_email,
			earnerId: b.issuer_earner_id,
			state: b.state,
			deleted: b.deleted,
			replacedBy: b.replacement_badge_id,
			replaces: b.replaces_badge_id,
			created_at: b.created_at,
		}));
		// A replacement is the same earner on purpose: only the current badge of a chain counts.
		const counted = items.filter((i) => !i.replacedBy);
		return {
			items,
			duplicates: duplicatesBy(counted, (i) => `${i.templateId}|${i.email.toLowerCase()}`),
		};
	},
	seed(ctx, body) {
		const added = [];
		for (const template of body.templates || []) added.push(ctx.state.addTemplate(template));
		for (let i = 0; i < (body.generateTemplates || 0); i++) {
			const n = ctx.state.templates.size + 1;
			added.push(
				ctx.state.addTemplate({
					name: `Generated Template ${String(n).padStart(3, '0')}`,
					state: body.generatedState || 'active',
				}),
			);
		}
		return { templates: added.map((t) => t.id), totalTemplates: ctx.state.templates.size };
	},
	credentials: (ctx) => ({ apiKey: ctx.state.token, organizationId: ctx.state.org.id }),
};

/** @param {import('../common/sim-server').SimOptions} [options] */
const startCredlySimulator = (options) => startSimulator(credly, options);

module.exports = { credly, startCredlySimulator, start: startCredlySimulator, tokenFrom };
