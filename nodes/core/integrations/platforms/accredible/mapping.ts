import { asRecord, idText, optionalText } from '../client-options';
import type {
	CredentialState,
	CredentialTemplate,
	IssueRequest,
	PlatformCredential,
	ReplaceRequest,
} from '../types';

/** The body of POST /v1/credentials (and one item of a bulk create, unwrapped). */
export function credentialPayload(request: IssueRequest): Record<string, unknown> {
	const { recipient } = request;
	return {
		group_id: Number(request.templateId),
		recipient: {
			name: recipient.name,
			email: recipient.email.toLowerCase(),
			...(recipient.id ? { id: recipient.id } : {}),
		},
		...(request.issuedOn ? { issued_on: request.issuedOn } : {}),
		...(request.expiresOn !== undefined ? { expired_on: request.expiresOn } : {}),
		...(request.attributes ? { custom_attributes: request.attributes } : {}),
		// Accredible has no per-credential "do not email" switch: its emails go out when a
		// credential is published. Not notifying therefore means creating it unpublished.
		...(request.notify === false ? { approve: false } : {}),
		// Kept by Accredible as the credential's own reference (license_id); handy for searches.
		// Whether it is enforced unique is not documented, so the lookup stays the safeguard.
		...(request.idempotencyKey ? { id: request.idempotencyKey } : {}),
		...(request.evidenceUrl
			? {
					evidence_items: [
						{ description: 'Evidence of completion', url: request.evidenceUrl, category: 'url' },
					],
				}
			: {}),
	};
}

/** The `credential` fields a replace (in-place update) changes. */
export function updatePayload(request: ReplaceRequest): Record<string, unknown> {
	const name =
		request.recipientName ??
		(request.firstName || request.lastName
			? [request.firstName, request.lastName].filter(Boolean).join(' ')
			: undefined);
	return {
		...(name ? { recipient: { name } } : {}),
		...(request.issuedOn ? { issued_on: request.issuedOn } : {}),
		...(request.expiresOn !== undefined ? { expired_on: request.expiresOn } : {}),
		...(request.attributes ? { custom_attributes: request.attributes } : {}),
	};
}

/**
 * Accredible has no state field: unpublished = approve false; expired = an expiry date that has
 * come ([inferred] from the field's meaning: the page then shows it as expired).
 */
export function accredibleState(
	approve: unknown,
	expiredOn: unknown,
	today: string,
): CredentialState {
	if (typeof expiredOn === 'string' && expiredOn.slice(0, 10) <= today) return 'expired';
	if (approve === false) return 'unpublished';
	return 'issued';
}

/** A v1 credential object ({credential: {...}} unwrapped). */
export function fromV1(raw: Record<string, unknown>, today: string): PlatformCredential {
	const recipient = asRecord(raw.recipient) ?? {};
	const expiredOn = optionalText(raw.expired_on) ?? null;
	return {
		platform: 'accredible',
		id: idText(raw.id) ?? '',
		templateId: idText(raw.group_id) ?? '',
		state: accredibleState(raw.approve, expiredOn, today),
		recipient: {
			email: optionalText(recipient.email),
			name: optionalText(recipient.name),
			id: idText(recipient.id),
		},
		issuedOn: optionalText(raw.issued_on)?.slice(0, 10),
		expiresOn: expiredOn?.slice(0, 10) ?? null,
		url: optionalText(raw.url),
		raw,
	};
}

/** A v2 search hit (flat: recipient_email, group{id}). It carries no public URL. */
export function fromV2(raw: Record<string, unknown>, today: string): PlatformCredential {
	const expiredOn = optionalText(raw.expired_on) ?? null;
	return {
		platform: 'accredible',
		id: idText(raw.id) ?? '',
		templateId: idText(asRecord(raw.group)?.id) ?? '',
		state: accredibleState(raw.approve, expiredOn, today),
		recipient: {
			email: optionalText(raw.recipient_email),
			name: optionalText(raw.recipient_name),
			id: idText(raw.recipient_id),
		},
		issuedOn: optionalText(raw.issued_on)?.slice(0, 10),
		expiresOn: expiredOn?.slice(0, 10) ?? null,
		raw,
	};
}

export function fromGroup(raw: Record<string, unknown>): CredentialTemplate {
	const name = optionalText(raw.name) ?? optionalText(raw.course_name) ?? String(raw.id);
	const courseName = optionalText(raw.course_name);
	return {
		platform: 'accredible',
		id: idText(raw.id) ?? '',
		// `name` is internal, `course_name` is what recipients see: show both when they differ.
		name: courseName && courseName !== name ? `${name} (${courseName})` : name,
		description: optionalText(raw.course_description),
		active: true,
		allowsDuplicates: raw.allow_duplicate_credentials === true,
		raw,
	};
}
