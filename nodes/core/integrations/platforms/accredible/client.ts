import { todayUtc } from '../client-options';
import { PlatformError } from '../errors';
import { issueForAccount, preferredCredential } from '../issue-flow';
import { parseIssueRequest } from '../issue-request';
import { nothingToReplace } from '../request-errors';
import { revokeWith } from '../revoke-flow';
// The IssuerPlatform contract this client fulfils: its requests and outcomes.
import type * as contract from '../types';
import { bulkIssueAccredible, type BulkIssueItem } from './bulk';
import { AccredibleEndpoints } from './endpoints';
import { updatePayload } from './mapping';

export type { AccredibleClientOptions } from './endpoints';

/** Accredible behind the IssuerPlatform interface: exactly-once issue, expire as revoke. */
export class AccredibleClient extends AccredibleEndpoints implements contract.IssuerPlatform {
	readonly platform = 'accredible' as const;
	/**
	 * No revoke in Accredible: expiring keeps a verifiable record, so it is the default (Open edX
	 * does the same). Unpublish ([inferred]: approve false) hides it instead.
	 */
	readonly revokeMethods: readonly contract.RevokeMethod[] = ['expire', 'unpublish', 'delete'];

	async findExisting(
		recipient: contract.RecipientRef,
		templateId: string,
	): Promise<contract.PlatformCredential | undefined> {
		const best = preferredCredential(await this.searchRecipient(recipient, templateId));
		// Search hits lack the public URL: read the full credential.
		return best ? this.get(best.id) : undefined;
	}

	async issue(input: contract.IssueRequest): Promise<contract.IssueOutcome> {
		const request = parseIssueRequest(input, 'accredible');
		const { recipient, templateId } = request;
		// Before each try, one search: by the stable id when there is one (it survives email
		// changes), else by email. Accredible's own rule refuses a second credential to the same
		// email, and a refusal triggers the full lookup. After a lost create answer the flow keeps
		// searching for a while: Accredible offers no idempotency key, and the reference we send as
		// `id` (license_id) is only found through the same search ([inferred] one index, so it lags
		// alike); its uniqueness is not documented either. The duplicate rule is enforced on create
		// ([inferred] ahead of the search), which is why a refusal also waits for the search.
		const quickLookup = async () => {
			const hits = recipient.id
				? await this.searchById(recipient.id, templateId)
				: await this.searchByEmail(recipient.email, templateId);
			const best = preferredCredential(hits);
			return best ? this.get(best.id) : undefined;
		};
		return issueForAccount(this.client, request, {
			lookup: quickLookup,
			create: () => this.create(request),
			// A 422 is a duplicate only if the credential is really there.
			explainRefusal: async (error) =>
				error.status === 422 && error.code === 'validation_error'
					? ((await this.findExisting(recipient, templateId)) ?? error)
					: error,
		});
	}

	/**
	 * Several issuances through v2 bulk_create (30 per call, 207 partial results): one search
	 * and one create per 30 recipients instead of two calls each. Results keep input order.
	 */
	bulkIssue(inputs: readonly unknown[]): Promise<BulkIssueItem[]> {
		const deps = {
			http: this.client.http,
			flow: this.client,
			search: (query: Record<string, unknown>) => this.search(query),
			today: () => todayUtc(this.client.clock),
		};
		return bulkIssueAccredible(deps, inputs);
	}

	async revoke(request: contract.RevokeRequest): Promise<contract.RevokeOutcome> {
		const on = request.effectiveOn ?? todayUtc(this.client.clock);
		return revokeWith(
			{
				platform: 'accredible',
				methods: this.revokeMethods,
				get: (id) => this.get(id),
				isDone: (method, current) =>
					method === 'expire'
						? !!current.expiresOn && current.expiresOn <= on
						: current.state === 'unpublished',
				apply: (method, current) =>
					this.update(current.id, method === 'expire' ? { expired_on: on } : { approve: false }),
				remove: (id) => this.delete(id),
			},
			request,
		);
	}

	/** Accredible corrects credentials in place (name changes, dates, attributes). */
	async replace(request: contract.ReplaceRequest): Promise<contract.ReplaceOutcome> {
		const fields = updatePayload(request);
		if (Object.keys(fields).length === 0) throw nothingToReplace('accredible');
		const previous = await this.get(request.credentialId);
		const credential = await this.update(request.credentialId, fields);
		return { mode: 'updated', previous, credential };
	}

	private async create(request: contract.IssueRequest): Promise<contract.PlatformCredential> {
		const credential = await this.createCredential(request);
		if (credential.state === 'unpublished') await this.refuseWithoutCredits(credential);
		return credential;
	}

	/** Out of credits, Accredible still creates the credential but leaves it unpublished. */
	private async refuseWithoutCredits(credential: contract.PlatformCredential): Promise<void> {
		const left = (await this.getIssuer()).certificate_left;
		if (typeof left !== 'number' || left > 0) return;
		throw new PlatformError(
			'accredible',
			'no_credits',
			`no credits left: credential ${credential.id} was created but not published.`,
			{
				fix: 'Buy credits in the Accredible dashboard, then publish the credential (it will not be created twice).',
				details: { credentialId: credential.id },
			},
		);
	}
}
