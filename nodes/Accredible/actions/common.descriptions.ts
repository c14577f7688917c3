import type { INodeProperties } from 'n8n-workflow';

/** The credential id every single-credential operation works on. */
export const credentialIdField: INodeProperties = {
	displayName: 'Credential ID',
	name: 'credentialId',
	type: 'string',
	required: true,
	default: '',
	placeholder: '10000005',
	description: 'The Accredible credential ID (the number at the end of its credential.net link)',
};

export const groupField: INodeProperties = {
	displayName: 'Group Name or ID',
	name: 'groupId',
	type: 'options',
	typeOptions: { loadOptionsMethod: 'getGroups' },
	required: true,
	default: '',
	description:
		'The group (credential template) to issue from; an exact group name also works. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
};

/** How the course mapping table names Accredible's templates. */
export const ACCREDIBLE_MAPPING = { platform: 'Accredible', templateNoun: 'Group' };

/** Tries and timeout, offered on every operation that calls the API. */
export const requestOptions: INodeProperties[] = [
	{
		displayName: 'Max Attempts',
		name: 'maxAttempts',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 10 },
		default: 3,
		description:
			'Tries per request, the first included, on rate limits (429, waiting as long as Retry-After says), server errors and timeouts. Create also repeats its look-up-then-create round up to this many times.',
	},
	{
		displayName: 'Timeout (Seconds)',
		name: 'timeout',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 300 },
		default: 30,
		description: 'How long to wait for each answer from Accredible',
	},
];

/** The options collection of operations that only read or change one credential. */
export function optionsCollection(extra: INodeProperties[] = []): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [...extra, ...requestOptions].sort((a, b) =>
			a.displayName.localeCompare(b.displayName),
		),
	};
}

/** Labels of the issue request fields, so errors name the field the user sees. */
export const ISSUE_FIELD_LABELS: Record<string, string> = {
	templateId: 'Group Name or ID',
	'recipient.email': 'Recipient Email',
	'recipient.name': 'Recipient Name',
	'recipient.id': 'Recipient ID',
	recipient: 'Recipient',
	issuedOn: 'Issued On',
	expiresOn: 'Expires On',
	attributes: 'Custom Attributes',
	evidenceUrl: 'Evidence URL',
	idempotencyKey: 'Credential Reference',
};
