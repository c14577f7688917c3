'use strict';
const { positiveInt } = require('../common/http-kit');
const { searchCredentials } = require('./search');

/** @typedef {import('../common/http-kit').SimRequest} SimRequest */

const notFound = () => ({ status: 404, body: { errors: "Doesn't exist" } });

/**
 * Accredible's API as the facts sheet describes it.
 * @param {import('../common/sim-server').SimContext} ctx
 * @returns {Array<[string, string, (req: SimRequest) => import('../common/http-kit').SimResponse]>}
 */
function accredibleRoutes(ctx) {
	const store = () => ctx.state;
	const live = () => [...store().credentials.values()].filter((c) => !c.deleted);
	// What one search or list request shows: a lagging index may not have new credentials yet.
	const searchable = () => {
		const visible = ctx.faults.searchView();
		return live().filter((c) => visible(c.id));
	};
	const credentialOr404 = (id, then) => {
		const credential = store().liveCredential(id);
		return credential ? then(credential) : notFound();
	};
	/** v1 page meta. @param {number} page @param {number} size @param {number} total */
	const meta = (page, size, total) => {
		const pages = Math.max(1, Math.ceil(total / size));
		return {
			current_page: page,
			next_page: page < pages ? page + 1 : null,
			prev_page: page > 1 ? page - 1 : null,
			total_pages: pages,
			total_count: total,
		};
	};
	const groupPage = (groups, page, size) => ({
		status: 200,
		body: {
			groups: groups.slice((page - 1) * size, page * size),
			meta: meta(page, size, groups.length),
		},
	});

	return [
		['GET', '/v1/issuer/details', () => ({ status: 200, body: { issuer: { ...store().issuer } } })],
		[
			'POST',
			'/v1/issuer/groups/search',
			(req) => {
				const body = req.body || {};
				let groups = [...store().groups.values()];
				if (typeof body.name === 'string')
					groups = groups.filter((g) => g.name.toLowerCase().includes(body.name.toLowerCase()));
				if (typeof body.course_name === 'string')
					groups = groups.filter((g) =>
						(g.course_name || '').toLowerCase().includes(body.course_name.toLowerCase()),
					);
				if (Array.isArray(body.ids))
					groups = groups.filter((g) => body.ids.map(Number).includes(g.id));
				return groupPage(groups, positiveInt(body.page, 1), positiveInt(body.page_size, 50));
			},
		],
		[
			'GET',
			'/v1/issuer/all_groups',
			(req) =>
				groupPage(
					[...store().groups.values()],
					positiveInt(req.query.get('page'), 1),
					positiveInt(req.query.get('page_size'), 50),
				),
		],
		[
			'GET',
			'/v1/issuer/groups/:id',
			(req) => {
				const group = store().findGroup(req.params.id);
				return group ? { status: 200, body: { group } } : notFound();
			},
		],
		[
			'POST',
			'/v1/credentials',
			(req) => {
				const result = store().create(req.body && req.body.credential);
				if (!result.credential) return { status: result.status, body: { errors: result.errors } };
				// Accredible answers 200 (not 201) to a create.
				return { status: 200, body: { credential: store().v1(result.credential) } };
			},
		],
		[
			'GET',
			'/v1/credentials/:id',
			(req) =>
				credentialOr404(req.params.id, (c) => ({
					status: 200,
					body: { credential: store().v1(c) },
				})),
		],
		...['PUT', 'PATCH'].map(
			(method) =>
				/** @type {[string, string, (req: SimRequest) => any]} */ ([
					method,
					'/v1/credentials/:id',
					(req) =>
						credentialOr404(req.params.id, (c) => {
							const result = store().update(c, (req.body && req.body.credential) || {});
							return result.credential
								? { status: 200, body: { credential: store().v1(c) } }
								: { status: result.status, body: { errors: result.errors } };
						}),
				]),
		),
		[
			'DELETE',
			'/v1/credentials/:id',
			(req) =>
				credentialOr404(req.params.id, (c) => {
					c.deleted = true;
					return { status: 200, body: { credential: store().v1(c) } };
				}),
		],
		[
			'POST',
			'/v2/credentials/search',
			(req) => searchCredentials(searchable(), req.body, (c) => store().v2(c)),
		],
		[
			'GET',
			'/v1/all_credentials',
			(req) => {
				const groupId = Number(req.query.get('group_id'));
				const email = (req.query.get('email') || '').toLowerCase();
				const hits = searchable().filter(
					(c) =>
						(!groupId || c.group_id === groupId) &&
						(!email || c.recipient.email.toLowerCase() === email),
				);
				const page = positiveInt(req.query.get('page'), 1);
				const size = positiveInt(req.query.get('page_size'), 50);
				return {
					status: 200,
					body: {
						credentials: hits.slice((page - 1) * size, page * size).map((c) => store().v1(c)),
						meta: meta(page, size, hits.length),
					},
				};
			},
		],
		['POST', '/v2/credentials/bulk_create', (req) => bulkCreate(store(), req.body)],
		[
			'POST',
			'/v1/credentials/generate_single_pdf/:id',
			(req) =>
				credentialOr404(req.params.id, (c) =>
					// [inferred] body of the refusal: the endpoint documents that it needs a published credential.
					c.approve
						? { status: 200, body: { file: `${req.origin}/files/pdf/${c.id}.pdf` } }
						: { status: 422, body: { errors: 'Credential must be published to generate a PDF' } },
				),
		],
		[
			'GET',
			'/files/pdf/:file',
			(req) => {
				const id = req.params.file.replace(/\.pdf$/, '');
				return store().liveCredential(id)
					? {
							status: 200,
							text: minimalPdf(`Credential ${id}`),
							headers: { 'content-type': 'application/pdf' },
						}
					: notFound();
			},
		],
		[
			'POST',
			'/v1/attribute_keys/search',
			(req) => {
				const body = req.body || {};
				const keys = store().attributeKeys.filter((k) => !body.kind || k.kind === body.kind);
				const page = positiveInt(body.page, 1);
				const size = positiveInt(body.page_size, 50);
				return {
					status: 200,
					body: {
						attribute_keys: keys.slice((page - 1) * size, page * size),
						meta: meta(page, size, keys.length),
					},
				};
			},
		],
	];
}

