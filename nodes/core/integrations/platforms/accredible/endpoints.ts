import {
	asArray,
	asRecord,
	resolveClient,
	todayUtc,
	type PlatformClientOptions,
	type ResolvedClient,
} from '../client-options';
import { PlatformError } from '../errors';
import { sameEmail } from '../issue-flow';
import type { CredentialTemplate, IssueRequest, PlatformCredential, RecipientRef } from '../types';
import {
	ACCREDIBLE_BASE_URLS,
	ACCREDIBLE_RATE_LIMIT,
	accredibleAuthorization,
	checkAccredibleSuccess,
	mapAccredibleFailure,
	type AccredibleRegion,
} from './api';
import { credentialPayload, fromGroup, fromV1, fromV2 } from './mapping';

export interface AccredibleClientOptions extends PlatformClientOptions {
	/** Default us. A custom baseUrl wins. */
	region?: AccredibleRegion;
}

const GROUP_PAGE_SIZE = 50;
const SEARCH_PAGE_SIZE = 100;

/** Accredible's endpoints, one method each; the issuing rules live in AccredibleClient. */
export class AccredibleEndpoints {
	protected readonly client: ResolvedClient;

	constructor(options: AccredibleClientOptions) {
		this.client = resolveClient(
			'accredible',
			options,
			{ baseUrl: ACCREDIBLE_BASE_URLS[options.region ?? 'us'], rateLimit: ACCREDIBLE_RATE_LIMIT },
			{
				headers: options.apiKey ? { Authorization: accredibleAuthorization(options.apiKey) } : {},
				mapFailure: mapAccredibleFailure,
				checkSuccess: checkAccredibleSuccess,
			},
		);
	}

	/** The account: name, credits left. Also the connection test. */
	async getIssuer(): Promise<Record<string, unknown>> {
		const response = await this.client.http.send({
			method: 'GET',
			path: '/v1/issuer/details',
			retry: true,
			action: 'reading the issuer details',
		});
		return asRecord(asRecord(response.body)?.issuer) ?? {};
	}

	/** Every group, all pages. */
	async listTemplates(): Promise<CredentialTemplate[]> {
		const groups: CredentialTemplate[] = [];
		for (let page = 1; ; page++) {
			const response = await this.client.http.send({
				method: 'POST',
				path: '/v1/issuer/groups/search',
				body: { page, page_size: GROUP_PAGE_SIZE },
				retry: true,
				action: 'listing groups',
			});
			const body = asRecord(response.body);
			const items = asArray(body?.groups)
				.map(asRecord)
				.filter((g) => g !== undefined);
			groups.push(...items.map(fromGroup));
			const next = asRecord(body?.meta)?.next_page;
			if (typeof next !== 'number' || next <= page || items.length === 0) return groups;
		}
	}

	/** One group by id; undefined when the account has no such group (404). */
	async getGroup(groupId: string): Promise<CredentialTemplate | undefined> {
		try {
			const response = await this.client.http.send({
				method: 'GET',
				path: `/v1/issuer/groups/${encodeURIComponent(groupId)}`,
				retry: true,
				action: `reading group ${groupId}`,
			});
			const group = asRecord(asRecord(response.body)?.group);
			return group ? fromGroup(group) : undefined;
		} catch (error) {
			if (error instanceof PlatformError && error.code === 'not_found') return undefined;
			throw error;
		}
	}

	/**
	 * Groups whose internal name or recipient-facing course name equals `name` (ignoring case),
	 * every page of the server's partial-match search.
	 */
	async findGroupsByName(name: string): Promise<CredentialTemplate[]> {
		const wanted = name.trim().toLowerCase();
		const found = new Map<string, CredentialTemplate>();
		for (const filter of ['name', 'course_name'] as const) {
			for (let page = 1; ; page++) {
				const response = await this.client.http.send({
					method: 'POST',
					path: '/v1/issuer/groups/search',
					body: { page, page_size: GROUP_PAGE_SIZE, [filter]: name.trim() },
					retry: true,
					action: 'searching groups by name',
				});
				const body = asRecord(response.body);
				const items = asArray(body?.groups)
					.map(asRecord)
					.filter((g) => g !== undefined);
				for (const item of items) {
					const text = item[filter];
					if (typeof text === 'string' && text.trim().toLowerCase() === wanted) {
						const group = fromGroup(item);
						found.set(group.id, group);
					}
				}
				const next = asRecord(body?.meta)?.next_page;
				if (typeof next !== 'number' || next <= page || items.length === 0) break;
			}
			if (found.size > 0) break;
		}
		return [...found.values()];
	}

