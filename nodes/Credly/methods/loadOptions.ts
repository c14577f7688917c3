import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { toNodeError } from '../../kit/node-errors';
import { explainCredlyError } from '../helpers/errors';
import { credlyClient } from '../transport';

/** Active templates only (archived and draft ones cannot be issued from), every page, by name. */
export async function getActiveBadgeTemplates(
	this: ILoadOptionsFunctions,
): Promise<INodePropertyOptions[]> {
	try {
		const client = await credlyClient.call(this);
		const templates = await client.listTemplates({ activeOnly: true });
		return templates
			.map((template) => ({
				name: template.name,
				value: template.id,
				...(template.description ? { description: template.description } : {}),
			}))
			.sort((a, b) => a.name.localeCompare(b.name));
	} catch (error) {
		throw toNodeError(this.getNode(), error, 0, explainCredlyError);
	}
}
