// Each node page's Fields table must be what `npm run docs` writes from the node's description:
// checked here against the built nodes as n8n loads them.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

import { renderFieldPages, shippedNames } from '../../scripts/docs/field-tables';
import { loadNodeTypes } from './support/node-types';
import { REPO_ROOT } from './support/pinned-n8n';

const N8N_POLL_TIMES = 'pollTimes';

/** The node's type name, from its codex file wherever its service folder keeps it. */
function typeNameOf(node: string): string {
	const found: string[] = [];
	const visit = (dir: string) => {
		for (const entry of readdirSync(dir)) {
			const full = path.join(dir, entry);
			if (statSync(full).isDirectory()) visit(full);
			else if (entry === `${node}.node.json`) found.push(full);
		}
	};
	visit(path.join(REPO_ROOT, 'nodes'));
	if (found.length !== 1) throw new Error(`expected one ${node}.node.json, found ${found.length}`);
	return (JSON.parse(readFileSync(found[0], 'utf8')) as { node: string }).node;
}

describe('node pages: Fields tables', () => {
	it('are what npm run docs writes from the built nodes', async () => {
		const nodeTypes = await loadNodeTypes();
		const properties: Record<string, readonly object[]> = {};
		for (const node of shippedNames(REPO_ROOT).nodes) {
			// n8n adds Poll Times to every polling trigger; the pages describe it in their prose.
			properties[node] = nodeTypes
				.getByNameAndVersion(typeNameOf(node))
				.description.properties.filter((property) => property.name !== N8N_POLL_TIMES);
		}
		const stale = renderFieldPages('nodes', properties, REPO_ROOT)
			.filter((page) => page.current !== page.expected)
			.map((page) => `${page.file}: the Fields table differs from the code: run npm run docs`);
		expect(stale).toEqual([]);
	});
});
