import type { FieldLabels } from '../../kit/issuing/issue-input';

/** Credly ids (organizations, templates, badges, events) are UUIDs. */
export const UUID = {
	pattern: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
	expected: 'a Credly id (a UUID such as cfaf2910-ea5f-46f1-89a5-db525dad6e58)',
};

/** Issue request paths → the parameters the user fills in. */
export const CREDLY_LABELS: FieldLabels = {
	templateId: 'Badge Template',
	'recipient.email': 'Recipient Email',
	'recipient.name': 'First Name and Last Name',
	'recipient.firstName': 'First Name',
	'recipient.lastName': 'Last Name',
	'recipient.id': 'Issuer Earner ID',
	issuedOn: 'Issued On',
	expiresOn: 'Expires On',
	evidenceUrl: 'Evidence URL',
	badgeId: 'Badge ID',
	reason: 'Reason',
};

/** How the course mapping table names Credly's templates. */
export const CREDLY_MAPPING = { platform: 'Credly', templateNoun: 'Badge Template' };
