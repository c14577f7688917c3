import { NodeOperationError } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { CreditDecisionSchema } from '../../../core/domain/model';
import type { EvidenceSignal, ReportEntry } from '../../../core/domain/report';
import { toNodeError } from '../../../kit/node-errors';
import { failedItem } from '../../../kit/per-item';

export interface ReadDecisions {
	entries: ReportEntry[];
	/** Input item of each entry. */
	itemOf: number[];
	errors: NodeOperationError[];
}

/**
 * The decisions on the input items, each checked against the decision contract so a report
 * never prints a half-formed row; a bad item names its index and the field.
 */
export function readDecisions(this: IExecuteFunctions, items: INodeExecutionData[]): ReadDecisions {
	const read: ReadDecisions = { entries: [], itemOf: [], errors: [] };
	items.forEach((item, index) => {
		const parsed = CreditDecisionSchema.safeParse(item.json);
		if (!parsed.success) {
			const issue = parsed.error.issues[0];
			const path = issue.path.join('.') || '(root)';
			read.errors.push(
				new NodeOperationError(
					this.getNode(),
					`Item ${index} is not a credit decision: field "${path}": ${issue.message}`,
					{
						itemIndex: index,
						description:
							'Connect the Credit outputs of a CPE Credit node (Calculate Credits); merge its outputs first to report every decision.',
					},
				),
			);
			return;
		}
		const { sessionTitle, evidence } = item.json;
		read.entries.push({
			decision: parsed.data,
			...(typeof sessionTitle === 'string' ? { sessionTitle } : {}),
			...(Array.isArray(evidence) ? { evidence: evidence as unknown as EvidenceSignal[] } : {}),
		});
		read.itemOf.push(index);
	});
	return read;
}

/** The failed items, for Continue On Fail; without it the first failure stops the node. */
export function failedItems(
	this: IExecuteFunctions,
	errors: NodeOperationError[],
): INodeExecutionData[] {
	const plan = { toNodeError: (cause: unknown) => toNodeError(this.getNode(), cause, undefined) };
	return errors.map((error) =>
		failedItem.call(this, plan, error, (error.context.itemIndex as number | undefined) ?? 0),
	);
}