/**
 * v2 bulk create: at most 30; 200 when all succeed, 207 on mixed results, 422 when all fail.
 * Results in input order [inferred]. Out of credits: created, unpublished, flagged per entry.
 */
function bulkCreate(store, body) {
	const items = body && Array.isArray(body.credentials) ? body.credentials : null;
	if (!items || items.length === 0)
		return { status: 422, body: { errors: 'credentials must be a non-empty list' } };
	if (items.length > 30)
		return { status: 422, body: { errors: 'Each request can accommodate up to 30 credentials' } };
	let failed = 0;
	const results = items.map((item) => {
		const result = store.create(item);
		if (!result.credential) {
			failed += 1;
			const details =
				typeof result.errors === 'string'
					? [{ property: 'credential', message: result.errors }]
					: Object.entries(result.errors).map(([property, messages]) => ({
							property,
							message: messages.join(', '),
						}));
			return {
				error: { code: 'credential_invalid', message: 'The credential is not valid', details },
			};
		}
		const entry = { credential: store.v1(result.credential) };
		if (!result.credential.approve && item.approve !== false) {
			return {
				...entry,
				error: {
					code: 'insufficient_credits',
					message: 'The credential was created but not published.',
				},
			};
		}
		return entry;
	});
	const flagged = results.filter((r) => r.error).length;
	return { status: failed === items.length ? 422 : flagged > 0 ? 207 : 200, body: { results } };
}

/** A one-page PDF, enough for a download link to open. @param {string} title */
function minimalPdf(title) {
	const text = title.replace(/[()\\]/g, '');
	return `%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Contents 4 0 R/Resources<</Font<</F1 5 0 R>>>>>>endobj\n4 0 obj<</Length ${44 + text.length}>>stream\nBT /F1 24 Tf 72 760 Td (${text}) Tj ET\nendstream endobj\n5 0 obj<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n`;
}

module.exports = { accredibleRoutes };
