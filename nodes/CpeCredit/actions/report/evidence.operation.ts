import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { attendeeEvidence, evidenceCsv } from '../../../core/domain/report';
import { fileSafe, reportItem } from './binary-output';
import { failedItems, readDecisions } from './decision-input';

/** One item per attendee with every decision, window, reason and signal, for disputes. */
export async function evidence(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const read = readDecisions.call(this, items);
	const failed = failedItems.call(this, read.errors);
	const itemsOf = new Map<string, number[]>();
	read.entries.forEach((entry, k) => {
		const id = entry.decision.subject.attendeeId;
		const list = itemsOf.get(id);
		if (list) list.push(read.itemOf[k]);
		else itemsOf.set(id, [read.itemOf[k]]);
	});
	const out: INodeExecutionData[] = [];
	for (const view of attendeeEvidence(read.entries)) {
		out.push(
			await reportItem.call(
				this,
				view as unknown as IDataObject,
				evidenceCsv(view),
				`evidence-${fileSafe(view.attendeeId)}.csv`,
				itemsOf.get(view.attendeeId) ?? [],
			),
		);
	}
	return [[...out, ...failed]];
}
