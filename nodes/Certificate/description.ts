import type { INodeProperties } from 'n8n-workflow';

import { TEMPLATE_FIELDS } from '../core/domain/certificate';
import { additionalFields } from './additional-fields';

// The decision the previous node produced: Verify Completion writes `decision`; CPE Credit's
// items are the decision itself (`creditDecision` when a workflow nests it). Defaults read
// each, so the node works after both without mapping.
const DECISION = '($json.creditDecision ?? $json.decision ?? $json)';

export const NASBA_TIME_STATEMENT =
	'In accordance with the standards of the National Registry of CPE Sponsors, CPE credits have been granted based on a 50-minute hour.';

const templateOnly = { show: { design: ['template'] } };
const programOnly = { show: { certificateLayout: ['program'] } };

const positionFields: INodeProperties[] = [
	{
		displayName: 'Field',
		name: 'field',
		type: 'options',
		options: TEMPLATE_FIELDS.map((value) => ({ name: value, value })),
		default: 'recipientName',
		description: 'Which certificate field to print here (qrCode draws the verification QR code)',
	},
	{
		displayName: 'X',
		name: 'x',
		type: 'number',
		default: 0,
		description: 'Points from the left edge of the page (72 points = 1 inch)',
	},
	{
		displayName: 'Y',
		name: 'y',
		type: 'number',
		default: 0,
		description: 'Points from the bottom edge: the text baseline, or the lower edge of the QR code',
	},
	{
		displayName: 'Size',
		name: 'size',
		type: 'number',
		default: 12,
		description: 'Font size in points, or the side length of the QR code',
	},
	{
		displayName: 'Alignment',
		name: 'align',
		type: 'options',
		options: [
			{ name: 'Left', value: 'left' },
			{ name: 'Center', value: 'center' },
			{ name: 'Right', value: 'right' },
		],
		default: 'left',
		description: 'Whether X is the left edge, the centre or the right edge of the text',
	},
	{
		displayName: 'Max Width',
		name: 'maxWidth',
		type: 'number',
		default: 0,
		description: 'Shrink the text to fit this many points (0 = no limit)',
	},
	{ displayName: 'Color', name: 'color', type: 'color', default: '#000000' },
	{
		displayName: 'Bold',
		name: 'bold',
		type: 'boolean',
		default: false,
		description: 'Whether to use the bold face (Latin text)',
	},
];

