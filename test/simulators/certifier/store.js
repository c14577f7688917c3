'use strict';
const { today } = require('../common/dates');
const { SAMPLE_ATTRIBUTES, SAMPLE_GROUPS, SAMPLE_TOKEN } = require('./sample-data');

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * In-memory Certifier workspace. No duplicate rule on purpose: Certifier has none, its own
 * plugins dedupe on their side, and so must every client.
 */
class CertifierStore {
	/**
	 * @param {{ sample?: boolean, apiKey?: string }} options
	 * @param {{ uuid(): string, ulid(): string }} ids
	 * @param {import('../common/webhooks').WebhookSender} webhooks
	 * @param {(id: string) => void} [onCreated] told of every new credential (the search lag)
	 */
	constructor(options, ids, webhooks, onCreated = () => {}) {
		this.ids = ids;
		this.onCreated = onCreated;
		this.webhooks = webhooks;
		this.token = options.apiKey || SAMPLE_TOKEN;
		this.workspace = { id: '01hq3v9k2m4n6p8r0t2w4y6a00', name: 'Example Academy (simulated)' };
		/** @type {Map<string, Record<string, any>>} */
		this.groups = new Map();
		this.attributes = options.sample === false ? [] : SAMPLE_ATTRIBUTES.map((a) => ({ ...a }));
		/** @type {Map<string, Record<string, any>>} every credential ever created, deleted ones flagged */
		this.credentials = new Map();
		if (options.sample !== false) for (const g of SAMPLE_GROUPS) this.addGroup(g);
	}

	/** @param {Record<string, any>} fields */
	addGroup(fields) {
		const now = new Date().toISOString();
		const group = {
			id: fields.id || this.ids.ulid(),
			name: fields.name || `Group ${this.groups.size + 1}`,
			learningEventUrl: null,
			certificateDesignId: this.ids.ulid(),
			badgeDesignId: null,
			createdAt: now,
			updatedAt: now,
		};
		this.groups.set(group.id, group);
		return group;
	}

	/** @param {string} id */
	live(id) {
		const credential = this.credentials.get(id);
		return credential && !credential.deleted ? credential : null;
	}

	/**
	 * Checks a create or update body; returns a message naming the field, or null.
	 * @param {Record<string, any>} body @param {boolean} creating
	 */
	invalid(body, creating) {
		if (creating) {
			if (typeof body.groupId !== 'string' || body.groupId === '') return 'groupId is required';
			// [inferred] Certifier's answer for an unknown group is not documented.
			if (!this.groups.has(body.groupId)) return 'groupId: group not found';
			if (
				!body.recipient ||
				typeof body.recipient.name !== 'string' ||
				body.recipient.name.trim() === ''
			)
				return 'recipient.name is required';
		}
		const recipient = body.recipient || {};
		if (
			recipient.email !== undefined &&
			recipient.email !== null &&
			!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(String(recipient.email))
		)
			return 'recipient.email must be a valid email';
		for (const key of ['issueDate', 'expiryDate']) {
			const value = body[key];
			if (
				value !== undefined &&
				value !== null &&
				(typeof value !== 'string' || !DATE_ONLY.test(value))
			)
				return `${key} must be a date as YYYY-MM-DD`;
		}
		for (const [key, value] of Object.entries(body.customAttributes || {})) {
			if (!this.attributes.some((a) => a.tag === key && !a.isDefault))
				return `customAttributes.${key}: no such attribute`;
			if (typeof value !== 'string') return `customAttributes.${key} must be text`;
		}
		return null;
	}

	/** @param {Record<string, any>} body */
	create(body) {
		const now = new Date().toISOString();
		const credential = {
			id: this.ids.ulid(),
			publicId: this.ids.uuid(),
			groupId: body.groupId,
			status: 'draft',
			recipient: {
				id: this.ids.ulid(),
				name: body.recipient.name.trim(),
				email: body.recipient.email || null,
			},
			issueDate: body.issueDate || today(),
			expiryDate: body.expiryDate === undefined ? null : body.expiryDate,
			customAttributes: { ...(body.customAttributes || {}) },
			createdAt: now,
			updatedAt: now,
			sentCount: 0,
			deleted: false,
		};
		this.credentials.set(credential.id, credential);
		this.onCreated(credential.id);
		this.emit('credential.created', credential);
		return credential;
	}

	/** @param {Record<string, any>} credential @param {Record<string, any>} body */
	update(credential, body) {
		if (body.recipient)
			Object.assign(credential.recipient, pick(body.recipient, ['name', 'email']));
		if ('issueDate' in body) credential.issueDate = body.issueDate || today();
		if ('expiryDate' in body) credential.expiryDate = body.expiryDate;
		if (body.customAttributes)
			credential.customAttributes = { ...credential.customAttributes, ...body.customAttributes };
		credential.updatedAt = new Date().toISOString();
		this.emit('credential.updated', credential);
	}

	/**
	 * Status as the API shows it. [inferred] An issued credential whose expiry date has come is
	 * expired, one with a future issue date is scheduled.
	 * @param {Record<string, any>} c
	 */
	status(c) {
		if (c.status !== 'issued') return c.status;
		if (c.expiryDate && c.expiryDate <= today()) return 'expired';
		if (c.issueDate > today()) return 'scheduled';
		return 'issued';
	}

	/** @param {Record<string, any>} c */
	view(c) {
		return {
			id: c.id,
			publicId: c.publicId,
			groupId: c.groupId,
			status: this.status(c),
			recipient: { ...c.recipient },
			issueDate: c.issueDate,
			expiryDate: c.expiryDate,
			attributes: { 'recipient.name': c.recipient.name },
			customAttributes: { ...c.customAttributes },
			createdAt: c.createdAt,
			updatedAt: c.updatedAt,
		};
	}

	/**
	 * Signed webhook: {id, type, createdAt, data: {resource}}; interactions carry the credential.
	 * @param {string} type @param {Record<string, any>} credential @param {Record<string, any>} [extra]
	 */
	emit(type, credential, extra) {
		const event = {
			id: this.ids.ulid(),
			type,
			createdAt: new Date().toISOString(),
			data: { resource: { id: credential.id, type: 'credential' }, ...(extra || {}) },
		};
		this.webhooks.emit(event.id, type, event);
	}
}

/** @param {Record<string, any>} source @param {string[]} keys */
function pick(source, keys) {
	return Object.fromEntries(keys.filter((k) => k in source).map((k) => [k, source[k]]));
}

module.exports = { CertifierStore };
