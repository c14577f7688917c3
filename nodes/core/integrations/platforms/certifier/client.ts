import { todayUtc } from '../client-options';
import { isPlatformError, type PlatformError } from '../errors';
import { issueForAccount, preferredCredential, sameEmail } from '../issue-flow';
import { parseIssueRequest } from '../issue-request';
import { nothingToReplace } from '../request-errors';
import { revokeWith } from '../revoke-flow';
import { templateNotFound } from '../template-mapping';
// The IssuerPlatform contract this client fulfils: its requests and outcomes.
import type * as contract from '../types';
import { CertifierEndpoints, type CertifierClientOptions } from './endpoints';
import { patchPayload } from './mapping';

export type { CertifierClientOptions } from './endpoints';

/** Certifier behind the IssuerPlatform interface: exactly-once issue, expire as revoke. */
export class CertifierClient extends CertifierEndpoints implements contract.IssuerPlatform {
	readonly platform = 'certifier' as const;
	/**
	 * No revoke in Certifier: an expiry date of today keeps the record, so it is the default
	 * ([inferred] that the status then reads expired).
	 */
	readonly revokeMethods: readonly contract.RevokeMethod[] = ['expire', 'delete'];
	private readonly flow: 'three-step' | 'single-call';

	constructor(options: CertifierClientOptions) {
		super(options);
		this.flow = options.flow ?? 'three-step';
	}

	async findExisting(
		recipient: contract.RecipientRef,
		templateId: string,
	): Promise<contract.PlatformCredential | undefined> {
		// Certifier's recipient ids are its own, so only the email can find ours.
		if (!recipient.email) return undefined;
		const email = recipient.email.trim().toLowerCase();
		// [inferred] groupId as a search field: status and recipient fields are the confirmed ones.
		const hits = await this.search({
			AND: [{ recipient: { email: { equals: email } } }, { groupId: { equals: templateId } }],
		});
		return preferredCredential(
			hits.filter((c) => sameEmail(c.recipient.email, email) && c.templateId === templateId),
		);
	}

	/**
	 * Certifier has no duplicate rule of its own (its plugins dedupe on their side), so the lookup
	 * before every try is what keeps this exactly once. It has no idempotency key either, and a
	 * reference in a custom attribute would need the attribute created in each workspace first,
	 * with no documented search by it: after a lost create answer the flow waits for the search.
	 */
	async issue(input: contract.IssueRequest): Promise<contract.IssueOutcome> {
		const request = parseIssueRequest(input, 'certifier');
		// Once Certifier has answered the draft step, later tries read that draft by its id: a read
		// by id does not wait for the search to catch up, so a lost issue or send answer is found
		// at once. ([inferred] Certifier documents no search delay; the read by id is what its own
		// Moodle plugin relies on when it stores the id right after create.)
		let draft: contract.PlatformCredential | undefined;
		return issueForAccount(this.client, request, {
			lookup: async () =>
				(draft && (await this.getIfPresent(draft.id))) ??
				this.findExisting(request.recipient, request.templateId),
			create: () =>
				this.create(request, (made) => {
					draft = made;
				}),
			resume: (existing) =>
				existing.state === 'draft' ? this.finishDraft(existing, request.notify) : undefined,
			explainRefusal: (error) => this.explainRefusal(error, request.templateId),
		});
	}

	async revoke(request: contract.RevokeRequest): Promise<contract.RevokeOutcome> {
		const on = request.effectiveOn ?? todayUtc(this.client.clock);
		return revokeWith(
			{
				platform: 'certifier',
				methods: this.revokeMethods,
				get: (id) => this.get(id),
				isDone: (_method, current) =>
					current.state === 'expired' || (!!current.expiresOn && current.expiresOn <= on),
				apply: (_method, current) => this.update(current.id, { expiryDate: on }),
				remove: (id) => this.delete(id),
			},
			request,
		);
	}

	/** Certifier corrects credentials in place (PATCH): names, dates, attributes. */
	async replace(request: contract.ReplaceRequest): Promise<contract.ReplaceOutcome> {
		const previous = await this.get(request.credentialId);
		const patch = patchPayload(request, previous.recipient.email);
		if (Object.keys(patch).length === 0) throw nothingToReplace('certifier');
		return {
			mode: 'updated',
			previous,
			credential: await this.update(request.credentialId, patch),
		};
	}

	private async create(
		request: contract.IssueRequest,
		drafted: (draft: contract.PlatformCredential) => void,
	): Promise<contract.PlatformCredential> {
		if (this.flow === 'single-call') return this.createIssueSend(request);
		const draft = await this.createDraft(request);
		drafted(draft);
		return this.finishDraft(draft, request.notify);
	}

	/** The credential by id, or undefined when it has been deleted meanwhile. */
	private async getIfPresent(id: string): Promise<contract.PlatformCredential | undefined> {
		try {
			return await this.get(id);
		} catch (error) {
			if (isPlatformError(error, 'not_found')) return undefined;
			throw error;
		}
	}

	private async finishDraft(
		draft: contract.PlatformCredential,
		notify: boolean | undefined,
	): Promise<contract.PlatformCredential> {
		const issued = await this.issueDraft(draft.id);
		if (notify === false || !issued.recipient.email) return issued;
		return this.send(issued.id);
	}

	/** An unknown group may come back as a 400 or a 404: check the group before blaming the data. */
	private async explainRefusal(error: PlatformError, templateId: string): Promise<PlatformError> {
		if (error.status !== 400 && error.status !== 404 && error.status !== 422) return error;
		return (await this.groupExists(templateId)) ? error : templateNotFound('certifier', templateId);
	}
}
