import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import type {
	AccredibleClient,
	IssueOutcome,
	IssueRequest,
} from '../../../core/integrations/platforms';
import { updateDisplayOptions } from '../../../kit/display-options';
import {
	heldForUnmappedCourse,
	refuseBrokenCourseMapping,
	templateChoiceProperties,
} from '../../../kit/issuing/course-mapping';
import { toNodeError } from '../../../kit/node-errors';
import { failedItem, type ItemPlan } from '../../../kit/per-item';
import { explainAccredibleError } from '../../transport';
import { credentialSummary, type ClientFor } from '../client';
import {
	ACCREDIBLE_MAPPING,
	groupField,
	ISSUE_FIELD_LABELS,
	optionsCollection,
} from '../common.descriptions';
import { optionsOf } from '../items';
import { GroupResolver } from './group-resolver';
import { readIssueInput } from './issue-input';

const properties: INodeProperties[] = [
	...templateChoiceProperties({ ...ACCREDIBLE_MAPPING, templateField: groupField }),
	{
		displayName: 'Recipient Email',
		name: 'recipientEmail',
		type: 'string',
		placeholder: 'name@email.com',
		required: true,
		default: '',
		description: 'Sent lowercased; one recipient gets one credential per group',
	},
	{
		displayName: 'Recipient Name',
		name: 'recipientName',
		type: 'string',
		required: true,
		default: '',
		description: 'The name printed on the credential',
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'Credential Reference',
				name: 'reference',
				type: 'string',
				default: '',
				description:
					'Your own ID for this credential (Accredible keeps it as the license ID), e.g. the completion key',
			},
			{
				displayName: 'Custom Attributes',
				name: 'customAttributes',
				type: 'json',
				default: '{}',
				description:
					'Values for the design\'s attributes as a JSON object of text, e.g. {"Location": "London"}',
			},
			{
				displayName: 'Evidence URL',
				name: 'evidenceUrl',
				type: 'string',
				default: '',
				description: 'A link to the proof of completion, added as an evidence item',
			},
			{
				displayName: 'Expires On',
				name: 'expiresOn',
				type: 'string',
				default: '',
				placeholder: 'YYYY-MM-DD',
				description: "Expiry date; empty uses the group's default",
			},
			{
				displayName: 'Issued On',
				name: 'issuedOn',
				type: 'string',
				default: '',
				placeholder: 'YYYY-MM-DD',
				description: 'Issue date; empty means today',
			},
			{
				displayName: 'Recipient ID',
				name: 'recipientId',
				type: 'string',
				default: '',
				description:
					'Your stable learner ID. The duplicate check uses it, so it still finds the credential after an email change.',
			},
		],
	},
	optionsCollection([
		{
			displayName: 'Publish and Notify',
			name: 'notify',
			type: 'boolean',
			default: true,
			description:
				"Whether to publish the credential, which sends the group's email to the recipient. Off creates it unpublished: no email, not visible until published in Accredible (Accredible has no way to publish without its email).",
		},
		{
			displayName: 'Use Bulk Requests',
			name: 'bulk',
			type: 'boolean',
			default: false,
			description:
				'Whether to send up to 30 credentials per request (Accredible bulk create): far fewer requests for a cohort. Each item still gets its own result.',
		},
	]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['credential'], operation: ['create'] } },
	properties,
);

/** What a created (or found) credential looks like on the output. */
function issueOutput(outcome: IssueOutcome): IDataObject {
	return {
		status: outcome.status,
		newlyIssued: outcome.status === 'issued',
		...(outcome.status === 'already_issued' ? { detectedBy: outcome.detectedBy } : {}),
		...(outcome.status === 'issued' && outcome.recovered ? { recovered: true } : {}),
		attempts: outcome.attempts,
		...credentialSummary(outcome.credential),
	};
}

interface Ready {
	itemIndex: number;
	request: IssueRequest;
}

/**
 * Issues each item exactly once: the recipient is looked up before the create and before every
 * retry, so a repeated completion returns the existing credential (status already_issued).
 */
export async function executeAll(
	this: IExecuteFunctions,
	clientFor: ClientFor,
	plan: ItemPlan,
): Promise<INodeExecutionData[][]> {
	const count = this.getInputData().length;
	refuseBrokenCourseMapping(this, ACCREDIBLE_MAPPING);
	// Issue errors name the parameters the user fills in (Recipient Email, Group, ...).
	const explain = explainAccredibleError(ISSUE_FIELD_LABELS);
	const issuePlan: ItemPlan = {
		...plan,
		toNodeError: (cause, itemIndex) => toNodeError(this.getNode(), cause, itemIndex, explain),
	};
	const groups = new GroupResolver(this.getNode());
	const results: Array<INodeExecutionData | undefined> = new Array(count);
	const bulk: Ready[] = [];

	for (let itemIndex = 0; itemIndex < count; itemIndex++) {
		try {
			const { group, request } = readIssueInput.call(this, itemIndex);
			const client = await clientFor(itemIndex);
			const templateId = await groups.resolve(client, group, itemIndex);
			const ready = { itemIndex, request: { ...request, templateId } };
			if (optionsOf.call(this, itemIndex).bulk === true) {
				bulk.push(ready);
				continue;
			}
			const outcome = await client.issue(ready.request);
			results[itemIndex] = { json: issueOutput(outcome), pairedItem: { item: itemIndex } };
		} catch (cause) {
			const held = heldForUnmappedCourse(this, itemIndex, cause);
			results[itemIndex] = held
				? { json: held, pairedItem: { item: itemIndex } }
				: failedItem.call(this, issuePlan, cause, itemIndex);
		}
	}

	if (bulk.length > 0) await issueInBulk.call(this, issuePlan, bulk, clientFor, results);
	return [results.filter((item): item is INodeExecutionData => item !== undefined)];
}

/** One search and one bulk create per 30 recipients; every item gets its own result. */
async function issueInBulk(
	this: IExecuteFunctions,
	plan: ItemPlan,
	bulk: Ready[],
	clientFor: ClientFor,
	results: Array<INodeExecutionData | undefined>,
): Promise<void> {
	let answers: Awaited<ReturnType<AccredibleClient['bulkIssue']>>;
	try {
		const client = await clientFor(bulk[0].itemIndex);
		answers = await client.bulkIssue(bulk.map((item) => item.request));
	} catch (cause) {
		for (const { itemIndex } of bulk)
			results[itemIndex] = failedItem.call(this, plan, cause, itemIndex);
		return;
	}
	for (const answer of answers) {
		const { itemIndex } = bulk[answer.index];
		results[itemIndex] = answer.outcome
			? { json: issueOutput(answer.outcome), pairedItem: { item: itemIndex } }
			: failedItem.call(this, plan, answer.error, itemIndex);
	}
}
