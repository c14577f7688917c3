import {
	asArray,
	asRecord,
	resolveClient,
	type PlatformClientOptions,
	type ResolvedClient,
} from '../client-options';
import { PlatformError } from '../errors';
import { preferredCredential, sameEmail } from '../issue-flow';
import type { QueryValue } from '../transport/http-transport';
import type {
	CredentialTemplate,
	ListTemplatesOptions,
	PlatformCredential,
	RecipientRef,
} from '../types';
import {
	CREDLY_BASE_URLS,
	CREDLY_RATE_LIMIT,
	credlyAuthorization,
	mapCredlyFailure,
	tokenExpired,
	type CredlyEnvironment,
} from './api';
import { fromBadge, fromTemplate } from './mapping';

export interface CredlyClientOptions extends PlatformClientOptions {
	/** The organization (UUID) every path hangs below. */
	organizationId: string;
	environment?: CredlyEnvironment;
	/** When known (Credly lists it per token): refuse to call with an expired token. */
	tokenExpiresAt?: string;
}

/** Credly's endpoints, one method each; the issuing rules live in CredlyClient. */
export class CredlyEndpoints {
	protected readonly client: ResolvedClient;
	/** Every path hangs below the organization. */
	protected readonly org: string;

	constructor(options: CredlyClientOptions) {
		const expiresAt = options.tokenExpiresAt ? Date.parse(options.tokenExpiresAt) : Number.NaN;
		this.org = `/v1/organizations/${encodeURIComponent(options.organizationId)}`;
		this.client = resolveClient(
			'credly',
			options,
			{
				baseUrl: CREDLY_BASE_URLS[options.environment ?? 'production'],
				rateLimit: CREDLY_RATE_LIMIT,
			},
			{
				headers: options.apiKey ? { Authorization: credlyAuthorization(options.apiKey) } : {},
				mapFailure: mapCredlyFailure,
				beforeSend: () => {
					if (!Number.isNaN(expiresAt) && this.client.clock.now() >= expiresAt) {
						throw tokenExpired(`it expired on ${options.tokenExpiresAt}; no request was sent`);
					}
				},
			},
		);
	}

	/** The organization profile; also the connection test. */
	async getOrganization(): Promise<Record<string, unknown>> {
		return this.data('GET', this.org, 'reading the organization');
	}

	/** Every template: Credly pages 50 at a time, so this follows next_page_url to the end. */
	async listTemplates(options: ListTemplatesOptions = {}): Promise<CredentialTemplate[]> {
		const qs = { sort: 'name', ...(options.activeOnly ? { filter: 'state::active' } : {}) };
		const items = await this.listAll(`${this.org}/badge_templates`, qs, 'listing badge templates');
		const templates = items.map(fromTemplate);
		return options.activeOnly ? templates.filter((t) => t.active) : templates;
	}

	async getTemplate(templateId: string): Promise<CredentialTemplate> {
		const path = `${this.org}/badge_templates/${encodeURIComponent(templateId)}`;
		return fromTemplate(await this.data('GET', path, `reading badge template ${templateId}`));
	}

	/** Issued badges matching Credly filters ({recipient_email_all: e, state: 'pending'}), all pages. */
	async listBadges(
		filters: Record<string, string> = {},
		sort = '-issued_at',
	): Promise<PlatformCredential[]> {
		const filter = Object.entries(filters)
			.map(([key, value]) => `${key}::${value}`)
			.join('|');
		const qs = { sort, ...(filter ? { filter } : {}) };
		return (await this.listAll(`${this.org}/badges`, qs, 'listing badges')).map(fromBadge);
	}

	/** [inferred] GET of one badge; the official clients list with filters instead. */
	async get(credentialId: string): Promise<PlatformCredential> {
		const path = `${this.org}/badges/${encodeURIComponent(credentialId)}`;
		return fromBadge(await this.data('GET', path, `reading badge ${credentialId}`));
	}

	/** Deletes for good (204); Credly fires badge.deleted. */
	async delete(credentialId: string): Promise<void> {
		const path = `${this.org}/badges/${encodeURIComponent(credentialId)}`;
		await this.client.http.send({
			method: 'DELETE',
			path,
			retry: true,
			action: `deleting badge ${credentialId}`,
		});
	}

	/** The full event behind an (unsigned) webhook: re-fetching it is how a webhook is verified. */
	async getEvent(eventId: string): Promise<Record<string, unknown>> {
		return this.data(
			'GET',
			`${this.org}/events/${encodeURIComponent(eventId)}`,
			`reading event ${eventId}`,
		);
	}

	/** One request: the recipient's badges of the template, by email. */
	protected async findByEmail(
		recipient: RecipientRef,
		templateId: string,
	): Promise<PlatformCredential | undefined> {
		if (!recipient.email) return undefined;
		const email = recipient.email.trim().toLowerCase();
		const hits = await this.listBadges({
			recipient_email_all: email,
			badge_template_id: templateId,
		});
		return preferredCredential(
			hits.filter((b) => sameEmail(b.recipient.email, email) && b.templateId === templateId),
		);
	}

	/** No documented filter for issuer_earner_id: scans the template's badges. */
	protected async findByEarnerId(
		recipient: RecipientRef,
		templateId: string,
	): Promise<PlatformCredential | undefined> {
		if (!recipient.id) return undefined;
		const id = recipient.id;
		const hits = await this.listBadges({ badge_template_id: templateId });
		return preferredCredential(
			hits.filter((b) => b.recipient.id === id && b.templateId === templateId),
		);
	}

	/** One request answering {data: {...}}; `retry` only for requests safe to repeat. */
	protected async data(
		method: 'GET' | 'POST' | 'PUT',
		path: string,
		action: string,
		body?: unknown,
		retry = method !== 'POST',
	): Promise<Record<string, unknown>> {
		const response = await this.client.http.send({ method, path, body, retry, action });
		const data = asRecord(asRecord(response.body)?.data);
		if (data) return data;
		throw new PlatformError(
			'credly',
			'unexpected_response',
			`the answer to ${action} could not be read.`,
			{
				fix: 'Check that the base URL points at the Credly API.',
			},
		);
	}

	private async listAll(
		path: string,
		qs: Record<string, QueryValue>,
		action: string,
	): Promise<Record<string, unknown>[]> {
		const items: Record<string, unknown>[] = [];
		let next: string | undefined = path;
		let query: Record<string, QueryValue> = { ...qs, page: 1 };
		while (next) {
			const response = await this.client.http.send({
				method: 'GET',
				path: next,
				qs: query,
				retry: true,
				action,
			});
			const body = asRecord(response.body);
			items.push(
				...asArray(body?.data)
					.map(asRecord)
					.filter((item) => item !== undefined),
			);
			const link = asRecord(body?.metadata)?.next_page_url;
			// next_page_url is absolute and carries the query itself.
			next = typeof link === 'string' && link !== '' && link !== next ? link : undefined;
			query = {};
		}
		return items;
	}
}
