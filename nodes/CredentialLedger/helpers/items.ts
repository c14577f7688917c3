import type { IExecuteFunctions } from 'n8n-workflow';

import { optionalText } from '../../kit/text';

/** Who the chain names when the user leaves Actor empty: this workflow. */
export function actorOf(this: IExecuteFunctions, value: unknown): string {
	const given = optionalText(value);
	if (given !== undefined) return given;
	const workflow = this.getWorkflow();
	return `n8n workflow ${workflow.name ?? workflow.id ?? ''}`.trim().slice(0, 200);
}
