import { NodeConnectionTypes } from 'n8n-workflow';
import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';

import { verifyCompletionProperties } from './description';
import { execute } from './verify.operation';

export class VerifyCompletion implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Verify Completion',
		name: 'verifyCompletion',
		icon: { light: 'file:verifyCompletion.svg', dark: 'file:verifyCompletion.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ $parameter["ruleSetSource"] === "file" ? "Rules from file" : "Rules in node" }}',
		description:
			'Decide whether a course completion earns a credential: Verified, Needs Review or Not Eligible, with reason codes',
		defaults: { name: 'Verify Completion' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main, NodeConnectionTypes.Main, NodeConnectionTypes.Main],
		outputNames: ['Verified', 'Needs Review', 'Not Eligible'],
		properties: verifyCompletionProperties,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await execute.call(this);
	}
}
