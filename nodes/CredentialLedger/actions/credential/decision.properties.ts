import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import {
	LedgerError,
	deriveAttendeeEventKey,
	deriveIdempotencyKey,
} from '../../../core/domain/ledger';
import { sha256Hex } from '../../../core/domain/canonical';
import { readJsonParameter } from '../../../kit/errors';
import { itemParameter } from '../../../kit/item-parameter';
import { actorOf } from '../../helpers/items';
import { goLiveModeOption, goLiveSamplingOptions } from './go-live-mode.property';

const derive = { show: { keySource: ['derive'] } };
const attendeeEvent = { show: { keySource: ['attendeeEvent'] } };

/** How Reserve and Record Decision name a credential: derived from its parts or given. */
export const decisionKeyProperties: INodeProperties[] = [
	{
		displayName: 'Idempotency Key',
		name: 'keySource',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Derive From Learner, Template, Course and Completion',
				value: 'derive',
				description:
					'A hash of the four parts: the same completion never earns the same credential twice',
			},
			{
				name: 'Derive From Attendee and Event (CPE)',
				value: 'attendeeEvent',
				description:
					'A hash of the attendee ID and the event ID: one certificate per attendee and event, however often the event is run',
			},
			{ name: 'Use My Own Key', value: 'explicit' },
		],
		default: 'derive',
	},
	{
		displayName: 'Learner ID',
		name: 'learnerId',
		type: 'string',
		default: '={{ $json.decision.subject.learnerId }}',
		required: true,
		description: "The learner's ID in your LMS (not a name or email)",
		displayOptions: derive,
	},
	{
		displayName: 'Credential Template',
		name: 'credentialTemplate',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. the Accredible group ID or Credly badge template ID',
		description:
			'The credential being issued; one completion may earn several different credentials',
		displayOptions: derive,
	},
	{
		displayName: 'Course ID',
		name: 'courseId',
		type: 'string',
		default: '={{ $json.decision.subject.courseId }}',
		required: true,
		displayOptions: derive,
	},
	{
		displayName: 'Completion',
		name: 'completion',
		type: 'string',
		default: '={{ $json.decision.subject.businessKey }}',
		required: true,
		description:
			'What identifies this completion: its business key (source + learner + course + completion time) or the completion time',
		displayOptions: derive,
	},
	{
		displayName: 'Attendee ID',
		name: 'attendeeId',
		type: 'string',
		default: '={{ $json.subject.attendeeId }}',
		required: true,
		description:
			"The attendee's ID as CPE Credit gives it; an email address is fine (it is hashed into the key and kept off the public chain)",
		displayOptions: attendeeEvent,
	},
	{
		displayName: 'Event ID',
		name: 'eventId',
		type: 'string',
		default: '={{ $json.subject.eventId }}',
		required: true,
		description: "The event's ID (the schedule's eventId)",
		displayOptions: attendeeEvent,
	},
	{
		displayName: 'Key',
		name: 'idempotencyKey',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. {{ $json.enrollmentId }}-certificate',
		description:
			'Your own idempotency key (up to 512 characters, no control characters, not starting with $). It is stored in the public chain: do not use an email address.',
		displayOptions: { show: { keySource: ['explicit'] } },
	},
];

/** The decision parameter, mapped from Verify Completion's output by default. */
export function decisionProperty(description: string): INodeProperties {
	return {
		displayName: 'Decision',
		name: 'decision',
		type: 'json',
		default: '={{ $json.decision }}',
		required: true,
		description,
	};
}

/** Keeps the input item as private evidence; the public chain holds only its hash. */
export const storeEvidenceOption: INodeProperties = {
	displayName: 'Store Input Item as Private Evidence',
	name: 'storeEvidence',
	type: 'boolean',
	default: true,
	description:
		'Whether to keep the input item (without the decision, with the evidence file CPE Credit attaches) as private evidence: stored apart from the chain, committed by hash, erasable after retention',
};

/** The idempotency key: the one given, or derived from its parts (learner or attendee ones). */
export function decisionKeyOf(this: IExecuteFunctions, itemIndex: number): string {
	const source = this.getNodeParameter('keySource', itemIndex, 'derive');
	if (source === 'explicit') {
		return String(this.getNodeParameter('idempotencyKey', itemIndex, '') ?? '');
	}
	const part = (name: string) => String(itemParameter.call(this, name, itemIndex, '') ?? '');
	if (source === 'attendeeEvent') {
		return deriveAttendeeEventKey({ attendeeId: part('attendeeId'), eventId: part('eventId') });
	}
	return deriveIdempotencyKey({
		learnerId: part('learnerId'),
		templateId: part('credentialTemplate'),
		courseId: part('courseId'),
		completion: part('completion'),
	});
}