	/**
	 * v2 search, every page (cursor paging). `query` uses Accredible's fields and operators, e.g.
	 * {"group.id": 12, "issued_on[gte]": "2025-01-01"}.
	 */
	async search(
		query: Record<string, unknown>,
		options: { maxResults?: number } = {},
	): Promise<PlatformCredential[]> {
		const today = todayUtc(this.client.clock);
		const found: PlatformCredential[] = [];
		let cursor: string | undefined;
		for (;;) {
			const response = await this.client.http.send({
				method: 'POST',
				path: '/v2/credentials/search',
				body: {
					query,
					page: cursor ? { cursor, size: SEARCH_PAGE_SIZE } : { from: 0, size: SEARCH_PAGE_SIZE },
				},
				retry: true,
				action: 'searching credentials',
			});
			const body = asRecord(response.body);
			const items = asArray(body?.credentials)
				.map(asRecord)
				.filter((c) => c !== undefined);
			found.push(...items.map((item) => fromV2(item, today)));
			const next = asRecord(body?.meta)?.cursor;
			// [inferred] The end of a cursor listing is not documented: a short page ends it.
			if (items.length < SEARCH_PAGE_SIZE || typeof next !== 'string' || next === cursor) break;
			if (options.maxResults !== undefined && found.length >= options.maxResults) break;
			cursor = next;
		}
		return options.maxResults === undefined ? found : found.slice(0, options.maxResults);
	}

	async get(credentialId: string): Promise<PlatformCredential> {
		const response = await this.client.http.send({
			method: 'GET',
			path: `/v1/credentials/${encodeURIComponent(credentialId)}`,
			retry: true,
			action: `reading credential ${credentialId}`,
		});
		return this.parseCredential(response.body, `reading credential ${credentialId}`);
	}

	/** Changes credential fields in place (PUT, partial): {recipient: {name}}, {expired_on}, ... */
	async update(credentialId: string, fields: Record<string, unknown>): Promise<PlatformCredential> {
		const response = await this.client.http.send({
			method: 'PUT',
			path: `/v1/credentials/${encodeURIComponent(credentialId)}`,
			body: { credential: fields },
			retry: true,
			action: `updating credential ${credentialId}`,
		});
		const body = asRecord(response.body);
		// The documented answer has no body; read the result when none came back.
		return body?.credential ? this.parseCredential(body, 'updating') : this.get(credentialId);
	}

	/** Publishes a credential left unpublished (e.g. created while out of credits). */
	publish(credentialId: string): Promise<PlatformCredential> {
		return this.update(credentialId, { approve: true });
	}

	/** Deletes for good (200 with the deleted credential). */
	async delete(credentialId: string): Promise<void> {
		await this.client.http.send({
			method: 'DELETE',
			path: `/v1/credentials/${encodeURIComponent(credentialId)}`,
			retry: true,
			action: `deleting credential ${credentialId}`,
		});
	}

	/** A link to the PDF of a published credential. */
	async generatePdf(credentialId: string): Promise<string> {
		const response = await this.client.http.send({
			method: 'POST',
			path: `/v1/credentials/generate_single_pdf/${encodeURIComponent(credentialId)}`,
			retry: true,
			action: `generating the PDF of credential ${credentialId}`,
		});
		const file = asRecord(response.body)?.file;
		if (typeof file === 'string') return file;
		throw unexpected('generating the PDF');
	}

	/** One create call (200, not 201). Never retried here: see AccredibleClient.issue. */
	protected async createCredential(request: IssueRequest): Promise<PlatformCredential> {
		const response = await this.client.http.send({
			method: 'POST',
			path: '/v1/credentials',
			body: { credential: credentialPayload(request) },
			retry: false,
			action: 'creating the credential',
		});
		return this.parseCredential(response.body, 'creating the credential');
	}

	/** Email first; the stable id finds a recipient whose email changed since. */
	protected async searchRecipient(
		recipient: RecipientRef,
		templateId: string,
	): Promise<PlatformCredential[]> {
		const byEmail = recipient.email ? await this.searchByEmail(recipient.email, templateId) : [];
		return byEmail.length > 0 || !recipient.id
			? byEmail
			: this.searchById(recipient.id, templateId);
	}

	protected async searchByEmail(email: string, templateId: string): Promise<PlatformCredential[]> {
		const wanted = email.trim().toLowerCase();
		const hits = await this.search(
			{ 'group.id': Number(templateId), recipient_email: wanted },
			{ maxResults: 50 },
		);
		return hits.filter(
			(hit) => sameEmail(hit.recipient.email, wanted) && hit.templateId === templateId,
		);
	}

	protected async searchById(id: string, templateId: string): Promise<PlatformCredential[]> {
		const hits = await this.search(
			{ 'group.id': Number(templateId), recipient_id: id },
			{ maxResults: 50 },
		);
		return hits.filter((hit) => hit.recipient.id === id && hit.templateId === templateId);
	}

	protected parseCredential(body: unknown, action: string): PlatformCredential {
		const raw = asRecord(asRecord(body)?.credential);
		if (!raw || raw.id === undefined) throw unexpected(action);
		return fromV1(raw, todayUtc(this.client.clock));
	}
}

function unexpected(action: string): PlatformError {
	return new PlatformError(
		'accredible',
		'unexpected_response',
		`the answer to ${action} could not be read.`,
		{
			fix: 'Check that the base URL points at the Accredible API.',
		},
	);
}
