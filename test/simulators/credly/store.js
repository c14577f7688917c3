'use strict';
const { dateOnly, parseLenientDate } = require('../common/dates');
const { SAMPLE_ORGANIZATION_ID, SAMPLE_TEMPLATES, SAMPLE_TOKEN } = require('./sample-data');

const REQUIRED = [
	'recipient_email',
	'issued_to_first_name',
	'issued_to_last_name',
	'badge_template_id',
	'issued_at',
];

/** In-memory Credly organization: templates, badges (deleted ones kept for counting), events. */
class CredlyStore {
	/**
	 * @param {{ sample?: boolean, apiKey?: string }} options
	 * @param {{ uuid(): string }} ids
	 * @param {import('../common/webhooks').WebhookSender} webhooks
	 * @param {(id: string) => void} [onCreated] told of every new credential (the search lag)
	 */
	constructor(options, ids, webhooks, onCreated = () => {}) {
		this.ids = ids;
		this.onCreated = onCreated;
		this.webhooks = webhooks;
		this.token = options.apiKey || SAMPLE_TOKEN;
		/** Epoch ms after which the token is refused; null = never. */
		this.tokenExpiresAt = null;
		this.org = {
			id: SAMPLE_ORGANIZATION_ID,
			name: 'Example Academy (simulated)',
			vanity_url: 'example-academy',
			verified: true,
			webhook_url: null,
		};
		/** @type {Map<string, Record<string, any>>} */
		this.templates = new Map();
		/** @type {Map<string, Record<string, any>>} */
		this.badges = new Map();
		/** @type {Map<string, Record<string, any>>} */
		this.events = new Map();
		if (options.sample !== false) for (const t of SAMPLE_TEMPLATES) this.addTemplate(t);
	}

	/** @param {Record<string, any>} fields */
	addTemplate(fields) {
		const id = fields.id || this.ids.uuid();
		const now = new Date().toISOString();
		const template = {
			id,
			name: fields.name || `Template ${this.templates.size + 1}`,
			description: fields.description || '',
			state: fields.state || 'active',
			public: fields.public !== false,
			allow_duplicate_badges: fields.allow_duplicate_badges === true,
			image_url: `https://images.credly.example/${id}.png`,
			url: `https://www.credly.com/org/${this.org.vanity_url}/badge/${id}`,
			vanity_slug: id,
			skills: fields.skills || [],
			owner: { type: 'Organization', id: this.org.id, name: this.org.name },
			badges_count: 0,
			created_at: now,
			updated_at: now,
		};
		this.templates.set(id, template);
		return template;
	}

	/** Badges still counting for the duplicate rule. [inferred] Revoked and replaced ones do not. */
	activeBadges() {
		return [...this.badges.values()].filter(
			(b) => !b.deleted && b.state !== 'revoked' && !b.replacement_badge_id,
		);
	}

