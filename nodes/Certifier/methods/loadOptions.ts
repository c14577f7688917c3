import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { toNodeError } from '../../kit/node-errors';
import { explainCertifierError } from '../helpers/errors';
import { certifierClient } from '../transport';

/** Every group (credential template), all pages, by name. */
export async function getGroups(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	try {
		const client = await certifierClient.call(this);
		const groups = await client.listTemplates();
		return groups
			.map((group) => ({ name: group.name, value: group.id }))
			.sort((a, b) => a.name.localeCompare(b.name));
	} catch (error) {
		throw toNodeError(this.getNode(), error, 0, explainCertifierError);
	}
}