/** The Decision parameter as JSON; an empty or unreadable one is refused, naming the field. */
export function decisionOf(this: IExecuteFunctions, itemIndex: number): unknown {
	const read = readJsonParameter(
		itemParameter.call(this, 'decision', itemIndex, undefined),
		'decision',
	);
	if (!read.ok) {
		throw new LedgerError('invalid_input', `Invalid decision: ${read.issue.message}`, {
			issues: [{ path: 'decision', message: read.issue.message }],
		});
	}
	if (read.value === undefined || read.value === null) {
		throw new LedgerError(
			'invalid_input',
			'Invalid decision: it is empty; map the decision from Verify Completion (e.g. {{ $json.decision }})',
			{ issues: [{ path: 'decision', message: 'empty' }] },
		);
	}
	return read.value;
}

/** Binary property in which CPE Credit attaches an attendee's full evidence as a JSON file. */
const EVIDENCE_FILE = 'evidence';

/**
 * The private evidence: the input item without the decision and earlier ledger results, plus
 * the JSON evidence file CPE Credit attaches (the signals its items no longer carry), checked
 * against the item's evidenceDigest so the chain's digest names the evidence actually kept.
 */
async function evidenceOf(
	this: IExecuteFunctions,
	itemIndex: number,
	item: INodeExecutionData,
): Promise<IDataObject> {
	const rest: IDataObject = { ...item.json };
	delete rest.decision;
	delete rest.ledger;
	if (item.binary?.[EVIDENCE_FILE]?.mimeType !== 'application/json') return rest;
	const text = (await this.helpers.getBinaryDataBuffer(itemIndex, EVIDENCE_FILE)).toString('utf8');
	const invalid = (message: string) =>
		new LedgerError(
			'invalid_input',
			`Invalid evidence file (binary "${EVIDENCE_FILE}"): ${message}`,
			{
				issues: [{ path: `binary.${EVIDENCE_FILE}`, message }],
			},
		);
	if (typeof rest.evidenceDigest === 'string' && rest.evidenceDigest !== sha256Hex(text)) {
		throw invalid(
			"its sha256 is not the item's evidenceDigest; pass the file CPE Credit attached with this item",
		);
	}
	try {
		return { ...rest, evidenceFile: JSON.parse(text) as IDataObject };
	} catch {
		throw invalid('it is not JSON');
	}
}

/**
 * The fields of Reserve and Record Decision: the key, the decision, and an options collection
 * that starts with Actor and ends with Store Evidence.
 */
export function decisionOperationProperties(fields: {
	decisionHelp: string;
	optionsName: string;
	actorHelp: string;
	moreOptions?: INodeProperties[];
}): INodeProperties[] {
	return [
		...decisionKeyProperties,
		decisionProperty(fields.decisionHelp),
		{
			displayName: 'Options',
			name: fields.optionsName,
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			options: [
				{
					displayName: 'Actor',
					name: 'actor',
					type: 'string',
					default: '',
					description: fields.actorHelp,
				},
				goLiveModeOption,
				...goLiveSamplingOptions,
				...(fields.moreOptions ?? []),
				storeEvidenceOption,
			],
		},
	];
}

/** What Reserve and Record Decision read from an item, given its options collection. */
export async function decisionInputOf(
	this: IExecuteFunctions,
	itemIndex: number,
	item: INodeExecutionData,
	options: IDataObject,
) {
	// The decision first: without one, the key parts (read from it by default) are missing too.
	const decision = decisionOf.call(this, itemIndex);
	return {
		key: decisionKeyOf.call(this, itemIndex),
		decision,
		actor: actorOf.call(this, options.actor),
		goLive: {
			goLiveMode: options.goLiveMode,
			assistedFirstN: options.assistedFirstN,
			monitoredSampleRate: options.monitoredSampleRate,
		},
		evidence:
			options.storeEvidence === false ? undefined : await evidenceOf.call(this, itemIndex, item),
	};
}
