import type { IExecuteFunctions, INode, INodeExecutionData } from 'n8n-workflow';

export const NODE: INode = {
	id: 'kit-test',
	name: 'Kit Test',
	type: 'n8n-nodes-certificate-delivery.test',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

/** The part of IExecuteFunctions the kit uses: input items, Continue On Fail, parameters. */
export function contextFor(
	items: INodeExecutionData[],
	continueOnFail: boolean,
	parameters: Record<string, string> = {},
): IExecuteFunctions {
	const context: Partial<IExecuteFunctions> = {
		getInputData: () => items,
		continueOnFail: () => continueOnFail,
		getNode: () => NODE,
		getNodeParameter: ((name: string) => parameters[name]) as IExecuteFunctions['getNodeParameter'],
	};
	return context as IExecuteFunctions;
}
