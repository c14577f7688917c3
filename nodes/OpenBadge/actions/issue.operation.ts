import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { OpenBadgeError } from '../../core/domain/open-badges';
import { updateDisplayOptions } from '../../kit/display-options';
import { optionalText } from '../../kit/text';
import type { BadgeRun } from './common';

const properties: INodeProperties[] = [
	{
		displayName: 'Idempotency Key',
		name: 'key',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. {{ $json.ledger.key }}',
		description: 'One badge per key, ever: a repeat answers Already Issued with the first badge',
	},
	{
		displayName: 'Decision',
		name: 'decision',
		type: 'json',
		default: '={{ $json.decision }}',
		description: 'The Verify Completion or CPE Credit decision the badge is issued for',
	},
	{
		displayName: 'Achievement Name',
		name: 'achievementName',
		type: 'string',
		default: '',
		required: true,
	},
	{
		displayName: 'Achievement Description',
		name: 'achievementDescription',
		type: 'string',
		typeOptions: { rows: 2 },
		default: '',
		required: true,
	},
	{
		displayName: 'Criteria',
		name: 'criteria',
		type: 'string',
		typeOptions: { rows: 2 },
		default: '',
		required: true,
		description: 'What the learner had to do, in words a verifier reads',
	},
	{
		displayName: 'Recipient Email',
		name: 'recipientEmail',
		type: 'string',
		default: '={{ $json.learner?.email }}',
		description: 'Stored in the badge only as a salted SHA-256 hash',
	},
	{
		displayName: 'Learner ID',
		name: 'learnerId',
		type: 'string',
		default: '={{ $json.learner?.id }}',
		description: 'Stored in the badge only as a salted SHA-256 hash',
	},
	{
		displayName: 'Issued On',
		name: 'issuedOn',
		type: 'dateTime',
		default: '',
		description: 'Empty: now',
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{ displayName: 'Achievement ID', name: 'achievementId', type: 'string', default: '' },
			{
				displayName: 'Credits Earned',
				name: 'creditsEarned',
				type: 'number',
				default: 0,
				typeOptions: { minValue: 0, numberPrecision: 2 },
			},
			{ displayName: 'Criteria URL', name: 'criteriaUrl', type: 'string', default: '' },
			{ displayName: 'Evidence URL', name: 'evidenceUrl', type: 'string', default: '' },
			{ displayName: 'Expires On', name: 'expiresOn', type: 'dateTime', default: '' },
			{
				displayName: 'Image Binary Property',
				name: 'imageBinaryProperty',
				type: 'string',
				default: '',
				placeholder: 'data',
				description:
					'A PNG or SVG on the input item (e.g. the certificate rendered as an image), embedded in the badge',
			},
			{
				displayName: 'Image URL',
				name: 'imageUrl',
				type: 'string',
				default: '',
				description:
					'An https:// PNG or SVG, or a data:image/png;base64 / data:image/svg+xml;base64 URI',
			},
			{
				displayName: 'Include Suspension Status',
				name: 'includeSuspension',
				type: 'boolean',
				default: false,
				description:
					'Whether the badge also points at the suspension list, so Suspend shows to verifiers. The OB 3.0 JSON Schema allows one status entry: such a badge is valid VC 2.0 but fails that schema.',
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['badge'], operation: ['issue'] } },
	properties,
);

const IMAGE_TYPES = ['image/png', 'image/svg+xml'];

async function imageOf(
	this: IExecuteFunctions,
	itemIndex: number,
	fields: IDataObject,
): Promise<string | undefined> {
	const property = optionalText(fields.imageBinaryProperty);
	if (!property) return optionalText(fields.imageUrl);
	const binary = this.helpers.assertBinaryData(itemIndex, property);
	if (!IMAGE_TYPES.includes(binary.mimeType))
		throw new OpenBadgeError(
			'invalid_input',
			'imageBinaryProperty',
			`Image Binary Property: "${property}" is ${binary.mimeType}; give a PNG or SVG image`,
		);
	const bytes = await this.helpers.getBinaryDataBuffer(itemIndex, property);
	return `data:${binary.mimeType};base64,${bytes.toString('base64')}`;
}

const isoOrUndefined = (value: unknown) => {
	const text = optionalText(value);
	if (text === undefined) return undefined;
	const date = new Date(text);
	return Number.isNaN(date.getTime()) ? text : date.toISOString();
};

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	run: BadgeRun,
	item: INodeExecutionData,
): Promise<IDataObject> {
	if (!run.statusBaseUrl || !/^https?:\/\/\S+$/.test(run.statusBaseUrl))
		throw new OpenBadgeError(
			'invalid_input',
			'statusBaseUrl',
			'Status List Base URL: give the public http(s) URL your verification endpoint serves status lists under, e.g. https://n8n.example.org/webhook/badges/status',
		);
	const text = (name: string) => optionalText(this.getNodeParameter(name, itemIndex, ''));
	const fields = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const credits = fields.creditsEarned;
	// Empty fields stay undefined: the domain names what is missing, and leaves out what may be.
	const request = {
		achievement: {
			name: text('achievementName'),
			description: text('achievementDescription'),
			criteria: text('criteria'),
			id: optionalText(fields.achievementId),
			criteriaUrl: optionalText(fields.criteriaUrl),
			image: await imageOf.call(this, itemIndex, fields),
		},
		recipient: { email: text('recipientEmail'), learnerId: text('learnerId') },
		issuer: { name: run.issuer.name, url: run.issuer.url },
		issuedOn:
			isoOrUndefined(this.getNodeParameter('issuedOn', itemIndex, '')) ?? new Date().toISOString(),
		expiresOn: isoOrUndefined(fields.expiresOn),
		evidenceUrl: optionalText(fields.evidenceUrl),
		creditsEarned: typeof credits === 'number' && credits > 0 ? credits : undefined,
	};
	const purposes =
		fields.includeSuspension === true ? (['revocation', 'suspension'] as const) : undefined;
	const outcome = await run
		.badges(purposes ? [...purposes] : undefined)
		.issue(text('key') ?? '', this.getNodeParameter('decision', itemIndex, {}), request);
	return { ...item.json, openBadge: outcome as unknown as IDataObject };
}
