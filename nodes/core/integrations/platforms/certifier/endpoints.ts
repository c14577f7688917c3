import {
	asArray,
	asRecord,
	resolveClient,
	type PlatformClientOptions,
	type ResolvedClient,
} from '../client-options';
import { isPlatformError, PlatformError } from '../errors';
import type { ApiRequest } from '../http/platform-http';
import { parseIssueRequest } from '../issue-request';
import type { CredentialTemplate, IssueRequest, PlatformCredential } from '../types';
import {
	CERTIFIER_API_VERSION,
	CERTIFIER_BASE_URL,
	CERTIFIER_RATE_LIMIT,
	certifierAuthorization,
	mapCertifierFailure,
} from './api';
import { credentialPayload, fromCredential, fromGroup } from './mapping';
import { TRAILING_SLASHES } from '../../../domain/text';

export interface CertifierClientOptions extends PlatformClientOptions {
	apiVersion?: string;
	/**
	 * three-step (default): create a draft, issue it, send it; a retry after a lost answer finds
	 * the draft and finishes it. single-call: create-issue-send in one request.
	 */
	flow?: 'three-step' | 'single-call';
	/** Where the public credential pages live; default the Certifier wallet. */
	portalUrl?: string;
}

const PAGE_LIMIT = 100;

/** Certifier's endpoints, one method each; the issuing rules live in CertifierClient. */
export class CertifierEndpoints {
	protected readonly client: ResolvedClient;
	private readonly portalUrl: string;

	constructor(options: CertifierClientOptions) {
		this.portalUrl = (options.portalUrl ?? 'https://credsverse.com').replace(TRAILING_SLASHES, '');
		this.client = resolveClient(
			'certifier',
			options,
			{ baseUrl: CERTIFIER_BASE_URL, rateLimit: CERTIFIER_RATE_LIMIT },
			{
				headers: {
					'Certifier-Version': options.apiVersion ?? CERTIFIER_API_VERSION,
					...(options.apiKey ? { Authorization: certifierAuthorization(options.apiKey) } : {}),
				},
				mapFailure: mapCertifierFailure,
			},
		);
	}

	/** The workspace the token belongs to; also the connection test. */
	async getWorkspace(): Promise<Record<string, unknown>> {
		const response = await this.client.http.send({
			method: 'GET',
			path: '/v1/workspace',
			retry: true,
			action: 'reading the workspace',
		});
		return asRecord(response.body) ?? {};
	}

	/** Every group (credential template), following the cursor. */
	async listTemplates(): Promise<CredentialTemplate[]> {
		return (
			await this.pages({ method: 'GET', path: '/v1/groups', retry: true, action: 'listing groups' })
		).map(fromGroup);
	}

	/** Whether a group exists (404 → false). */
	async groupExists(groupId: string): Promise<boolean> {
		try {
			await this.client.http.send({
				method: 'GET',
				path: `/v1/groups/${encodeURIComponent(groupId)}`,
				retry: true,
				action: `reading group ${groupId}`,
			});
			return true;
		} catch (error) {
			if (isPlatformError(error, 'not_found')) return false;
			throw error;
		}
	}

	/** Custom attributes that can be mapped (Certifier's defaults left out). A bare array. */
	async listAttributes(): Promise<Array<{ tag: string; name: string }>> {
		const response = await this.client.http.send({
			method: 'GET',
			path: '/v1/attributes',
			retry: true,
			action: 'listing attributes',
		});
		return asArray(response.body)
			.map(asRecord)
			.filter((a) => a !== undefined && a.isDefault !== true && typeof a.tag === 'string')
			.map((a) => ({ tag: String(a?.tag), name: String(a?.name ?? a?.tag) }));
	}

	/** Certifier search, all pages: {AND|OR|NOT: [...]} with equals/contains/startsWith/endsWith/in. */
	async search(filter: Record<string, unknown>): Promise<PlatformCredential[]> {
		const body = { filter, sort: { property: 'createdAt', order: 'desc' } };
		const items = await this.pages({
			method: 'POST',
			path: '/v1/credentials/search',
			body,
			retry: true,
			action: 'searching credentials',
		});
		return items.map((item) => fromCredential(item, this.portalUrl));
	}

