import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { accredibleClient } from '../transport';

/** Every group the key can see (all pages), by name, for the Group dropdowns. */
export async function getGroups(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const client = await accredibleClient.call(this);
	const groups = await client.listTemplates();
	return groups
		.map((group) => ({
			name: group.name,
			value: group.id,
			...(group.description ? { description: group.description } : {}),
		}))
		.sort((a, b) => a.name.localeCompare(b.name));
}
