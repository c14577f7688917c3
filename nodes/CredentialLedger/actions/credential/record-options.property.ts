import type { INodeProperties } from 'n8n-workflow';

import { goLiveModeOption } from './go-live-mode.property';

/** Record Outcome's Options: the attempt, public attributes and what an Issued entry says. */
export const recordOptions: INodeProperties = {
	displayName: 'Options',
	name: 'recordOptions',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [
		goLiveModeOption,
		{
			displayName: 'Attempt',
			name: 'attempt',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 0,
			description:
				'The reservation attempt this outcome belongs to (field ledger.attempt); refused if a newer attempt holds the reservation. 0 = do not check.',
		},
		{
			displayName: 'Attributes',
			name: 'attributes',
			type: 'json',
			default: '{}',
			description: 'Further public facts as a JSON object (no names or emails)',
		},
		{
			displayName: 'Attributes From Certificate',
			name: 'attributesFromCertificate',
			type: 'boolean',
			default: false,
			description:
				"Whether, for Issued, to record the public facts of the PDF the Certificate node rendered for this item (its certificate field): title, issuer, credits with unit and field of study, and the PDF's SHA-256, as the verification page shows them. A field also set in Attributes keeps the Attributes value.",
		},
		{
			displayName: 'Holder Name as Printed',
			name: 'holderName',
			type: 'string',
			default: '',
			description:
				'For Issued: the name on the certificate, shown on the public verification page. Kept as private evidence (never in the chain), so it is erased with the rest after retention.',
		},
		{
			displayName: 'Issued On',
			name: 'issuedOn',
			type: 'dateTime',
			default: '',
			description: 'When the platform issued it, if not now',
		},
		{
			displayName: 'Learner Email Follows',
			name: 'emailFollows',
			type: 'boolean',
			default: false,
			description:
				'Whether, for Issued, this workflow emails the learner next and records Delivered. Only then does List Due Retries offer the credential on Resend if that email never went out (the run stopped first). Leave off when the platform or nobody emails the learner, so the queue never mails them.',
		},
		{
			displayName: 'Reconciled',
			name: 'reconciled',
			type: 'boolean',
			default: false,
			description:
				'Whether this issuance was found at the platform after a stale (Pending) reservation',
		},
	],
};
