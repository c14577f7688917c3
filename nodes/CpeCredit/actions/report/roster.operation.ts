import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { rosterCsv } from '../../../core/domain/report';
import { optionalText } from '../../../kit/text';
import { reportItem } from './binary-output';
import { failedItems, readDecisions } from './decision-input';

/** One CSV row per decision: what an auditor needs to recompute it. */
export async function roster(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const read = readDecisions.call(this, items);
	const failed = failedItems.call(this, read.errors);
	const fileName = optionalText(this.getNodeParameter('fileName', 0, '')) ?? 'roster.csv';
	const file = await reportItem.call(
		this,
		{ report: 'roster', rows: read.entries.length },
		rosterCsv(read.entries),
		fileName,
		read.itemOf,
	);
	return [[file, ...failed]];
}
