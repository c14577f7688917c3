import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { sponsorReport } from '../../../core/domain/report';
import { optionalText } from '../../../kit/text';
import { reportItem } from './binary-output';
import { failedItems, readDecisions } from './decision-input';

/** Per session: each participant, the window that counted, the decision and the credits. */
export async function sponsor(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const read = readDecisions.call(this, items);
	const failed = failedItems.call(this, read.errors);
	const report = sponsorReport(read.entries);
	const fileName = optionalText(this.getNodeParameter('fileName', 0, '')) ?? 'sponsor-report.csv';
	const file = await reportItem.call(
		this,
		{
			report: 'sponsor',
			rows: report.rows.length,
			sessions: report.sessions as unknown as IDataObject[],
		},
		report.csv,
		fileName,
		read.itemOf,
	);
	return [[file, ...failed]];
}
