'use strict';
const { prng } = require('./ids');

/**
 * Injected failures, set through POST /__control/faults.
 *
 * Error kinds (what a client sees, and whether the work was done):
 *   500 / 503      an error answer; nothing done
 *   reset          connection dropped before processing; nothing done
 *   timeout        held past the client's timeout, then dropped; nothing done
 *   500-after      processed, then answered 500 (the client cannot know it worked)
 *   timeout-after  processed, then held and dropped: a lost answer, the classic duplicate maker
 *   reset-after    processed, then the connection dropped at once: a lost answer, without the wait
 *
 * Search lag (`searchLag`): a credential created while it is set stays out of search and list
 * answers for `ms` real milliseconds and for the next `calls` search or list requests, as an
 * eventually consistent search index would; reading it by id sees it at once. None of the three
 * platforms documents its search's delay: this models the usual behaviour of search indexes
 * (Accredible's v2 search pages like Elasticsearch), it is not a published figure.
 *
 * @typedef {'500' | '503' | 'reset' | 'timeout' | '500-after' | 'timeout-after' | 'reset-after'} ErrorKind
 * @typedef {{ method?: string | string[], path?: string, pathEndsWith?: string }} Match   path: a substring
 * @typedef {object} FaultConfig
 * @property {{ limit: number, windowMs: number } | null} rateLimit  windowMs in platform time
 * @property {number} timeScale      platform ms per real ms (rate windows and Retry-After only)
 * @property {number} errorRate      0..1, chance that a matching request fails
 * @property {ErrorKind[]} errorKinds
 * @property {Match | null} match    which requests errorRate applies to (default all)
 * @property {number} latencyMs      added before every request (real ms)
 * @property {number} holdMs         how long timeout kinds hold before dropping (real ms)
 * @property {{ from: number, until: number, mode: 'reset' | '503' } | null} outage
 * @property {boolean} tokenExpired  every authenticated call answers 401 (expired token)
 * @property {{ ms?: number, calls?: number } | null} searchLag  see above
 * @property {number} seed
 */

/** @returns {FaultConfig} */
function defaults() {
	return {
		rateLimit: null,
		timeScale: 1,
		errorRate: 0,
		errorKinds: ['500'],
		match: null,
		latencyMs: 0,
		holdMs: 1000,
		outage: null,
		tokenExpired: false,
		searchLag: null,
		seed: 1,
	};
}

const KINDS = new Set([
	'500',
	'503',
	'reset',
	'timeout',
	'500-after',
	'timeout-after',
	'reset-after',
]);

class Faults {
	constructor(timeScale = 1) {
		this.baseTimeScale = timeScale;
		this.reset();
	}

	reset() {
		/** @type {FaultConfig} */
		this.config = { ...defaults(), timeScale: this.baseTimeScale };
		/** @type {Array<{ kind: ErrorKind, match?: Match }>} */
		this.failNext = [];
		this.random = prng(this.config.seed);
		this.origin = Date.now();
		this.window = { index: -1, count: 0 };
		/** @type {Map<string, { until: number, searchesLeft: number }>} created, not yet searchable */
		this.unindexed = new Map();
	}

	/**
	 * Merges a patch; `outage: {startsInMs, durationMs, mode}` is turned into real timestamps,
	 * `failNext: [{kind, match}]` queues deterministic failures. Throws on unknown kinds.
	 * @param {Record<string, any>} patch
	 */
	configure(patch) {
		const next = { ...this.config };
		for (const key of [
			'rateLimit',
			'timeScale',
			'errorRate',
			'errorKinds',
			'match',
			'latencyMs',
			'holdMs',
			'tokenExpired',
			'searchLag',
			'seed',
		]) {
			if (key in patch) next[key] = patch[key];
		}
		checkSearchLag(next.searchLag);
		for (const kind of next.errorKinds)
			if (!KINDS.has(kind)) throw new Error(`unknown error kind "${kind}"`);
		if ('outage' in patch) {
			const o = patch.outage;
			next.outage = o
				? {
						from: Date.now() + (o.startsInMs || 0),
						until: Date.now() + (o.startsInMs || 0) + o.durationMs,
						mode: o.mode || 'reset',
					}
				: null;
		}
		if (Array.isArray(patch.failNext)) {
			for (const item of patch.failNext)
				if (!KINDS.has(item.kind)) throw new Error(`unknown error kind "${item.kind}"`);
			this.failNext.push(...patch.failNext);
		}
		if ('seed' in patch) this.random = prng(next.seed);
		if ('rateLimit' in patch || 'timeScale' in patch) {
			this.origin = Date.now();
			this.window = { index: -1, count: 0 };
		}
		this.config = next;
	}

