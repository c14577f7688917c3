'use strict';
const { dateOnly, parseLenientDate } = require('../common/dates');
const {
	SAMPLE_API_KEY,
	SAMPLE_ATTRIBUTE_KEYS,
	SAMPLE_GROUPS,
	SAMPLE_ISSUER,
} = require('./sample-data');

// [inferred] The single-create duplicate body is not documented; this follows the v2 bulk text.
const DUPLICATE_MESSAGE =
	'has already been taken. Your group settings do not allow duplicates of this credential to be sent to the same email.';

/** In-memory Accredible account: issuer, groups, credentials (deleted ones kept for counting). */
class AccredibleStore {
	/**
	 * @param {{ sample?: boolean, apiKey?: string }} options @param {{ uuid(): string }} ids
	 * @param {(id: string) => void} [onCreated] told of every new credential (the search lag)
	 */
	constructor(options, ids, onCreated = () => {}) {
		this.ids = ids;
		this.onCreated = onCreated;
		this.apiKey = options.apiKey || SAMPLE_API_KEY;
		this.issuer = { ...SAMPLE_ISSUER };
		/** @type {Map<number, Record<string, any>>} */
		this.groups = new Map();
		/** @type {Map<string, Record<string, any>>} every credential ever created, by id */
		this.credentials = new Map();
		this.attributeKeys =
			options.sample === false ? [] : SAMPLE_ATTRIBUTE_KEYS.map((k) => ({ ...k }));
		this.nextId = 10000001;
		if (options.sample !== false) for (const group of SAMPLE_GROUPS) this.addGroup(group);
	}

	/** @param {Record<string, any>} fields */
	addGroup(fields) {
		const id = Number(fields.id) || Math.max(20000, ...this.groups.keys()) + 1;
		const now = new Date().toISOString();
		const group = {
			id,
			name: fields.name || `group-${id}`,
			course_name: fields.course_name === undefined ? `Course ${id}` : fields.course_name,
			course_description: fields.course_description || null,
			course_link: fields.course_link || null,
			language: 'en',
			attach_pdf: false,
			design_id: null,
			certificate_design_id: 1,
			badge_design_id: 2,
			primary_design_id: 1,
			department_id: null,
			blockchain: false,
			meta_data: fields.meta_data || {},
			learning_outcomes: [],
			generate_private_credential: false,
			auto_expiry: null,
			allow_duplicate_credentials: fields.allow_duplicate_credentials === true,
			created_at: now,
			updated_at: now,
		};
		this.groups.set(id, group);
		return group;
	}

	/** @param {unknown} idOrName */
	findGroup(idOrName, byName = false) {
		if (byName) return [...this.groups.values()].find((g) => g.name === idOrName) || null;
		return this.groups.get(Number(idOrName)) || null;
	}

	/** @param {string} id */
	liveCredential(id) {
		const credential = this.credentials.get(String(id));
		return credential && !credential.deleted ? credential : null;
	}

	/** Live credentials of a group for an email, compared case-insensitively. */
	sameRecipient(groupId, email) {
		const wanted = String(email).toLowerCase();
		return [...this.credentials.values()].filter(
			(c) => !c.deleted && c.group_id === groupId && c.recipient.email.toLowerCase() === wanted,
		);
	}

	/**
	 * Validates and stores a create payload. Returns {credential} or {status, errors}.
	 * @param {Record<string, any> | undefined} input
	 */
	create(input) {
		if (
			!input ||
			typeof input !== 'object' ||
			!input.recipient ||
			typeof input.recipient !== 'object'
		) {
			return { status: 422, errors: 'Can not create credential without recipient data' };
		}
		const group =
			input.group_id !== undefined
				? this.findGroup(input.group_id)
				: this.findGroup(input.group_name, true);
		if (!group) return { status: 422, errors: 'Invalid Group' };
		const { recipient } = input;
		/** @type {Record<string, string[]>} */
		const fieldErrors = {};
		if (typeof recipient.name !== 'string' || recipient.name.trim() === '')
			fieldErrors['recipient.name'] = ["can't be blank"];
		if (typeof recipient.email !== 'string' || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(recipient.email))
			fieldErrors['recipient.email'] = ['is invalid'];
		if (!group.course_name && !input.name) fieldErrors.course_name = ["can't be blank"];
		const issued =
			input.issued_on === undefined || input.issued_on === null
				? new Date()
				: parseLenientDate(input.issued_on);
		if (!issued) fieldErrors.issued_on = ['is invalid'];
		const expired =
			input.expired_on === undefined || input.expired_on === null
				? null
				: parseLenientDate(input.expired_on);
		if (input.expired_on && !expired) fieldErrors.expired_on = ['is invalid'];
		const attributes = input.custom_attributes || {};
		if (
			typeof attributes !== 'object' ||
			Array.isArray(attributes) ||
			Object.values(attributes).some((v) => v !== null && typeof v === 'object')
		) {
			fieldErrors.custom_attributes = ['must be a map of attribute names to values'];
		}
		if (Object.keys(fieldErrors).length > 0) return { status: 422, errors: fieldErrors };
		if (
			!group.allow_duplicate_credentials &&
			this.sameRecipient(group.id, recipient.email).length > 0
		) {
			return { status: 422, errors: { 'recipient.email': [DUPLICATE_MESSAGE] } };
		}
		// Out of credits, Accredible still creates the credential but does not publish it.
		const wantsPublished = input.approve !== false;
		const published = wantsPublished && this.issuer.certificate_left > 0;
		if (published) this.issuer.certificate_left -= 1;
		const id = this.nextId++;
		const now = new Date().toISOString();
		const credential = {
			id,
			uuid: this.ids.uuid(),
			license_id: input.id === undefined ? null : String(input.id),
			name: input.name || group.course_name,
			description: input.description || group.course_description,
			approve: published,
			grade: input.grade === undefined ? null : input.grade,
			complete: input.complete !== false,
			issued_on: dateOnly(/** @type {Date} */ (issued)),
			expired_on: expired ? dateOnly(expired) : null,
			course_link: group.course_link,
			custom_attributes: attributes,
			group_id: group.id,
			private: input.private === true,
			evidence_items: Array.isArray(input.evidence_items)
				? input.evidence_items.map((e, i) => ({ id: id * 10 + i, ...e }))
				: [],
			references: [],
			recipient: {
				name: recipient.name.trim(),
				email: recipient.email.trim(),
				phone_number: recipient.phone_number || null,
				id: recipient.id === undefined ? null : recipient.id,
				meta_data: recipient.meta_data || null,
			},
			meta_data: input.meta_data || null,
			created_at: now,
			updated_at: now,
			published_on: published ? dateOnly(new Date()) : null,
			deleted: false,
		};
		this.credentials.set(String(id), credential);
		this.onCreated(String(id));
		return { credential };
	}

