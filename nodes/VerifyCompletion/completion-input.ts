import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { FieldIssue } from '../kit/errors';
import { readJsonParameter } from '../kit/errors';

const emptyToUndefined = (value: unknown): unknown =>
	typeof value === 'string' && value.trim() === '' ? undefined : value;

/**
 * Builds the raw completion (not yet validated) for one item. In "Completion Event" mode the item
 * already has the contract's shape; in "Map Fields" mode each field comes from a parameter, which
 * is usually an expression over whatever the previous node produced.
 */
export function readRawCompletion(
	this: IExecuteFunctions,
	itemIndex: number,
	json: IDataObject,
): { ok: true; raw: unknown } | { ok: false; issues: FieldIssue[] } {
	const mode = this.getNodeParameter('inputMode', itemIndex) as string;
	if (mode !== 'mapFields') return { ok: true, raw: json };

	const param = (name: string) => emptyToUndefined(this.getNodeParameter(name, itemIndex, ''));
	const evidence = this.getNodeParameter('evidence', itemIndex, {}) as IDataObject;
	const issues: FieldIssue[] = [];
	const jsonEvidence = (name: 'modules' | 'prerequisites' | 'approvals') => {
		const parsed = readJsonParameter(evidence[name], name);
		if (!parsed.ok) {
			issues.push(parsed.issue);
			return undefined;
		}
		return parsed.value;
	};

	const raw = {
		source: param('source'),
		sourceEventId: emptyToUndefined(evidence.sourceEventId),
		learner: { id: param('learnerId'), name: param('learnerName'), email: param('learnerEmail') },
		course: { id: param('courseId'), name: param('courseName') },
		completedAt: param('completedAt'),
		score: param('score'),
		maxScore: param('maxScore'),
		timeSpentMinutes: param('timeSpentMinutes'),
		recipientName: emptyToUndefined(evidence.recipientName),
		recipientEmail: emptyToUndefined(evidence.recipientEmail),
		lmsLookup: {
			score: emptyToUndefined(evidence.lookupScore),
			email: emptyToUndefined(evidence.profileEmail),
		},
		integrityHold: evidence.integrityHold,
		investigationActive: evidence.investigationActive,
		modules: jsonEvidence('modules'),
		prerequisites: jsonEvidence('prerequisites'),
		approvals: jsonEvidence('approvals'),
		raw: json,
	};
	return issues.length ? { ok: false, issues } : { ok: true, raw };
}
