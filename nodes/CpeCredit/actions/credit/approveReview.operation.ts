import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { approvedCredits, CREDITS_FIELD } from '../../../core/domain/credit';

export const approveReviewProperties: INodeProperties[] = [
	{
		displayName: CREDITS_FIELD,
		name: 'reviewCredits',
		type: 'string',
		default: '',
		placeholder: 'e.g. {{ $json.reviewAnswer.credits }}',
		displayOptions: { show: { resource: ['credit'], operation: ['approveReview'] } },
		description:
			"The attendee's total credit the reviewer grants. Empty: the computed credit (the credited sessions only). An amount: at least the computed credit, at most the computed credit plus each session in review at its rule's maximum, in the rule's increment; the sessions in review get the part above the computed credit.",
	},
];

/**
 * A Needs Review attendee item as a reviewer approved it: `credits` and `sessionCredits` as the
 * certificate lists them, and `creditApproval` (granted and computed credit) for the ledger.
 */
export async function approveReview(
	this: IExecuteFunctions,
	itemIndex: number,
	_run: void,
	item: INodeExecutionData,
): Promise<IDataObject> {
	const entered = this.getNodeParameter('reviewCredits', itemIndex, '');
	const approved = approvedCredits(item.json, entered);
	return {
		...item.json,
		credits: approved.credits,
		sessionCredits: approved.sessionCredits as IDataObject[],
		creditApproval: { credits: approved.credits, computedCredits: approved.computedCredits },
	};
}
