import { NodeConnectionTypes } from 'n8n-workflow';
import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';

import { certificateProperties } from './description';
import { execute } from './render.operation';

export class Certificate implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Certificate',
		name: 'certificate',
		icon: { light: 'file:certificate.svg', dark: 'file:certificate.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle:
			'={{ $parameter["design"] === "template" ? "Render PDF from template" : "Render PDF" }}',
		description:
			'Render a PDF certificate with credits, sponsor details and a QR code that links to its verification page',
		defaults: { name: 'Certificate' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: certificateProperties,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await execute.call(this);
	}
}
