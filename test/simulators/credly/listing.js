'use strict';
// Credly list conventions: filter=key::value|key::value, sort=key|-key, 50 per page, and
// metadata with absolute previous/next page URLs.

const PER_PAGE = 50;

/** @param {string | null} text @returns {Record<string, string>} */
function parseFilter(text) {
	/** @type {Record<string, string>} */
	const out = {};
	for (const part of (text || '').split('|')) {
		const at = part.indexOf('::');
		if (at > 0) out[part.slice(0, at)] = part.slice(at + 2);
	}
	return out;
}

/** @param {Array<Record<string, any>>} items @param {string | null} sort */
function sortBy(items, sort) {
	const keys = (sort || '').split('|').filter(Boolean);
	if (keys.length === 0) return items;
	return items.slice().sort((a, b) => {
		for (const key of keys) {
			const desc = key.startsWith('-');
			const field = desc ? key.slice(1) : key;
			const x = a[field];
			const y = b[field];
			if (x === y) continue;
			const order =
				x === null || x === undefined
					? -1
					: y === null || y === undefined
						? 1
						: String(x).localeCompare(String(y));
			return desc ? -order : order;
		}
		return 0;
	});
}

/**
 * One page of a list answer, {data, metadata}.
 * @param {import('../common/http-kit').SimRequest} req @param {any[]} items
 */
function page(req, items) {
	const current = Math.max(1, Number.parseInt(req.query.get('page') || '1', 10) || 1);
	const totalPages = Math.max(1, Math.ceil(items.length / PER_PAGE));
	const data = items.slice((current - 1) * PER_PAGE, current * PER_PAGE);
	const link = (n) => {
		const query = new URLSearchParams(req.query);
		query.set('page', String(n));
		return `${req.origin}${req.path}?${query.toString()}`;
	};
	return {
		status: 200,
		body: {
			data,
			metadata: {
				count: data.length,
				current_page: current,
				total_count: items.length,
				total_pages: totalPages,
				per: PER_PAGE,
				previous_page_url: current > 1 ? link(current - 1) : null,
				next_page_url: current < totalPages ? link(current + 1) : null,
			},
		},
	};
}

module.exports = { PER_PAGE, parseFilter, sortBy, page };