	view() {
		return { ...this.config, failNext: this.failNext };
	}

	/** @param {{ method: string, path: string }} req */
	inOutage() {
		const o = this.config.outage;
		const now = Date.now();
		return o && now >= o.from && now < o.until ? o.mode : null;
	}

	/**
	 * Counts the request in the current fixed window; returns the Retry-After seconds (platform
	 * time) when the window is full, else null. Refused requests do not count.
	 */
	takeRateSlot() {
		const limit = this.config.rateLimit;
		if (!limit) return null;
		const platformElapsed = (Date.now() - this.origin) * this.config.timeScale;
		const index = Math.floor(platformElapsed / limit.windowMs);
		if (index !== this.window.index) this.window = { index, count: 0 };
		if (this.window.count >= limit.limit) {
			const leftMs = (index + 1) * limit.windowMs - platformElapsed;
			return Math.max(1, Math.ceil(leftMs / 1000));
		}
		this.window.count += 1;
		return null;
	}

	/**
	 * A credential was created: while searchLag is set it stays out of search answers for a while.
	 * @param {string | number} id
	 */
	created(id) {
		const lag = this.config.searchLag;
		if (!lag) return;
		this.unindexed.set(String(id), {
			until: Date.now() + (lag.ms || 0),
			searchesLeft: lag.calls || 0,
		});
	}

	/**
	 * Called once per search or list request: tells which credentials that request may show, and
	 * counts the request against every credential still waiting to become searchable.
	 * @returns {(id: string | number) => boolean}
	 */
	searchView() {
		const now = Date.now();
		/** @type {Set<string>} */
		const hidden = new Set();
		for (const [id, entry] of this.unindexed) {
			if (now >= entry.until && entry.searchesLeft <= 0) {
				this.unindexed.delete(id);
				continue;
			}
			hidden.add(id);
			entry.searchesLeft -= 1;
		}
		return (id) => !hidden.has(String(id));
	}

	/** @param {{ method: string, path: string }} req @returns {ErrorKind | null} */
	pickError(req) {
		const queued = this.failNext.findIndex((item) => matches(item.match, req));
		if (queued >= 0) return this.failNext.splice(queued, 1)[0].kind;
		const { errorRate, errorKinds, match } = this.config;
		if (errorRate <= 0 || !matches(match, req)) return null;
		if (this.random() >= errorRate) return null;
		return errorKinds[Math.floor(this.random() * errorKinds.length)];
	}
}

/** @param {unknown} lag */
function checkSearchLag(lag) {
	if (lag === null || lag === undefined) return;
	const value = /** @type {Record<string, unknown>} */ (lag);
	if (typeof lag !== 'object' || Array.isArray(lag))
		throw new Error('searchLag must be {ms?, calls?} or null');
	for (const key of Object.keys(value)) {
		if (key !== 'ms' && key !== 'calls')
			throw new Error(`searchLag.${key} is not known (ms, calls)`);
		const n = value[key];
		if (typeof n !== 'number' || !Number.isInteger(n) || n < 0)
			throw new Error(`searchLag.${key} must be a whole number, 0 or more`);
	}
}

/** @param {Match | null | undefined} match @param {{ method: string, path: string }} req */
function matches(match, req) {
	if (!match) return true;
	if (match.method) {
		const methods = Array.isArray(match.method) ? match.method : [match.method];
		if (!methods.includes(req.method)) return false;
	}
	if (match.pathEndsWith && !req.path.endsWith(match.pathEndsWith)) return false;
	return !match.path || req.path.includes(match.path);
}

module.exports = { Faults };
