import { isPlatformError, type PlatformError } from '../errors';
import { issueExactlyOnce, issueForAccount } from '../issue-flow';
import { parseIssueRequest, splitName } from '../issue-request';
import { missingField, nothingToReplace } from '../request-errors';
import { revokeWith } from '../revoke-flow';
import { archivedTemplate, templateNotFound } from '../template-mapping';
// The IssuerPlatform contract this client fulfils: its requests and outcomes.
import type * as contract from '../types';
import { CredlyEndpoints } from './endpoints';
import { badgePayload, credlyTime, fromBadge } from './mapping';

export type { CredlyClientOptions } from './endpoints';

/** Credly behind the IssuerPlatform interface: exactly-once issue, revoke, replace. */
export class CredlyClient extends CredlyEndpoints implements contract.IssuerPlatform {
	readonly platform = 'credly' as const;
	readonly revokeMethods: readonly contract.RevokeMethod[] = ['revoke', 'delete'];

	/** By email first (one request); by the stable id when the email finds nothing. */
	async findExisting(
		recipient: contract.RecipientRef,
		templateId: string,
	): Promise<contract.PlatformCredential | undefined> {
		return (
			(await this.findByEmail(recipient, templateId)) ??
			(await this.findByEarnerId(recipient, templateId))
		);
	}

	async issue(input: contract.IssueRequest): Promise<contract.IssueOutcome> {
		const request = parseIssueRequest(input, 'credly');
		const { recipient, templateId } = request;
		// Before each try, the one-request lookup by email; Credly's own rule (same email or same
		// issuer_earner_id) refuses the rest, and a refusal triggers the full lookup. Credly offers
		// no idempotency key, and issuer_earner_id is not a documented list filter, so after a lost
		// create answer the flow waits for the listing to show the badge (templates that allow
		// duplicates have no other guard).
		return issueForAccount(this.client, request, {
			lookup: () => this.findByEmail(recipient, templateId),
			create: async () =>
				fromBadge(
					await this.data(
						'POST',
						`${this.org}/badges`,
						'issuing the badge',
						badgePayload(request, this.client.clock.now()),
					),
				),
			explainRefusal: (error) => this.explainRefusal(error, request),
		});
	}

	async revoke(request: contract.RevokeRequest): Promise<contract.RevokeOutcome> {
		const reason = request.reason?.trim();
		if ((request.method ?? 'revoke') === 'revoke' && !reason) {
			throw missingField('credly', 'reason', 'Credly requires a revocation reason');
		}
		return revokeWith(
			{
				platform: 'credly',
				methods: this.revokeMethods,
				get: (id) => this.get(id),
				isDone: (_method, current) => current.state === 'revoked',
				apply: (_method, current) => this.revokeBadge(current.id, reason ?? '', request.notify),
				remove: (id) => this.delete(id),
			},
			request,
		);
	}

	/**
	 * Credly's replace issues a new badge that supersedes the old one (name corrections, new
	 * dates). Retried safely: the old badge's replacement link shows a replace that went through.
	 */
	async replace(request: contract.ReplaceRequest): Promise<contract.ReplaceOutcome> {
		const changes = [
			request.recipientName,
			request.firstName,
			request.lastName,
			request.issuedOn,
			request.expiresOn,
			request.templateId,
		];
		if (changes.every((value) => value === undefined)) throw nothingToReplace('credly');
		const previous = await this.get(request.credentialId);
		const lookup = async () => {
			const old = await this.get(request.credentialId);
			return old.replacedBy ? this.get(old.replacedBy) : undefined;
		};
		const create = async () =>
			fromBadge(
				await this.data(
					'POST',
					`${this.org}/badges/${encodeURIComponent(previous.id)}/replace`,
					`replacing badge ${previous.id}`,
					replacementBody(previous, request, this.client.clock.now()),
				),
			);
		const outcome = await issueExactlyOnce({ lookup, create }, this.client);
		return { mode: 'replaced', previous, credential: outcome.credential };
	}

	private async revokeBadge(
		id: string,
		reason: string,
		notify: boolean | undefined,
	): Promise<contract.PlatformCredential> {
		const body = { reason, suppress_revoke_notification_email: notify === false };
		try {
			return fromBadge(
				await this.data(
					'PUT',
					`${this.org}/badges/${encodeURIComponent(id)}/revoke`,
					`revoking badge ${id}`,
					body,
				),
			);
		} catch (error) {
			// A retried revoke whose first answer was lost is refused as already revoked.
			if (!isPlatformError(error, 'validation_error')) throw error;
			const after = await this.get(id);
			if (after.state === 'revoked') return after;
			throw error;
		}
	}

	/**
	 * Credly answers 422 to duplicates and to invalid data alike, so the answer is checked
	 * against the facts: the badge is there (duplicate), or the template is gone or archived.
	 */
	private async explainRefusal(
		error: PlatformError,
		request: contract.IssueRequest,
	): Promise<contract.PlatformCredential | PlatformError> {
		if (error.status !== 422 && error.status !== 404) return error;
		const existing = await this.findExisting(request.recipient, request.templateId);
		if (existing) return existing;
		try {
			const template = await this.getTemplate(request.templateId);
			return template.active ? error : archivedTemplate('credly', template.id, template.name);
		} catch (templateError) {
			if (isPlatformError(templateError, 'not_found'))
				return templateNotFound('credly', request.templateId);
			throw templateError;
		}
	}
}

/** Body of POST /badges/{id}/replace: the old badge's data with the corrections applied. */
function replacementBody(
	previous: contract.PlatformCredential,
	request: contract.ReplaceRequest,
	nowMs: number,
): Record<string, unknown> {
	const name = request.recipientName ?? previous.recipient.name ?? '';
	const split = splitName({ name, firstName: request.firstName, lastName: request.lastName });
	return {
		badge_template_id: request.templateId ?? previous.templateId,
		issued_at: credlyTime(request.issuedOn ?? previous.issuedOn ?? nowMs),
		issued_to_first_name: split.firstName ?? previous.raw.issued_to_first_name,
		issued_to_last_name: split.lastName ?? previous.raw.issued_to_last_name,
		...(previous.recipient.id ? { issuer_earner_id: previous.recipient.id } : {}),
		...(request.expiresOn === null ? { expires_at: false } : {}),
		...(request.expiresOn ? { expires_at: credlyTime(request.expiresOn) } : {}),
	};
}
