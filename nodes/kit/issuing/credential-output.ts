import type { IDataObject } from 'n8n-workflow';

import type {
	CredentialTemplate,
	IssueOutcome,
	PlatformCredential,
	RevokeOutcome,
} from '../../core/integrations/platforms';

/** One credential as the nodes output it: the common fields first, the platform's own object in `raw`. */
export function credentialJson(credential: PlatformCredential): IDataObject {
	return {
		platform: credential.platform,
		id: credential.id,
		templateId: credential.templateId,
		state: credential.state,
		recipientEmail: credential.recipient.email ?? null,
		recipientName: credential.recipient.name ?? null,
		recipientId: credential.recipient.id ?? null,
		issuedOn: credential.issuedOn ?? null,
		expiresOn: credential.expiresOn ?? null,
		url: credential.url ?? null,
		...(credential.replacedBy ? { replacedBy: credential.replacedBy } : {}),
		...(credential.replaces ? { replaces: credential.replaces } : {}),
		raw: credential.raw as IDataObject,
	};
}

/**
 * An issuance: `alreadyIssued` tells a workflow whether this call created the credential, so a
 * repeated completion can be answered with the existing one instead of a second credential.
 */
export function issueJson(outcome: IssueOutcome): IDataObject {
	return {
		status: outcome.status,
		alreadyIssued: outcome.status === 'already_issued',
		...(outcome.status === 'already_issued' ? { detectedBy: outcome.detectedBy } : {}),
		...(outcome.status === 'issued' && outcome.recovered ? { recovered: true } : {}),
		attempts: outcome.attempts,
		credential: credentialJson(outcome.credential),
	};
}

export function revokeJson(outcome: RevokeOutcome, extra: IDataObject = {}): IDataObject {
	return {
		method: outcome.method,
		credentialId: outcome.credentialId,
		deleted: outcome.deleted,
		alreadyDone: outcome.alreadyDone,
		...extra,
		credential: outcome.credential ? credentialJson(outcome.credential) : null,
	};
}

export function templateJson(template: CredentialTemplate): IDataObject {
	return {
		platform: template.platform,
		id: template.id,
		name: template.name,
		description: template.description ?? null,
		active: template.active,
		...(template.allowsDuplicates !== undefined
			? { allowsDuplicates: template.allowsDuplicates }
			: {}),
		raw: template.raw as IDataObject,
	};
}
