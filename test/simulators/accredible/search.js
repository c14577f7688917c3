'use strict';
// POST /v2/credentials/search: query fields with [eq|in|lt|gt|lte|gte] suffixes, offset or
// cursor paging (offset capped at 10,000), and Accredible's 400 invalid_search_query body.

const FIELDS = {
	uuid: (c) => c.uuid,
	'group.id': (c) => c.group_id,
	recipient_name: (c) => c.recipient.name,
	approve: (c) => c.approve,
	// [inferred] emails are compared case-insensitively, as the official plugins expect.
	recipient_email: (c) => c.recipient.email.toLowerCase(),
	recipient_id: (c) => c.recipient.id,
	license_id: (c) => c.license_id,
	issued_on: (c) => c.issued_on,
	expired_on: (c) => c.expired_on,
	updated_at: (c) => c.updated_at,
	created_at: (c) => c.created_at,
	meta_data: (c) => c.meta_data || {},
	recipient_meta_data: (c) => c.recipient.meta_data || {},
	custom_attributes: (c) => c.custom_attributes || {},
};

const OPS = {
	eq: (actual, wanted) =>
		isObject(wanted) ? subset(actual, wanted) : normalise(actual) === normalise(wanted),
	in: (actual, wanted) =>
		Array.isArray(wanted) && wanted.some((w) => normalise(actual) === normalise(w)),
	lt: (actual, wanted) => actual !== null && actual < wanted,
	gt: (actual, wanted) => actual !== null && actual > wanted,
	lte: (actual, wanted) => actual !== null && actual <= wanted,
	gte: (actual, wanted) => actual !== null && actual >= wanted,
};

const MAX_OFFSET = 10000;

/** @param {string} message */
const invalid = (message) => ({
	status: 400,
	body: { code: 400, message, status: 'invalid_search_query', errors: {} },
});

/**
 * @param {Array<Record<string, any>>} credentials live credentials
 * @param {any} body
 * @param {(c: Record<string, any>) => object} shape
 */
function searchCredentials(credentials, body, shape) {
	if (!body || typeof body !== 'object' || !isObject(body.query))
		return invalid('query is required');
	/** @type {Array<(c: Record<string, any>) => boolean>} */
	const tests = [];
	for (const [key, wanted] of Object.entries(body.query)) {
		const m = /^([\w.]+)(?:\[(\w+)\])?$/.exec(key);
		const field = m && FIELDS[m[1]];
		const op = m && OPS[m[2] || 'eq'];
		if (!field) return invalid(`Field ${key} is not supported`);
		if (!op) return invalid(`Operation ${m[2]} is not supported`);
		const value = m[1] === 'recipient_email' ? lower(wanted) : wanted;
		tests.push((c) => op(field(c), value));
	}
	let hits = credentials.filter((c) => tests.every((test) => test(c)));
	const sort = isObject(body.sort) ? Object.entries(body.sort)[0] : ['id', 'asc'];
	if (sort) {
		const [field, order] = sort;
		if (order !== 'asc' && order !== 'desc') return invalid(`Sort order ${order} is not supported`);
		const get = FIELDS[field] || ((c) => c[field]);
		hits = hits.slice().sort((a, b) => compare(get(a), get(b)) * (order === 'desc' ? -1 : 1));
	}
	const page = isObject(body.page) ? body.page : {};
	// [inferred] default 50 as in the examples; the cap of 100 is a guess.
	const size = Math.min(Number.isInteger(page.size) && page.size > 0 ? page.size : 50, 100);
	let from = Number.isInteger(page.from) && page.from >= 0 ? page.from : 0;
	if (page.cursor !== undefined) {
		const offset = decodeCursor(page.cursor);
		if (offset === null) return invalid('Invalid cursor');
		from = offset;
	} else if (from + size > MAX_OFFSET) {
		return invalid('Offset pagination is limited to 10000 results, use a cursor');
	}
	const slice = hits.slice(from, from + size);
	const more = from + size < hits.length;
	return {
		status: 200,
		body: {
			credentials: slice.map(shape),
			meta: {
				count: hits.length,
				from,
				size,
				cursor: more ? Buffer.from(JSON.stringify([from + size])).toString('base64') : null,
			},
		},
	};
}

/** @param {unknown} cursor */
function decodeCursor(cursor) {
	try {
		const [offset] = JSON.parse(Buffer.from(String(cursor), 'base64').toString('utf8'));
		return Number.isInteger(offset) && offset >= 0 ? offset : null;
	} catch {
		return null;
	}
}

const isObject = (v) => typeof v === 'object' && v !== null && !Array.isArray(v);
const lower = (v) =>
	Array.isArray(v) ? v.map(lower) : typeof v === 'string' ? v.toLowerCase() : v;
const normalise = (v) => (v === null || v === undefined ? null : String(v));
const subset = (actual, wanted) =>
	Object.entries(wanted).every(([k, v]) => actual && String(actual[k]) === String(v));
const compare = (a, b) =>
	a === b
		? 0
		: a === null || a === undefined
			? -1
			: b === null || b === undefined
				? 1
				: a < b
					? -1
					: 1;

module.exports = { searchCredentials };