	async get(credentialId: string): Promise<PlatformCredential> {
		return this.one(
			'GET',
			`/v1/credentials/${encodeURIComponent(credentialId)}`,
			`reading credential ${credentialId}`,
		);
	}

	/** Step 1 of 3: a draft. Not retried: a lost answer may hide a created draft. */
	createDraft(request: IssueRequest): Promise<PlatformCredential> {
		return this.one(
			'POST',
			'/v1/credentials',
			'creating the credential',
			credentialPayload(parseIssueRequest(request, 'certifier')),
			false,
		);
	}

	/** Step 2 of 3: draft → issued. Safe to retry: a second try finds it issued. */
	async issueDraft(credentialId: string): Promise<PlatformCredential> {
		try {
			return await this.one(
				'POST',
				`/v1/credentials/${encodeURIComponent(credentialId)}/issue`,
				`issuing credential ${credentialId}`,
				undefined,
				true,
			);
		} catch (error) {
			if (
				!isPlatformError(error) ||
				(error.code !== 'validation_error' && error.code !== 'invalid_state')
			)
				throw error;
			const current = await this.get(credentialId);
			if (current.state !== 'draft') return current;
			throw error;
		}
	}

	/** Step 3 of 3: email it. A retry after a lost answer may send the email twice, never the credential. */
	send(credentialId: string): Promise<PlatformCredential> {
		return this.one(
			'POST',
			`/v1/credentials/${encodeURIComponent(credentialId)}/send`,
			`sending credential ${credentialId}`,
			{ deliveryMethod: 'email' },
			true,
		);
	}

	/** All three steps in one request. Not retried: see CertifierClient.issue. */
	createIssueSend(request: IssueRequest): Promise<PlatformCredential> {
		return this.one(
			'POST',
			'/v1/credentials/create-issue-send',
			'creating, issuing and sending the credential',
			credentialPayload(parseIssueRequest(request, 'certifier')),
			false,
		);
	}

	async update(credentialId: string, patch: Record<string, unknown>): Promise<PlatformCredential> {
		return this.one(
			'PATCH',
			`/v1/credentials/${encodeURIComponent(credentialId)}`,
			`updating credential ${credentialId}`,
			patch,
		);
	}

	/** Permanent ("cannot be undone"); 204. */
	async delete(credentialId: string): Promise<void> {
		await this.client.http.send({
			method: 'DELETE',
			path: `/v1/credentials/${encodeURIComponent(credentialId)}`,
			retry: true,
			action: `deleting credential ${credentialId}`,
		});
	}

	/** One request answering a credential object. */
	private async one(
		method: 'GET' | 'POST' | 'PATCH',
		path: string,
		action: string,
		body?: unknown,
		retry = method !== 'POST',
	): Promise<PlatformCredential> {
		const response = await this.client.http.send({ method, path, body, retry, action });
		const raw = asRecord(response.body);
		if (raw && raw.id !== undefined) return fromCredential(raw, this.portalUrl);
		throw new PlatformError(
			'certifier',
			'unexpected_response',
			`the answer to ${action} could not be read.`,
			{
				fix: 'Check that the base URL points at the Certifier API.',
			},
		);
	}

	/** Cursor paging: {data, pagination: {next}}; GET takes cursor/limit in the query, POST in the body. */
	private async pages(request: ApiRequest): Promise<Record<string, unknown>[]> {
		const items: Record<string, unknown>[] = [];
		let cursor: string | undefined;
		do {
			const page = { limit: PAGE_LIMIT, ...(cursor ? { cursor } : {}) };
			const response = await this.client.http.send(
				request.method === 'GET'
					? { ...request, qs: page }
					: { ...request, body: { ...asRecord(request.body), ...page } },
			);
			const parsed = asRecord(response.body);
			items.push(
				...asArray(parsed?.data)
					.map(asRecord)
					.filter((item) => item !== undefined),
			);
			const next = asRecord(parsed?.pagination)?.next;
			cursor = typeof next === 'string' && next !== '' && next !== cursor ? next : undefined;
		} while (cursor);
		return items;
	}
}