export const certificateProperties: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Render PDF',
				value: 'renderPdf',
				description: 'Render one PDF certificate per input item',
				action: 'Render a PDF certificate',
			},
		],
		default: 'renderPdf',
	},
	{
		displayName: 'Design',
		name: 'design',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Built-In',
				value: 'builtIn',
				description: 'A clean A4 landscape certificate with every element NASBA asks for',
			},
			{
				name: 'Template PDF',
				value: 'template',
				description: 'Your own PDF background; place each field by coordinates',
			},
		],
		default: 'builtIn',
	},
	{
		displayName: 'Certificate For',
		name: 'certificateLayout',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'One Program or Session',
				value: 'program',
				description: 'One course, session or program per certificate, with its credits',
			},
			{
				name: 'One Attendee, Every Session of an Event',
				value: 'attendee',
				description:
					'A table of the credited sessions (date, title, delivery method, field of study, credits) and the total; built-in design',
			},
		],
		default: 'program',
	},
	{
		displayName: 'Sessions',
		name: 'sessions',
		type: 'json',
		default: '={{ $json.sessionCredits }}',
		required: true,
		description:
			'The credited sessions, as CPE Credit\'s per-attendee output lists them: [{"title", "date" (YYYY-MM-DD), "deliveryMethod", "fieldOfStudy", "credits"}]. Credits by field of study, the total and the dates are taken from them.',
		displayOptions: { show: { certificateLayout: ['attendee'] } },
	},
	{
		displayName: 'Template Binary Property',
		name: 'templateBinaryProperty',
		type: 'string',
		default: 'template',
		required: true,
		description: 'The binary property of the input item that holds the template PDF',
		displayOptions: templateOnly,
	},
	{
		displayName: 'Template Page',
		name: 'templatePage',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 1,
		description: 'Which page of the template PDF to use as the background',
		displayOptions: templateOnly,
	},
	{
		displayName: 'Field Positions',
		name: 'fieldPositions',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true, sortable: true },
		placeholder: 'Add Field Position',
		default: {},
		description:
			'Where each field goes on the template page, in PDF points from the bottom-left corner',
		displayOptions: templateOnly,
		options: [{ displayName: 'Position', name: 'positions', values: positionFields }],
	},
	{
		displayName: 'Recipient Name',
		name: 'recipientName',
		type: 'string',
		required: true,
		default:
			'={{ $json.recipientName ?? $json.learner?.name ?? $json.attendee?.name ?? $json.name }}',
		description: 'The name to print, exactly as the recipient wants it (any script)',
	},
	{
		displayName: 'Course Title',
		name: 'courseTitle',
		type: 'string',
		required: true,
		default:
			'={{ $json.courseTitle ?? $json.course?.name ?? $json.session?.title ?? $json.sessionTitle }}',
	},
	{
		displayName: 'Credits',
		name: 'credits',
		type: 'json',
		default: `={{ ${DECISION}.credits !== undefined ? [{ "credits": ${DECISION}.credits, "fieldOfStudy": ${DECISION}.fieldOfStudy }] : [] }}`,
		description:
			'Credits by field of study, e.g. [{"credits": "2.8", "fieldOfStudy": "Accounting"}]; an empty list prints no credits',
		displayOptions: programOnly,
	},
	{
		displayName: 'Delivery Method',
		name: 'deliveryMethod',
		type: 'string',
		default: `={{ ${DECISION}.deliveryMethod ?? "" }}`,
		description:
			'One of group-live, group-internet, self-study, nano or blended (printed in the Standards’ wording), or any text to print as is',
		displayOptions: programOnly,
	},
	{
		displayName: 'Completed On',
		name: 'completedOn',
		type: 'string',
		required: true,
		default: `={{ $json.completedAt ?? ${DECISION}.decidedAt }}`,
		description: 'Date the program was completed (YYYY-MM-DD or an ISO timestamp)',
		displayOptions: programOnly,
	},
	{
		displayName: 'Sponsor Name',
		name: 'sponsorName',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'Example CPE Institute',
		description: 'The sponsor or provider that grants the credit',
	},
	{
		displayName: 'Statements',
		name: 'statements',
		type: 'string',
		typeOptions: { rows: 3 },
		default: NASBA_TIME_STATEMENT,
		description:
			'Statements a board requires, one per line (NASBA’s 50-minute-hour statement by default)',
	},
	{
		displayName: 'Verification URL',
		name: 'verificationUrl',
		type: 'string',
		default: '',
		placeholder: 'e.g. https://verify.example.org/c/{{ID}}',
		description:
			"The page that confirms a certificate; the QR code links here, and {{ID}} is replaced by the certificate ID (write {ID} inside an expression). Empty: this n8n's public base URL (WEBHOOK_URL) + /webhook/verify/{{ID}}, the page the verification-endpoint template serves.",
	},
	{
		displayName: 'Certificate ID',
		name: 'certificateIdSource',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Derived From Recipient, Course and Completion',
				value: 'derived',
				description: 'Same inputs give the same ID, so a retried run renders the same certificate',
			},
			{
				name: 'Mapped',
				value: 'mapped',
				description: 'Use an ID from the input, e.g. one the ledger reserved',
			},
		],
		default: 'derived',
	},
	{
		displayName: 'Certificate ID Value',
		name: 'certificateId',
		type: 'string',
		required: true,
		default: '={{ $json.certificateId }}',
		displayOptions: { show: { certificateIdSource: ['mapped'] } },
	},
	...additionalFields,
];
