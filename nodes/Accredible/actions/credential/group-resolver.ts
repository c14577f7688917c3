import { NodeOperationError } from 'n8n-workflow';
import type { INode } from 'n8n-workflow';

import type { AccredibleClient } from '../../../core/integrations/platforms';
import type { GroupRef } from './issue-input';

/**
 * Resolves each distinct group once per execution: by id (one read) or by exact name. An
 * unknown group fails every item that names it, before any credential request is sent.
 */
export class GroupResolver {
	private readonly known = new Map<string, Promise<string | { unknown: string }>>();

	constructor(private readonly node: INode) {}

	async resolve(client: AccredibleClient, group: GroupRef, itemIndex: number): Promise<string> {
		const key = group.kind === 'id' ? `id:${group.id}` : `name:${group.name.toLowerCase()}`;
		let found = this.known.get(key);
		if (!found) {
			found = lookUp(client, group);
			// A failed lookup (an outage) is retried by the next item instead of being remembered.
			found.catch(() => this.known.delete(key));
			this.known.set(key, found);
		}
		const result = await found;
		if (typeof result === 'string') return result;
		throw new NodeOperationError(
			this.node,
			`Item ${itemIndex}: unknown "Group Name or ID": ${result.unknown}`,
			{
				itemIndex,
				description:
					'Choose a group from the list (it shows every group this key can see), or check the ID or name. No credential was sent to Accredible.',
			},
		);
	}
}

async function lookUp(
	client: AccredibleClient,
	group: GroupRef,
): Promise<string | { unknown: string }> {
	if (group.kind === 'id') {
		const found = await client.getGroup(group.id);
		return found ? found.id : { unknown: `no group has the ID ${group.id}` };
	}
	const matches = await client.findGroupsByName(group.name);
	if (matches.length === 1) return matches[0].id;
	if (matches.length === 0) return { unknown: `no group is named "${group.name}"` };
	return {
		unknown: `several groups are named "${group.name}" (IDs ${matches.map((g) => g.id).join(', ')}); give the ID`,
	};
}
