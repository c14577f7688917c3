// The operations queue (template 17) issues again what the production template (14) could not, on
// the same platform switch: with other Course Mapping rows it would issue another template, or hold
// a course 14 maps. The operator keeps them equal per platform (both Setup notes say so); the demo
// rows must show it for Accredible, Credly and Certifier alike.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

interface TemplateNode {
	name: string;
	type: string;
	parameters: { templateSource?: string; courseMapping?: { rows?: MappingRow[] } };
}
interface MappingRow {
	courseId: string;
	templateId: string;
}

const WORKFLOWS = resolve(__dirname, '../../../workflows');
const PRODUCTION = '14-production-completion-to-credential.json';
const QUEUE = '17-operations-queue.json';
const PLATFORMS = ['accredible', 'certifier', 'credly'].map(
	(platform) => `n8n-nodes-certificate-delivery.${platform}`,
);

/** Course Mapping rows per issuing platform (the node type), as the workflow's nodes hold them. */
function mappingRowsByPlatform(nodes: TemplateNode[]): Map<string, MappingRow[]> {
	const rows = new Map<string, MappingRow[]>();
	for (const node of nodes) {
		if (node.parameters.templateSource !== 'courseMapping') continue;
		if (rows.has(node.type)) throw new Error(`two Course Mapping tables for ${node.type}`);
		rows.set(node.type, node.parameters.courseMapping?.rows ?? []);
	}
	return rows;
}

function rowsOf(file: string): Map<string, MappingRow[]> {
	const workflow = JSON.parse(readFileSync(join(WORKFLOWS, file), 'utf8')) as {
		nodes: TemplateNode[];
	};
	return mappingRowsByPlatform(workflow.nodes);
}

describe('Course Mapping rows of the production template and the operations queue', () => {
	const production = rowsOf(PRODUCTION);
	const queue = rowsOf(QUEUE);

	it('gives the queue an issue node for every platform of the production template', () => {
		expect([...queue.keys()].sort()).toEqual(PLATFORMS);
		expect([...production.keys()].sort()).toEqual(PLATFORMS);
	});

	it.each(PLATFORMS)('are the same for %s', (platform) => {
		const sorted = (rows: MappingRow[] = []) =>
			[...rows].sort((a, b) => a.courseId.localeCompare(b.courseId));
		expect(queue.get(platform)).toBeDefined();
		expect(sorted(queue.get(platform))).toEqual(sorted(production.get(platform)));
	});
});
