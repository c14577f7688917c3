import type { FieldLabels } from '../../kit/issuing/issue-input';

/** Certifier ids (credentials, groups) are 26-character ULID-like strings. */
export const CERTIFIER_ID = {
	pattern: /^[0-9a-z]{26}$/i,
	expected: 'a Certifier id (26 letters and digits, such as 01g90279gp5sbmfek7wymcsvec)',
};

export const CERTIFIER_LABELS: FieldLabels = {
	templateId: 'Group',
	'recipient.email': 'Recipient Email',
	'recipient.name': 'Recipient Name',
	issuedOn: 'Issue Date',
	expiresOn: 'Expiry Date',
	attributes: 'Custom Attributes',
	credentialId: 'Credential ID',
};

/** How the course mapping table names Certifier's templates. */
export const CERTIFIER_MAPPING = { platform: 'Certifier', templateNoun: 'Group' };
