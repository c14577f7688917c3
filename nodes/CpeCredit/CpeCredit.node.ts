import { NodeConnectionTypes } from 'n8n-workflow';
import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';

import { cpeCreditProperties } from './actions/description';
import { router } from './actions/router';

// Credit decisions split three ways like Verify Completion; a report is one file on one output,
// and an approved review one attendee.
const OUTPUTS = `={{ $parameter["resource"] === "report" || $parameter["operation"] === "approveReview" ? [{ "type": "main" }] : [{ "type": "main", "displayName": "Credit" }, { "type": "main", "displayName": "Needs Review" }, { "type": "main", "displayName": "No Credit" }] }}`;

export class CpeCredit implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'CPE Credit',
		name: 'cpeCredit',
		icon: { light: 'file:cpeCredit.svg', dark: 'file:cpeCredit.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle:
			'={{ $parameter["operation"] === "calculate" ? "Calculate credits" : $parameter["operation"] }}',
		description:
			'Apply a CPE, CEU, CLE or CME credit policy to attendance timelines, and export roster and sponsor reports',
		defaults: { name: 'CPE Credit' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: OUTPUTS,
		properties: cpeCreditProperties,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