	/** Partial update; unknown fields ignored. @param {Record<string, any>} credential @param {Record<string, any>} changes */
	update(credential, changes) {
		/** @type {Record<string, string[]>} */
		const fieldErrors = {};
		for (const key of ['issued_on', 'expired_on']) {
			if (!(key in changes)) continue;
			if (changes[key] === null && key === 'expired_on') credential.expired_on = null;
			else {
				const date = parseLenientDate(changes[key]);
				if (date) credential[key] = dateOnly(date);
				else fieldErrors[key] = ['is invalid'];
			}
		}
		if (Object.keys(fieldErrors).length > 0) return { status: 422, errors: fieldErrors };
		if (changes.recipient && typeof changes.recipient === 'object')
			Object.assign(
				credential.recipient,
				pick(changes.recipient, ['name', 'email', 'phone_number', 'id', 'meta_data']),
			);
		if (typeof changes.approve === 'boolean') {
			if (changes.approve && !credential.approve) credential.published_on = dateOnly(new Date());
			credential.approve = changes.approve;
		}
		Object.assign(
			credential,
			pick(changes, ['name', 'description', 'grade', 'complete', 'private', 'meta_data']),
		);
		if (changes.custom_attributes && typeof changes.custom_attributes === 'object')
			credential.custom_attributes = {
				...credential.custom_attributes,
				...changes.custom_attributes,
			};
		credential.updated_at = new Date().toISOString();
		return { credential };
	}

	/** The v1 object, as GET /v1/credentials/:id returns it. @param {Record<string, any>} c */
	v1(c) {
		const group = this.groups.get(c.group_id);
		return {
			id: c.id,
			encoded_id: c.id.toString(36),
			name: c.name,
			description: c.description,
			approve: c.approve,
			grade: c.grade,
			complete: c.complete,
			issued_on: c.issued_on,
			expired_on: c.expired_on,
			course_link: c.course_link,
			custom_attributes: c.custom_attributes,
			group_name: group ? group.name : null,
			group_id: c.group_id,
			url: `https://www.credential.net/${c.id}`,
			private: c.private,
			seo_image: `https://api.accredible.com/v1/frontend/credential_seo_image/${c.id}`,
			certificate: {
				image: {
					preview: `https://api.accredible.com/v1/frontend/credential_website_embed_image/certificate/${c.id}`,
				},
			},
			badge: {
				image: { preview: `https://api.accredible.com/v1/frontend/credential_badge_image/${c.id}` },
			},
			evidence_items: c.evidence_items,
			references: c.references,
			recipient: { ...c.recipient },
			issuer: {
				name: this.issuer.name,
				description: null,
				url: this.issuer.url,
				id: this.issuer.id,
			},
			meta_data: c.meta_data,
		};
	}

	/** The flat v2 search shape. @param {Record<string, any>} c */
	v2(c) {
		const group = this.groups.get(c.group_id) || { id: c.group_id, name: null, course_name: null };
		return {
			id: c.id,
			uuid: c.uuid,
			encoded_id: c.id.toString(36),
			private: c.private,
			recipient_opened: false,
			recipient_engaged: false,
			seo_image: `https://api.accredible.com/v1/frontend/credential_seo_image/${c.id}`,
			published_on: c.published_on,
			recipient_email: c.recipient.email,
			recipient_name: c.recipient.name,
			recipient_id: c.recipient.id,
			recipient_meta_data: c.recipient.meta_data || {},
			created_at: c.created_at,
			updated_at: c.updated_at,
			custom_attributes: c.custom_attributes,
			issuer_id: this.issuer.id,
			approve: c.approve,
			license_id: c.license_id,
			grade: c.grade,
			meta_data: c.meta_data || {},
			name: c.name,
			issued_on: c.issued_on,
			expired_on: c.expired_on,
			group: {
				id: group.id,
				name: group.name,
				course_name: group.course_name,
				badge_design_id: group.badge_design_id || null,
				certificate_design_id: group.certificate_design_id || null,
			},
		};
	}
}

/** @param {Record<string, any>} source @param {string[]} keys */
function pick(source, keys) {
	return Object.fromEntries(keys.filter((k) => k in source).map((k) => [k, source[k]]));
}

module.exports = { AccredibleStore, DUPLICATE_MESSAGE };
