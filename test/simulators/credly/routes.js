'use strict';
const { page, parseFilter, sortBy } = require('./listing');

/** @typedef {import('../common/http-kit').SimRequest} SimRequest */
/** @typedef {import('../common/http-kit').SimResponse} SimResponse */

const ORG = '/v1/organizations/:org';
const message = (status, text) => ({ status, body: { data: { message: text }, metadata: {} } });

/**
 * Credly's Web Service API v1 as the facts sheet describes it.
 * @param {import('../common/sim-server').SimContext} ctx
 * @returns {Array<[string, string, (req: SimRequest) => SimResponse]>}
 */
function credlyRoutes(ctx) {
	const store = () => ctx.state;
	/** Runs `then` when the path names our organization. @param {SimRequest} req @param {() => SimResponse} then */
	const inOrg = (req, then) =>
		req.params.org === store().org.id ? then() : message(404, 'Organization not found');
	const badgeOr404 = (req, then) =>
		inOrg(req, () => {
			const badge = store().badges.get(req.params.id);
			return badge && !badge.deleted ? then(badge) : message(404, 'Badge not found');
		});
	const one = (data, status = 200) => ({ status, body: { data, metadata: {} } });
	const orgView = () => ({
		...store().org,
		webhook_url: ctx.webhooks.target ? ctx.webhooks.target.url : null,
	});

	return [
		[
			'GET',
			'/v1/organizations',
			() => page({ query: new URLSearchParams(), origin: '', path: '' }, [orgView()]),
		],
		['GET', ORG, (req) => inOrg(req, () => one(orgView()))],
		[
			'GET',
			`${ORG}/authorization_tokens`,
			(req) =>
				inOrg(req, () =>
					page(req, [
						{
							id: 'token-1',
							name: 'Integration token',
							read_enabled: true,
							write_enabled: true,
							delete_enabled: true,
							expires_at: store().tokenExpiresAt
								? new Date(store().tokenExpiresAt).toISOString()
								: null,
						},
					]),
				),
		],
		[
			'GET',
			`${ORG}/badge_templates`,
			(req) =>
				inOrg(req, () => {
					const filter = parseFilter(req.query.get('filter'));
					let templates = [...store().templates.values()];
					if (filter.state) templates = templates.filter((t) => t.state === filter.state);
					if (filter.name) templates = templates.filter((t) => t.name === filter.name);
					if (filter.query)
						templates = templates.filter((t) =>
							t.name.toLowerCase().includes(filter.query.toLowerCase()),
						);
					return page(req, sortBy(templates, req.query.get('sort')));
				}),
		],
		[
			'GET',
			`${ORG}/badge_templates/:id`,
			(req) =>
				inOrg(req, () => {
					const template = store().templates.get(req.params.id);
					return template ? one(template) : message(404, 'Badge template not found');
				}),
		],
		[
			'POST',
			`${ORG}/badges`,
			(req) =>
				inOrg(req, () => {
					const result = store().issue(req.body);
					// Created answers 201 with {data, metadata}.
					return result.badge
						? one(store().view(result.badge), 201)
						: message(result.status, result.message);
				}),
		],
		[
			'GET',
			`${ORG}/badges`,
			(req) =>
				inOrg(req, () => {
					const filter = parseFilter(req.query.get('filter'));
					// A lagging index may not list new badges yet.
					const visible = ctx.faults.searchView();
					let badges = [...store().badges.values()].filter((b) => !b.deleted && visible(b.id));
					if (filter.recipient_email_all)
						badges = badges.filter(
							(b) => b.recipient_email.toLowerCase() === filter.recipient_email_all.toLowerCase(),
						);
					if (filter.badge_template_id)
						badges = badges.filter((b) => b.badge_template.id === filter.badge_template_id);
					if (filter.state) badges = badges.filter((b) => b.state === filter.state);
					if (filter.query)
						badges = badges.filter((b) =>
							`${b.issued_to} ${b.recipient_email}`
								.toLowerCase()
								.includes(filter.query.toLowerCase()),
						);
					return page(
						req,
						sortBy(badges, req.query.get('sort')).map((b) => store().view(b)),
					);
				}),
		],
		// [inferred] a single-badge GET; the official clients list with filters instead.
		['GET', `${ORG}/badges/:id`, (req) => badgeOr404(req, (badge) => one(store().view(badge)))],
		[
			'PUT',
			`${ORG}/badges/:id/revoke`,
			(req) =>
				badgeOr404(req, (badge) => {
					// Some clients send the reason as a query parameter instead of the body.
					const body = req.body || {};
					const reason = body.reason || req.query.get('reason');
					if (!reason) return message(422, "reason can't be blank");
					// [inferred] the answer to a second revoke.
					if (badge.state === 'revoked') return message(422, 'Badge has already been revoked');
					store().changeState(badge, 'revoked', String(reason));
					return one(store().view(badge));
				}),
		],
		[
			'DELETE',
			`${ORG}/badges/:id`,
			(req) =>
				badgeOr404(req, (badge) => {
					badge.deleted = true;
					store().emit('badge.deleted', badge);
					return { status: 204 };
				}),
		],
		[
			'POST',
			`${ORG}/badges/:id/replace`,
			(req) =>
				badgeOr404(req, (old) => {
					const body = req.body || {};
					if (!body.badge_template_id || !body.issued_at)
						return message(422, "badge_template_id and issued_at can't be blank");
					// [inferred] a replaced badge cannot be replaced again.
					if (old.replacement_badge_id) return message(422, 'Badge has already been replaced');
					const result = store().issue(
						{
							recipient_email: old.recipient_email,
							issued_to_first_name: old.issued_to_first_name,
							issued_to_last_name: old.issued_to_last_name,
							issuer_earner_id: old.issuer_earner_id,
							...body,
						},
						old,
					);
					if (!result.badge) return message(result.status, result.message);
					old.replacement_badge_id = result.badge.id;
					old.updated_at = new Date().toISOString();
					return one(store().view(result.badge), 201);
				}),
		],
		['GET', `${ORG}/events`, (req) => inOrg(req, () => page(req, [...store().events.values()]))],
		[
			'GET',
			`${ORG}/events/:id`,
			(req) =>
				inOrg(req, () => {
					const event = store().events.get(req.params.id);
					return event ? one(event) : message(404, 'Event not found');
				}),
		],
	];
}

module.exports = { credlyRoutes };
