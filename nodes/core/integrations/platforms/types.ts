/**
 * The one interface every credential platform client implements. Platform quirks (auth header
 * forms, paging styles, duplicate rules, what "revoke" means) stay in the vendor folders; callers
 * only see these shapes.
 */

export type PlatformName = 'accredible' | 'credly' | 'certifier';

export const PLATFORM_LABELS: Record<PlatformName, string> = {
	accredible: 'Accredible',
	credly: 'Credly',
	certifier: 'Certifier',
};

/** Who receives the credential. */
export interface Recipient {
	/** Compared case-insensitively and sent lowercased (the platforms' own plugins do the same). */
	email: string;
	/** Full name as printed on the credential. */
	name: string;
	/** Credly needs the name split; derived from `name` (last word = last name) when absent. */
	firstName?: string;
	lastName?: string;
	/**
	 * Your stable learner id. Sent where the platform keeps one (Accredible recipient.id, Credly
	 * issuer_earner_id) so duplicate checks survive an email change.
	 */
	id?: string;
}

/** Enough to find a recipient's credential: an email, a stable id, or both. */
export interface RecipientRef {
	email?: string;
	id?: string;
}

export interface IssueRequest {
	/** Accredible group id, Credly badge template id, Certifier group (credential template) id. */
	templateId: string;
	recipient: Recipient;
	/** YYYY-MM-DD; the platform's default (today) when absent. */
	issuedOn?: string;
	/** YYYY-MM-DD; null = never expires; absent = the template's default. */
	expiresOn?: string | null;
	/** Custom attributes merged into the design (Accredible, Certifier). Values are text. */
	attributes?: Record<string, string>;
	/** Link to the evidence of completion (Accredible evidence item, Credly UrlEvidence). */
	evidenceUrl?: string;
	/** Your idempotency key; Accredible keeps it as the credential's own id (license_id). */
	idempotencyKey?: string;
	/** Send the platform's notification email (default true). */
	notify?: boolean;
}

/** Lifecycle states across platforms, mapped from each platform's own vocabulary. */
export type CredentialState =
	| 'draft'
	| 'scheduled'
	| 'pending'
	| 'issued'
	| 'accepted'
	| 'rejected'
	| 'unpublished'
	| 'expired'
	| 'revoked';

/** States in which a credential is no longer valid for the recipient. */
export const WITHDRAWN_STATES: ReadonlySet<CredentialState> = new Set(['expired', 'revoked']);

export interface PlatformCredential {
	platform: PlatformName;
	id: string;
	templateId: string;
	state: CredentialState;
	recipient: { email?: string; name?: string; id?: string };
	issuedOn?: string;
	expiresOn?: string | null;
	/** Public page where the recipient (or anyone) can view and verify it. */
	url?: string;
	/** Credly replacement links. */
	replacedBy?: string;
	replaces?: string;
	/** The platform's own object, untouched. */
	raw: Record<string, unknown>;
}

export interface CredentialTemplate {
	platform: PlatformName;
	id: string;
	/** What the dropdown shows. */
	name: string;
	description?: string;
	/** false for archived or draft templates: they cannot be issued from. */
	active: boolean;
	allowsDuplicates?: boolean;
	raw: Record<string, unknown>;
}

export type IssueOutcome =
	| {
			status: 'issued';
			credential: PlatformCredential;
			attempts: number;
			/**
			 * Found after an earlier attempt of this call whose answer was lost (so created by this
			 * call, once), or found half-done (a Certifier draft) and finished by this call.
			 */
			recovered?: boolean;
	  }
	| {
			status: 'already_issued';
			credential: PlatformCredential;
			attempts: number;
			/**
			 * lookup: found before creating; duplicate_rejection: the platform refused a copy;
			 * concurrent_call: an identical issue call in this process was running and issued it.
			 */
			detectedBy: 'lookup' | 'duplicate_rejection' | 'concurrent_call';
	  };

/**
 * revoke: Credly's own revoke (the record stays, state revoked).
 * expire: set the expiry date to today (Accredible, Certifier: the record stays, shows expired).
 * unpublish: Accredible only; hides the credential without expiring it.
 * delete: permanent removal, on every platform.
 */
export type RevokeMethod = 'revoke' | 'expire' | 'unpublish' | 'delete';

export interface RevokeRequest {
	credentialId: string;
	/** Defaults to the platform's governed method (see IssuerPlatform.revokeMethods[0]). */
	method?: RevokeMethod;
	/** Credly requires a reason; stored by Credly and shown to the earner. */
	reason?: string;
	/** Credly: send the revocation email (default true). */
	notify?: boolean;
	/** expire: the expiry date, YYYY-MM-DD (default today, UTC). */
	effectiveOn?: string;
}

export interface RevokeOutcome {
	method: RevokeMethod;
	credentialId: string;
	/** The credential after the change; absent when it was deleted. */
	credential?: PlatformCredential;
	deleted: boolean;
	/** true when it was already revoked/expired/unpublished and nothing was changed. */
	alreadyDone: boolean;
}

/** Corrections to an issued credential (a name change, a new date or expiry). */
export interface ReplaceRequest {
	credentialId: string;
	recipientName?: string;
	firstName?: string;
	lastName?: string;
	issuedOn?: string;
	expiresOn?: string | null;
	attributes?: Record<string, string>;
	/** Credly only: replace with a badge of another template. */
	templateId?: string;
}

export interface ReplaceOutcome {
	/** replaced: a new credential supersedes the old one (Credly); updated: changed in place. */
	mode: 'replaced' | 'updated';
	previous: PlatformCredential;
	credential: PlatformCredential;
}

export interface ListTemplatesOptions {
	/** Only templates that can be issued from (Credly state active). Default false. */
	activeOnly?: boolean;
}

export interface IssuerPlatform {
	readonly platform: PlatformName;
	/** Supported revoke methods; the first is the default (the platform's governed equivalent). */
	readonly revokeMethods: readonly RevokeMethod[];
	/** Every template, all pages. */
	listTemplates(options?: ListTemplatesOptions): Promise<CredentialTemplate[]>;
	/** The recipient's credential for this template, if any (live ones preferred). */
	findExisting(
		recipient: RecipientRef,
		templateId: string,
	): Promise<PlatformCredential | undefined>;
	/** Issues exactly once: looks up before creating and before every retry. */
	issue(request: IssueRequest): Promise<IssueOutcome>;
	get(credentialId: string): Promise<PlatformCredential>;
	revoke(request: RevokeRequest): Promise<RevokeOutcome>;
	replace(request: ReplaceRequest): Promise<ReplaceOutcome>;
}
