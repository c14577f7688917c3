import { NodeOperationError } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { calculate } from './credit/calculate.operation';
import { evidence } from './report/evidence.operation';
import { roster } from './report/roster.operation';
import { sponsor } from './report/sponsor.operation';

const OPERATIONS = {
	credit: { calculate },
	report: { rosterCsv: roster, sponsorReport: sponsor, attendeeEvidence: evidence },
} as const;

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const resource = this.getNodeParameter('resource', 0) as keyof typeof OPERATIONS;
	const operation = this.getNodeParameter('operation', 0) as string;
	const run = (OPERATIONS[resource] as Record<string, typeof calculate> | undefined)?.[operation];
	if (!run) {
		throw new NodeOperationError(
			this.getNode(),
			`The operation "${operation}" of "${resource}" is not supported`,
		);
	}
	return await run.call(this);
}
