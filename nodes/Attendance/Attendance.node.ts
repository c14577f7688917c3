import { NodeConnectionTypes } from 'n8n-workflow';
import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';

import { attendanceProperties } from './description';
import { execute } from './timelines.operation';

export class Attendance implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Attendance',
		name: 'attendance',
		icon: { light: 'file:attendance.svg', dark: 'file:attendance.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle:
			'={{ $parameter["evidenceInput"] === "binary" ? "CSV files" : $parameter["evidenceInput"] === "text" ? "CSV text" : "Input items" }}',
		description:
			'Turn badge scans, check-ins, Zoom reports and webhooks, heartbeats and polls into one attendance timeline per attendee and session',
		defaults: { name: 'Attendance' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main, NodeConnectionTypes.Main],
		outputNames: ['Timelines', 'Not Used'],
		properties: attendanceProperties,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await execute.call(this);
	}
}
