import { asRecord, idText, optionalText } from '../client-options';
import type {
	CredentialState,
	CredentialTemplate,
	IssueRequest,
	PlatformCredential,
	ReplaceRequest,
} from '../types';

const STATES: Record<string, CredentialState> = {
	draft: 'draft',
	scheduled: 'scheduled',
	issued: 'issued',
	expired: 'expired',
	// Deprecated names from the older API.
	unpublished: 'draft',
	published: 'issued',
};

/** Certifier keys custom attributes by tag, always "custom.<tag>". */
export function customAttributes(attributes: Record<string, string>): Record<string, string> {
	return Object.fromEntries(
		Object.entries(attributes).map(([key, value]) => [
			key.startsWith('custom.') ? key : `custom.${key}`,
			value,
		]),
	);
}

/** Body of POST /v1/credentials and /v1/credentials/create-issue-send. */
export function credentialPayload(request: IssueRequest): Record<string, unknown> {
	return {
		groupId: request.templateId,
		// Certifier's recipient.id is its own; ours is not sent.
		recipient: { name: request.recipient.name, email: request.recipient.email.toLowerCase() },
		...(request.issuedOn ? { issueDate: request.issuedOn } : {}),
		...(request.expiresOn !== undefined ? { expiryDate: request.expiresOn } : {}),
		...(request.attributes ? { customAttributes: customAttributes(request.attributes) } : {}),
	};
}

/** Body of PATCH /v1/credentials/{id}. */
export function patchPayload(
	request: ReplaceRequest,
	currentEmail: string | undefined,
): Record<string, unknown> {
	const name =
		request.recipientName ??
		(request.firstName || request.lastName
			? [request.firstName, request.lastName].filter(Boolean).join(' ')
			: undefined);
	return {
		...(name ? { recipient: { name, ...(currentEmail ? { email: currentEmail } : {}) } } : {}),
		...(request.issuedOn ? { issueDate: request.issuedOn } : {}),
		...(request.expiresOn !== undefined ? { expiryDate: request.expiresOn } : {}),
		...(request.attributes ? { customAttributes: customAttributes(request.attributes) } : {}),
	};
}

export function fromCredential(
	raw: Record<string, unknown>,
	portalUrl: string,
): PlatformCredential {
	const recipient = asRecord(raw.recipient) ?? {};
	const publicId = optionalText(raw.publicId);
	return {
		platform: 'certifier',
		id: idText(raw.id) ?? '',
		templateId: idText(raw.groupId) ?? '',
		state: STATES[String(raw.status)] ?? 'issued',
		recipient: {
			email: optionalText(recipient.email),
			name: optionalText(recipient.name),
			id: idText(recipient.id),
		},
		issuedOn: optionalText(raw.issueDate)?.slice(0, 10),
		expiresOn: optionalText(raw.expiryDate)?.slice(0, 10) ?? null,
		url: publicId ? `${portalUrl}/credentials/${publicId}` : undefined,
		raw,
	};
}

export function fromGroup(raw: Record<string, unknown>): CredentialTemplate {
	return {
		platform: 'certifier',
		id: idText(raw.id) ?? '',
		name: optionalText(raw.name) ?? String(raw.id),
		active: true,
		raw,
	};
}
