import type { INodeProperties } from 'n8n-workflow';

import { embeddedFilesOption } from './embedded-files';

const text = (
	displayName: string,
	name: string,
	description: string,
	extra: Partial<INodeProperties> = {},
): INodeProperties => ({
	displayName,
	name,
	type: 'string',
	default: '',
	description,
	...extra,
});

export const additionalFields: INodeProperties[] = [
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			text(
				'Certificate Title',
				'title',
				'Heading of the built-in design (default: Certificate of Completion)',
			),
			text('Course ID', 'courseId', 'Part of the derived certificate ID and the PDF keywords'),
			text('Credit Unit', 'creditUnit', 'How credits are named (default: CPE credits)'),
			text(
				'Decision Reference',
				'decisionRef',
				'Provenance printed in the footer, e.g. the credit policy ID, version and hash',
			),
			text(
				'Idempotency Key',
				'idempotencyKey',
				'Derive the certificate ID from this key instead of recipient, course and completion (e.g. the decision’s businessKey)',
			),
			text(
				'Issued At',
				'issuedAt',
				'ISO-8601 issue time (default: now); also the PDF creation date',
			),
			text('Language', 'language', 'BCP 47 language of the certificate text (default: en)'),
			text('Location', 'location', 'Where the program took place, if applicable'),
			text('Recipient Email', 'recipientEmail', 'Part of the derived certificate ID; not printed', {
				placeholder: 'name@email.com',
			}),
			text(
				'Recipient ID',
				'recipientId',
				'The learner or attendee ID; part of the derived certificate ID; not printed',
			),
			text(
				'Registry ID Label',
				'sponsorRegistryLabel',
				'Label printed before the sponsor ID (default: NASBA Registry Sponsor ID)',
			),
			text(
				'Signer Name',
				'signerName',
				'The person responsible for CE administration, printed under the signature line',
			),
			text('Signer Title', 'signerTitle', 'The signer’s role'),
			text('Sponsor Contact', 'sponsorContact', 'Address, email or phone of the sponsor'),
			text(
				'Sponsor Registry ID',
				'sponsorRegistryId',
				'The sponsor’s NASBA Registry (or state board) ID',
			),
			text('Started On', 'startedOn', 'First day, for programs over several days'),
			text(
				'Supersedes Certificate ID',
				'supersedes',
				'Reissue: the ID of the certificate this one replaces; the new certificate gets a new ID and says what it supersedes',
			),
			text(
				'Supersession Reason',
				'supersessionReason',
				'Why the certificate was reissued, e.g. name corrected',
			),
		],
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			text(
				'Put PDF in Binary Property',
				'binaryProperty',
				'The output binary property that receives the PDF',
				{ default: 'certificate' },
			),
			text(
				'Put Record in Field',
				'recordField',
				'The output JSON field that receives the certificate record',
				{ default: 'certificate' },
			),
			embeddedFilesOption,
			text('File Name', 'fileName', 'File name of the PDF (default: certificate-<ID>.pdf)'),
			text(
				'LinkedIn Organization ID',
				'linkedInOrganizationId',
				'Numeric ID of the issuer’s LinkedIn company page; with it (or the name) the record gets an add-to-profile link',
			),
			text(
				'LinkedIn Organization Name',
				'linkedInOrganizationName',
				'Issuer name for the add-to-profile link when there is no organization ID',
			),
		],
	},
];
