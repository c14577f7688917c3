'use strict';
const { compileFilter } = require('./filters');

/** @typedef {import('../common/http-kit').SimRequest} SimRequest */
/** @typedef {import('../common/http-kit').SimResponse} SimResponse */

const error = (status, code, message) => ({ status, body: { error: { code, message } } });
const validation = (message) => error(400, 'validation_error', message);

/** Cursor paging: limit default 20, at most 100; cursors are opaque offsets. [inferred] 400 above 100. */
function paginate(items, cursor, limitValue) {
	const limit = limitValue === undefined || limitValue === null ? 20 : Number(limitValue);
	if (!Number.isInteger(limit) || limit < 1 || limit > 100)
		return validation('limit must be a whole number from 1 to 100');
	let offset = 0;
	if (cursor) {
		offset = Number(Buffer.from(String(cursor), 'base64url').toString('utf8'));
		if (!Number.isInteger(offset) || offset < 0) return validation('cursor is invalid');
	}
	const encode = (n) => Buffer.from(String(n)).toString('base64url');
	return {
		status: 200,
		body: {
			data: items.slice(offset, offset + limit),
			pagination: {
				prev: offset > 0 ? encode(Math.max(0, offset - limit)) : null,
				next: offset + limit < items.length ? encode(offset + limit) : null,
			},
		},
	};
}

/**
 * Certifier's API v1 as the facts sheet describes it.
 * @param {import('../common/sim-server').SimContext} ctx
 * @returns {Array<[string, string, (req: SimRequest) => SimResponse]>}
 */
function certifierRoutes(ctx) {
	const store = () => ctx.state;
	const credentialOr404 = (req, then) => {
		const credential = store().live(req.params.id);
		return credential ? then(credential) : error(404, 'not_found', 'Credential not found');
	};
	const live = () => [...store().credentials.values()].filter((c) => !c.deleted);
	// What one search or list request shows: a lagging index may not have new credentials yet.
	const searchable = () => {
		const visible = ctx.faults.searchView();
		return live().filter((c) => visible(c.id));
	};
	const create = (body, status) => {
		const problem = store().invalid(body || {}, true);
		return problem ? validation(problem) : { credential: store().create(body), status };
	};
	const issue = (credential) => {
		credential.status = 'issued';
		credential.updatedAt = new Date().toISOString();
		store().emit('credential.issued', credential);
	};
	const send = (credential, body) => {
		if (!body || body.deliveryMethod !== 'email')
			return validation('deliveryMethod must be "email"');
		if (credential.status !== 'issued')
			return error(409, 'conflict', 'Only issued credentials can be sent');
		if (!credential.recipient.email)
			return validation('recipient.email is required to send by email');
		credential.sentCount += 1;
		return null;
	};

	return [
		['GET', '/v1/workspace', () => ({ status: 200, body: { ...store().workspace } })],
		[
			'GET',
			'/v1/groups',
			(req) =>
				paginate([...store().groups.values()], req.query.get('cursor'), req.query.get('limit')),
		],
		[
			'GET',
			'/v1/groups/:id',
			(req) => {
				const group = store().groups.get(req.params.id);
				return group ? { status: 200, body: group } : error(404, 'not_found', 'Group not found');
			},
		],
		// A bare array, not wrapped in data.
		['GET', '/v1/attributes', () => ({ status: 200, body: store().attributes })],
		[
			'POST',
			'/v1/credentials',
			(req) => {
				const result = create(req.body, 201);
				return result.credential ? { status: 201, body: store().view(result.credential) } : result;
			},
		],
		[
			'POST',
			'/v1/credentials/create-issue-send',
			(req) => {
				const result = create(req.body, 201);
				if (!result.credential) return result;
				issue(result.credential);
				if (result.credential.recipient.email) send(result.credential, { deliveryMethod: 'email' });
				// [inferred] status code of the one-call form: 201 like create.
				return { status: 201, body: store().view(result.credential) };
			},
		],
		[
			'POST',
			'/v1/credentials/search',
			(req) => {
				const body = req.body || {};
				let test;
				try {
					test = compileFilter(body.filter);
				} catch (e) {
					return validation(String(/** @type {Error} */ (e).message));
				}
				let hits = searchable()
					.map((c) => store().view(c))
					.filter(test);
				const sort = body.sort || { property: 'createdAt', order: 'desc' };
				hits = hits.sort(
					(a, b) =>
						(a[sort.property] < b[sort.property]
							? -1
							: a[sort.property] > b[sort.property]
								? 1
								: 0) * (sort.order === 'asc' ? 1 : -1),
				);
				return paginate(hits, body.cursor, body.limit);
			},
		],
		[
			'GET',
			'/v1/credentials',
			(req) =>
				paginate(
					searchable().map((c) => store().view(c)),
					req.query.get('cursor'),
					req.query.get('limit'),
				),
		],
		[
			'GET',
			'/v1/credentials/:id',
			(req) => credentialOr404(req, (c) => ({ status: 200, body: store().view(c) })),
		],
		[
			'PATCH',
			'/v1/credentials/:id',
			(req) =>
				credentialOr404(req, (c) => {
					const problem = store().invalid(req.body || {}, false);
					if (problem) return validation(problem);
					store().update(c, req.body || {});
					return { status: 200, body: store().view(c) };
				}),
		],
		[
			'DELETE',
			'/v1/credentials/:id',
			(req) =>
				credentialOr404(req, (c) => {
					c.deleted = true;
					store().emit('credential.deleted', c);
					return { status: 204 };
				}),
		],
		[
			'POST',
			'/v1/credentials/:id/issue',
			(req) =>
				credentialOr404(req, (c) => {
					// [inferred] the refusal for a credential that is not a draft.
					if (c.status !== 'draft')
						return error(409, 'conflict', 'Only draft credentials can be issued');
					issue(c);
					return { status: 200, body: store().view(c) };
				}),
		],
		[
			'POST',
			'/v1/credentials/:id/send',
			(req) =>
				credentialOr404(req, (c) => send(c, req.body) || { status: 200, body: store().view(c) }),
		],
		[
			'GET',
			'/v1/credentials/:id/designs',
			(req) =>
				credentialOr404(req, (c) => ({
					status: 200,
					body: [
						{
							id: store().groups.get(c.groupId)?.certificateDesignId || 'design',
							name: 'Certificate',
							previews: ['png', 'pdf'].map((format) => ({
								format,
								url: `https://cdn.certifier.io/${store().workspace.id}/credentials/${c.id}/designs/certificate/${c.updatedAt.replace(/\D/g, '')}.${format}`,
							})),
						},
					],
				})),
		],
		[
			'POST',
			'/v1/credential-interactions',
			(req) => {
				const body = req.body || {};
				const credential = store().live(String(body.credentialId));
				if (!credential) return error(404, 'not_found', 'Credential not found');
				return {
					status: 201,
					body: interaction(store(), credential, String(body.eventType || 'credential_viewed')),
				};
			},
		],
	];
}

/** Records a recipient interaction and emits credential.viewed / .shared / .downloaded. */
function interaction(store, credential, eventType) {
	const record = {
		id: store.ids.ulid(),
		eventType,
		triggeredAt: new Date().toISOString(),
		triggeredBy: 'recipient',
		credentialId: credential.id,
	};
	const type = `credential.${eventType.replace(/^credential_/, '')}`;
	store.emit(type, credential, {
		credential: store.view(credential),
		credentialInteraction: record,
	});
	return record;
}

module.exports = { certifierRoutes, interaction };
