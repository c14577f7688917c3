// Our nodes load in a real n8n under their published names ("<package>.<node>"), which is
// what the workflow templates reference; a CUSTOM.* registration would break them.
import { currentLine, harness } from './support/harness';
import { createInstanceWithPackage } from './support/describe-workflows';
import type { Instance } from './support/harness';

const { line, n8nVersion } = currentLine();

describe(`package node types on n8n ${n8nVersion}`, () => {
	let n8n: Instance;
	beforeAll(async () => {
		n8n = await createInstanceWithPackage(line);
	});
	afterAll(async () => {
		await n8n?.dispose();
	});

	test('every node in package.json "n8n.nodes" is loaded under its package name', async () => {
		const expected = harness.packageNodeTypes();
		expect(expected.length).toBe(harness.PACKAGE.n8n?.nodes?.length ?? 0);
		const loaded = new Set((await n8n.exportNodes()).map((t) => t.name));
		expect(expected.filter((type) => !loaded.has(type))).toEqual([]);
		const custom = [...loaded].filter((type) => type.startsWith('CUSTOM.'));
		expect(custom).toEqual([]);
	});
});
