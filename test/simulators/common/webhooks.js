'use strict';
const http = require('node:http');
const { createHmac } = require('node:crypto');

// A compressed version of "retried at growing intervals": real services retry for days.
const RETRY_DELAYS_MS = [100, 300, 1000, 3000];

/**
 * Delivers webhook events to a configured URL, retrying until accepted. Deliveries go to
 * loopback addresses only: this is a local simulator.
 */
class WebhookSender {
	/**
	 * @param {{ signatureHeader?: string, acceptedStatus: (status: number) => boolean }} options
	 *   signatureHeader: when set and a secret is configured, hex HMAC-SHA256 of the raw body.
	 */
	constructor(options) {
		this.options = options;
		this.reset();
	}

	reset() {
		/** @type {{ url: string, secret?: string } | null} */
		this.target = null;
		/** @type {Array<{ id: string, type: string, attempts: number, status: number | null, delivered: boolean, body: string }>} */
		this.deliveries = [];
		for (const timer of this.timers || []) clearTimeout(timer);
		/** @type {Set<NodeJS.Timeout>} */
		this.timers = new Set();
	}

	/** @param {{ url: string, secret?: string } | null} target */
	configure(target) {
		if (target && !isLoopback(target.url))
			throw new Error('webhook URLs must point at 127.0.0.1, ::1 or localhost');
		this.target = target;
	}

	/** @param {string} id @param {string} type @param {unknown} payload */
	emit(id, type, payload) {
		if (!this.target) return;
		const delivery = {
			id,
			type,
			attempts: 0,
			status: null,
			delivered: false,
			body: JSON.stringify(payload),
		};
		this.deliveries.push(delivery);
		this.attempt(delivery, { ...this.target });
	}

	/** @param {{ id: string, attempts: number, status: number | null, delivered: boolean, body: string }} delivery @param {{ url: string, secret?: string }} target */
	attempt(delivery, target) {
		delivery.attempts += 1;
		/** @type {Record<string, string | number>} */
		const headers = {
			'content-type': 'application/json',
			'content-length': Buffer.byteLength(delivery.body),
		};
		if (this.options.signatureHeader && target.secret) {
			headers[this.options.signatureHeader] = createHmac('sha256', target.secret)
				.update(delivery.body)
				.digest('hex');
		}
		const done = (/** @type {number | null} */ status) => {
			delivery.status = status;
			if (status !== null && this.options.acceptedStatus(status)) {
				delivery.delivered = true;
				return;
			}
			const wait = RETRY_DELAYS_MS[delivery.attempts - 1];
			if (wait === undefined) return;
			const timer = setTimeout(() => {
				this.timers.delete(timer);
				this.attempt(delivery, target);
			}, wait);
			timer.unref();
			this.timers.add(timer);
		};
		const req = http.request(target.url, { method: 'POST', headers, timeout: 5000 }, (res) => {
			res.resume();
			res.on('end', () => done(res.statusCode || null));
		});
		req.on('timeout', () => req.destroy());
		req.on('error', () => done(null));
		req.end(delivery.body);
	}

	view() {
		return {
			target: this.target ? { url: this.target.url, signed: Boolean(this.target.secret) } : null,
			deliveries: this.deliveries,
		};
	}
}

/** @param {string} url */
function isLoopback(url) {
	try {
		const host = new URL(url).hostname;
		return host === '127.0.0.1' || host === 'localhost' || host === '[::1]' || host === '::1';
	} catch {
		return false;
	}
}

module.exports = { WebhookSender };
