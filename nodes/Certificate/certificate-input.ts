import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import {
	defaultVerificationUrl,
	deriveCertificateId,
	verificationUrlFor,
	type CertificateInput,
	type FieldPositionInput,
} from '../core/domain/certificate';
import { readJsonParameter } from '../kit/errors';
import { itemParameter } from '../kit/item-parameter';
import { optionalText } from '../kit/text';

const CREDITS_EXAMPLE = '[{"credits": "2.8", "fieldOfStudy": "Accounting"}]';
const SESSIONS_EXAMPLE =
	'[{"title": "Ethics for CPAs", "date": "2026-05-14", "deliveryMethod": "group-live", "fieldOfStudy": "Behavioral Ethics", "credits": "2"}]';

/** Verification URL as given, else this instance's base URL plus the verification template's path. */
function verificationBaseOf(this: IExecuteFunctions, itemIndex: number): string {
	const given = optionalText(this.getNodeParameter('verificationUrl', itemIndex, ''));
	if (given) return given;
	const fallback = defaultVerificationUrl(String(this.getInstanceBaseUrl() ?? ''));
	if (fallback) return fallback;
	throw new NodeOperationError(
		this.getNode(),
		`Item ${itemIndex}: Verification URL is empty and n8n reports no public base URL`,
		{
			itemIndex,
			description:
				'Set WEBHOOK_URL to the address people reach this n8n at, or fill Verification URL, e.g. https://verify.example.org/c/{{id}}.',
		},
	);
}

/** A JSON list parameter, or an error naming it with an example of what it takes. */
function listParameter(
	this: IExecuteFunctions,
	itemIndex: number,
	name: 'credits' | 'sessions',
	example: string,
): unknown[] {
	const read = readJsonParameter(itemParameter.call(this, name, itemIndex, '[]'), name);
	const value = read.ok ? (read.value ?? []) : undefined;
	if (Array.isArray(value)) return value;
	const label = name === 'credits' ? 'Credits' : 'Sessions';
	throw new NodeOperationError(
		this.getNode(),
		`Item ${itemIndex}: ${label} ${read.ok ? 'is not a list' : read.issue.message}`,
		{ itemIndex, description: `${label} must be a list such as ${example}.` },
	);
}

/** The certificate's fields for one item, from the node parameters (mostly expressions). */
export function readCertificateInput(this: IExecuteFunctions, itemIndex: number): CertificateInput {
	const param = (name: string) => optionalText(itemParameter.call(this, name, itemIndex, ''));
	// An attendee certificate takes its credits, methods and dates from its sessions.
	const attendee = this.getNodeParameter('certificateLayout', itemIndex, 'program') === 'attendee';
	const extra = itemParameter.call(this, 'additionalFields', itemIndex, {}) as IDataObject;
	const more = (name: string) => optionalText(extra[name]);

	const recipientName = param('recipientName');
	if (!recipientName)
		throw new NodeOperationError(this.getNode(), `Item ${itemIndex}: Recipient Name is empty`, {
			itemIndex,
			description:
				'Map the name to print, e.g. {{ $json.learner.name }}; the default reads recipientName, learner.name or attendee.name from the item.',
		});
	const credits = attendee ? [] : listParameter.call(this, itemIndex, 'credits', CREDITS_EXAMPLE);
	const sessions = attendee
		? listParameter.call(this, itemIndex, 'sessions', SESSIONS_EXAMPLE)
		: undefined;
	if (sessions?.length === 0)
		throw new NodeOperationError(this.getNode(), `Item ${itemIndex}: Sessions is empty`, {
			itemIndex,
			description: `An attendee certificate lists at least one credited session: map CPE Credit's per-attendee output ({{ $json.sessionCredits }}) or a list such as ${SESSIONS_EXAMPLE}.`,
		});

	const courseTitle = param('courseTitle') ?? '';
	const completedOn = attendee ? '' : (param('completedOn') ?? '');
	const supersedes = more('supersedes');
	let certificateId: string;
	if (this.getNodeParameter('certificateIdSource', itemIndex) === 'mapped') {
		certificateId = param('certificateId') ?? '';
	} else {
		const key = more('idempotencyKey');
		const recipient = more('recipientId') ?? more('recipientEmail') ?? recipientName;
		const course = more('courseId') ?? courseTitle;
		// One certificate per attendee and event: its sessions may change, its ID does not.
		const parts = key ? [key] : attendee ? [recipient, course] : [recipient, course, completedOn];
		certificateId = deriveCertificateId(parts, supersedes);
	}
	const statements = (this.getNodeParameter('statements', itemIndex, '') as string)
		.split(/\r?\n/)
		.map((line) => line.trim())
		.filter(Boolean);

	return {
		recipientName,
		recipientEmail: more('recipientEmail'),
		recipientId: more('recipientId'),
		courseTitle,
		courseId: more('courseId'),
		credits: credits as CertificateInput['credits'],
		sessions: sessions as CertificateInput['sessions'],
		creditUnit: more('creditUnit'),
		deliveryMethod: attendee ? undefined : param('deliveryMethod'),
		completedOn,
		startedOn: more('startedOn'),
		location: more('location'),
		sponsorName: param('sponsorName') ?? '',
		sponsorContact: more('sponsorContact'),
		sponsorRegistryId: more('sponsorRegistryId'),
		sponsorRegistryLabel: more('sponsorRegistryLabel'),
		signerName: more('signerName'),
		signerTitle: more('signerTitle'),
		statements,
		certificateId,
		verificationUrl: verificationUrlFor(verificationBaseOf.call(this, itemIndex), certificateId),
		issuedAt: more('issuedAt') ?? new Date().toISOString(),
		title: more('title'),
		language: more('language'),
		decisionRef: more('decisionRef'),
		supersedes: supersedes
			? { certificateId: supersedes, reason: more('supersessionReason') }
			: undefined,
	};
}

interface PositionParameter {
	field?: string;
	x?: number;
	y?: number;
	size?: number;
	align?: string;
	maxWidth?: number;
	color?: string;
	bold?: boolean;
}

export function readFieldPositions(
	this: IExecuteFunctions,
	itemIndex: number,
): FieldPositionInput[] {
	const collection = this.getNodeParameter('fieldPositions', itemIndex, {}) as {
		positions?: PositionParameter[];
	};
	return (collection.positions ?? []).map((p) => ({ ...p }) as FieldPositionInput);
}
