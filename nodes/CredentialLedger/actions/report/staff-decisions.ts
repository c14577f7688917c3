import { NodeOperationError } from 'n8n-workflow';
import type { IExecuteFunctions } from 'n8n-workflow';

import { parseCsv } from '../../../core/domain/attendance/csv';
import type { StaffDecisionInput } from '../../../core/domain/ledger';
import { optionalText } from '../../../kit/text';

interface StaffFields {
	learner: string;
	course: string;
	decision: string;
}

function fieldsOf(this: IExecuteFunctions): StaffFields {
	const read = (name: string, fallback: string) =>
		optionalText(this.getNodeParameter(name, 0, fallback)) ?? fallback;
	return {
		learner: read('learnerField', 'learner'),
		course: read('courseField', 'course'),
		decision: read('decisionField', 'decision'),
	};
}

/** The staff's decisions from the input items' fields, or from a CSV file on each item. */
export async function readStaffDecisions(this: IExecuteFunctions): Promise<StaffDecisionInput[]> {
	const fields = fieldsOf.call(this);
	const items = this.getInputData();
	const source = this.getNodeParameter('staffDecisionsSource', 0, 'items') as 'items' | 'binary';
	if (source === 'items') {
		return items.map((item, i) => ({
			learnerId: item.json[fields.learner],
			courseId: item.json[fields.course],
			decision: item.json[fields.decision],
			source: `item ${i}`,
		}));
	}
	const property = optionalText(this.getNodeParameter('binaryPropertyName', 0, 'data')) ?? 'data';
	const decisions: StaffDecisionInput[] = [];
	for (let i = 0; i < items.length; i++) {
		if (!items[i].binary?.[property]) {
			throw new NodeOperationError(
				this.getNode(),
				`Item ${i} has no binary property "${property}"`,
				{
					itemIndex: i,
					description:
						'Attach the staff decisions CSV (e.g. with Read/Write Files from Disk) or set Input Binary Field.',
				},
			);
		}
		const text = (await this.helpers.getBinaryDataBuffer(i, property)).toString('utf8');
		decisions.push(...csvDecisions.call(this, text, fields, items.length > 1 ? `item ${i} ` : ''));
	}
	return decisions;
}

function csvDecisions(
	this: IExecuteFunctions,
	text: string,
	fields: StaffFields,
	prefix: string,
): StaffDecisionInput[] {
	const table = parseCsv(text);
	if (!table.ok) {
		throw new NodeOperationError(
			this.getNode(),
			`The staff decisions CSV (${prefix}row ${table.row}) cannot be read: ${table.message}`,
		);
	}
	const missing = Object.entries(fields).filter(([, column]) => !table.header.includes(column));
	if (missing.length > 0) {
		const [name, column] = missing[0];
		throw new NodeOperationError(
			this.getNode(),
			`The staff decisions CSV has no column "${column}"`,
			{
				description: `Its columns are: ${table.header.join(', ')}. Set ${name[0].toUpperCase()}${name.slice(1)} Field to the column that holds the ${name}.`,
			},
		);
	}
	// Row 1 is the header, so the first decision is on row 2, as a spreadsheet numbers it.
	return table.rows.map((row, r) => ({
		learnerId: row[fields.learner],
		courseId: row[fields.course],
		decision: row[fields.decision],
		source: `${prefix}CSV row ${r + 2}`,
	}));
}
