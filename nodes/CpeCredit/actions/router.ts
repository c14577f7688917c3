import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { routeOperation, type OperationTable } from '../../kit/operation-router';
import { approveReview } from './credit/approveReview.operation';
import { calculate } from './credit/calculate.operation';
import { evidence } from './report/evidence.operation';
import { review } from './report/review.operation';
import { roster } from './report/roster.operation';
import { sponsor } from './report/sponsor.operation';

// Operations work over all items at once (credits need every signal of an attendee, and a
// report is one file for the whole input), but for a reviewer's approval of one attendee.
const OPERATIONS: OperationTable<void> = {
	credit: { calculate: { executeAll: calculate }, approveReview: { execute: approveReview } },
	report: {
		rosterCsv: { executeAll: roster },
		sponsorReport: { executeAll: sponsor },
		attendeeEvidence: { executeAll: evidence },
		reviewView: { executeAll: review },
	},
};

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await routeOperation(this, { operations: OPERATIONS, startRun: () => undefined });
}
