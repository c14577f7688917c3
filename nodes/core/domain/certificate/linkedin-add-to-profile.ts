import { CertificateError } from './errors';

/**
 * LinkedIn's "Add to Profile" link for certifications: the learner opens it while signed in and
 * LinkedIn pre-fills a new certification. No LinkedIn account or API key is needed to build it.
 *
 * Documented parameters (LinkedIn's Add to Profile for Certifications guide): startTask,
 * name, organizationId, issueYear, issueMonth, certUrl, certId.
 * Inferred, not documented there: organizationName (used when there is no company page ID) and
 * expirationYear/expirationMonth (the same year/month pattern as the issue date).
 */
export const LINKEDIN_ADD_TO_PROFILE_URL = 'https://www.linkedin.com/profile/add';

export interface AddToProfileInput {
	/** The certification name the profile shows, e.g. the course or achievement name. */
	name: string;
	/** The issuer's LinkedIn company page ID (digits); preferred, as it links the company page. */
	organizationId?: string;
	/** The issuer's name, used when there is no organization ID. */
	organizationName?: string;
	/** When the credential was issued: an ISO date or timestamp. */
	issuedAt: string;
	/** When the credential expires, if it does. */
	expiresAt?: string;
	/** The verification URL: LinkedIn shows it as the credential URL. */
	certUrl?: string;
	/** The certificate or badge ID: LinkedIn shows it as the credential ID. */
	certId?: string;
}

const FIELD = 'linkedIn';

function yearMonth(value: string, label: string): { year: string; month: string } {
	const date = new Date(value);
	if (!value.trim() || Number.isNaN(date.getTime()))
		throw new CertificateError(
			FIELD,
			`LinkedIn link: ${label} "${value}" is not a date; give an ISO date such as 2026-03-31`,
		);
	return { year: String(date.getUTCFullYear()), month: String(date.getUTCMonth() + 1) };
}

/** Builds the add-certification link; empty optional fields are left out, never sent empty. */
export function linkedInAddToProfileUrl(input: AddToProfileInput): string {
	const name = input.name.trim();
	if (!name)
		throw new CertificateError(FIELD, 'LinkedIn link: give the certification name, e.g. the course title');
	const organizationId = input.organizationId?.trim();
	if (organizationId && !/^\d+$/.test(organizationId))
		throw new CertificateError(
			FIELD,
			`LinkedIn link: organization ID "${organizationId}" is not the numeric ID of a LinkedIn company page; leave it empty to use the organization name`,
		);
	const organizationName = input.organizationName?.trim();
	if (!organizationId && !organizationName)
		throw new CertificateError(
			FIELD,
			'LinkedIn link: give the organization ID (numeric LinkedIn company page ID) or the organization name',
		);
	const params = new URLSearchParams({ startTask: 'CERTIFICATION_NAME', name });
	if (organizationId) params.set('organizationId', organizationId);
	else if (organizationName) params.set('organizationName', organizationName);
	const issued = yearMonth(input.issuedAt, 'issue date');
	params.set('issueYear', issued.year);
	params.set('issueMonth', issued.month);
	if (input.expiresAt?.trim()) {
		const expires = yearMonth(input.expiresAt, 'expiry date');
		params.set('expirationYear', expires.year);
		params.set('expirationMonth', expires.month);
	}
	if (input.certUrl?.trim()) params.set('certUrl', input.certUrl.trim());
	if (input.certId?.trim()) params.set('certId', input.certId.trim());
	// URLSearchParams writes spaces as "+"; %20 reads the same everywhere a link may be pasted.
	return `${LINKEDIN_ADD_TO_PROFILE_URL}?${params.toString().replace(/\+/g, '%20')}`;
}