	/**
	 * Issues a badge; returns {badge} or {status, message}. `replacing` is left out of the
	 * duplicate check (a replacement is the same earner on purpose).
	 * @param {Record<string, any> | undefined} input @param {Record<string, any>} [replacing]
	 */
	issue(input, replacing) {
		const body = input && typeof input === 'object' ? input : {};
		const missing = REQUIRED.filter(
			(key) => body[key] === undefined || body[key] === null || body[key] === '',
		);
		if (missing.length > 0) return { status: 422, message: `${missing.join(', ')} can't be blank` };
		const template = this.templates.get(String(body.badge_template_id));
		// [inferred] Credly's exact refusal texts are not documented.
		if (!template) return { status: 422, message: 'Badge template could not be found' };
		if (template.state !== 'active')
			return { status: 422, message: `Badge template is ${template.state} and cannot be issued` };
		if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(String(body.recipient_email)))
			return { status: 422, message: 'recipient_email is invalid' };
		const issuedAt = parseLenientDate(body.issued_at);
		if (!issuedAt) return { status: 422, message: 'issued_at is invalid' };
		let expiresAt = null;
		if (body.expires_at !== undefined && body.expires_at !== null && body.expires_at !== false) {
			expiresAt = parseLenientDate(body.expires_at);
			if (!expiresAt) return { status: 422, message: 'expires_at is invalid' };
		}
		if (!template.allow_duplicate_badges) {
			const email = String(body.recipient_email).toLowerCase();
			const earner =
				body.issuer_earner_id === undefined || body.issuer_earner_id === null
					? null
					: String(body.issuer_earner_id);
			const duplicate = this.activeBadges().some(
				(b) =>
					b !== replacing &&
					b.badge_template.id === template.id &&
					(b.recipient_email.toLowerCase() === email ||
						(earner !== null && b.issuer_earner_id === earner)),
			);
			if (duplicate) return { status: 422, message: 'User already has this badge' };
		}
		const id = this.ids.uuid();
		const now = new Date().toISOString();
		const first = String(body.issued_to_first_name);
		const last = String(body.issued_to_last_name);
		const badge = {
			id,
			state: 'pending',
			issued_to: body.issued_to || `${first} ${last}`,
			issued_to_first_name: first,
			issued_to_middle_name: body.issued_to_middle_name || null,
			issued_to_last_name: last,
			recipient_email: String(body.recipient_email),
			issuer_earner_id: body.issuer_earner_id === undefined ? null : body.issuer_earner_id,
			locale: body.locale || 'en',
			public: true,
			revocation_reason: null,
			replacement_badge_id: null,
			replaces_badge_id: replacing ? replacing.id : null,
			suppress_badge_notification_email: body.suppress_badge_notification_email === true,
			country: body.country_name || null,
			state_or_province: body.state_or_province || null,
			created_at: now,
			updated_at: now,
			issued_at: issuedAt.toISOString(),
			issued_at_date: dateOnly(issuedAt),
			expires_at: expiresAt ? expiresAt.toISOString() : null,
			expires_at_date: expiresAt ? dateOnly(expiresAt) : null,
			state_updated_at: now,
			image_url: template.image_url,
			evidence: Array.isArray(body.evidence) ? body.evidence : [],
			accept_badge_url: `https://www.credly.com/badges/${id}/accept`,
			badge_url: `https://www.credly.com/badges/${id}`,
			badge_template: {
				id: template.id,
				name: template.name,
				description: template.description,
				state: template.state,
				allow_duplicate_badges: template.allow_duplicate_badges,
				image_url: template.image_url,
				url: template.url,
			},
			user: { id: this.ids.uuid(), first_name: first, last_name: last },
			deleted: false,
		};
		this.badges.set(id, badge);
		this.onCreated(id);
		template.badges_count += 1;
		this.emit('badge.created', badge);
		return { badge };
	}

	/** @param {Record<string, any>} badge @param {string} state @param {string | null} [reason] */
	changeState(badge, state, reason = null) {
		badge.state = state;
		if (state === 'revoked') badge.revocation_reason = reason;
		badge.state_updated_at = badge.updated_at = new Date().toISOString();
		this.emit('badge.state.changed', badge);
	}

	/** Stores the full event (for GET events/:id) and sends the small unsigned webhook. */
	emit(type, badge) {
		const event = {
			id: this.ids.uuid(),
			event_type: type,
			organization_id: this.org.id,
			occurred_at: new Date().toISOString(),
			badge: this.view(badge),
		};
		this.events.set(event.id, event);
		this.webhooks.emit(event.id, type, {
			id: event.id,
			organization_id: event.organization_id,
			event_type: type,
			occurred_at: event.occurred_at,
		});
	}

	/** The public shape (internal flags left out). @param {Record<string, any>} badge */
	view(badge) {
		const { deleted, ...rest } = badge;
		return { ...rest, badge_template: { ...badge.badge_template } };
	}
}

module.exports = { CredlyStore };
