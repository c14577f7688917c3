import { asRecord, idText, optionalText } from '../client-options';
import { splitName } from '../issue-request';
import type {
	CredentialState,
	CredentialTemplate,
	IssueRequest,
	PlatformCredential,
} from '../types';

const STATES: Record<string, CredentialState> = {
	pending: 'pending',
	accepted: 'accepted',
	rejected: 'rejected',
	revoked: 'revoked',
	expired: 'expired',
};

const EVIDENCE_NAME = 'Evidence of completion';

/** Credly's documented date form: "2014-04-01 09:41:00 -0500". */
export function credlyTime(date: string | number): string {
	const iso = typeof date === 'number' ? new Date(date).toISOString() : `${date}T00:00:00.000Z`;
	return `${iso.slice(0, 10)} ${iso.slice(11, 19)} +0000`;
}

/** Body of POST /organizations/{org}/badges. */
export function badgePayload(request: IssueRequest, nowMs: number): Record<string, unknown> {
	const { firstName, lastName } = splitName(request.recipient);
	return {
		recipient_email: request.recipient.email.toLowerCase(),
		issued_to_first_name: firstName,
		issued_to_last_name: lastName,
		badge_template_id: request.templateId,
		issued_at: credlyTime(request.issuedOn ?? nowMs),
		// Makes Credly's own duplicate rule hold across email changes.
		...(request.recipient.id ? { issuer_earner_id: request.recipient.id } : {}),
		// Credly: null = the template's default, false = never expires.
		...(request.expiresOn === null ? { expires_at: false } : {}),
		...(request.expiresOn ? { expires_at: credlyTime(request.expiresOn) } : {}),
		suppress_badge_notification_email: request.notify === false,
		...(request.evidenceUrl
			? { evidence: [{ type: 'UrlEvidence', name: EVIDENCE_NAME, value: request.evidenceUrl }] }
			: {}),
	};
}

export function fromBadge(raw: Record<string, unknown>): PlatformCredential {
	const template = asRecord(raw.badge_template);
	const first = optionalText(raw.issued_to_first_name);
	const last = optionalText(raw.issued_to_last_name);
	const expiresAt = optionalText(raw.expires_at_date) ?? optionalText(raw.expires_at);
	return {
		platform: 'credly',
		id: idText(raw.id) ?? '',
		templateId: idText(template?.id) ?? idText(raw.badge_template_id) ?? '',
		state: STATES[String(raw.state)] ?? 'issued',
		recipient: {
			email: optionalText(raw.recipient_email),
			name: optionalText(raw.issued_to) ?? ([first, last].filter(Boolean).join(' ') || undefined),
			id: idText(raw.issuer_earner_id),
		},
		issuedOn: (optionalText(raw.issued_at_date) ?? optionalText(raw.issued_at))?.slice(0, 10),
		expiresOn: expiresAt?.slice(0, 10) ?? null,
		url: optionalText(raw.badge_url) ?? optionalText(raw.accept_badge_url),
		replacedBy: idText(raw.replacement_badge_id),
		replaces: idText(raw.replaces_badge_id),
		raw,
	};
}

export function fromTemplate(raw: Record<string, unknown>): CredentialTemplate {
	return {
		platform: 'credly',
		id: idText(raw.id) ?? '',
		name: optionalText(raw.name) ?? String(raw.id),
		description: optionalText(raw.description),
		active: raw.state === 'active',
		allowsDuplicates: raw.allow_duplicate_badges === true,
		raw,
	};
}
