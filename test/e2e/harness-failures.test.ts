// The harness reports failures instead of passing silently: a workflow run that errors and
// a workflow id that does not exist both reject, with n8n's output in the message.
import * as path from 'path';
import { currentLine, harness } from './support/harness';
import type { Instance } from './support/harness';

const { line, n8nVersion } = currentLine();

describe(`harness failure reporting on n8n ${n8nVersion}`, () => {
	let n8n: Instance;
	beforeAll(async () => {
		n8n = await harness.createInstance({ line });
	});
	afterAll(async () => {
		await n8n?.dispose();
	});

	test('a failing run rejects with its error', async () => {
		const [failing] = harness.loadWorkflowDir(path.join(__dirname, 'fixtures', 'failing'));
		await n8n.importWorkflow(failing);
		await expect(n8n.execute(failing.id)).rejects.toThrow(/harness fixture failure/);
	});

	test('an unknown workflow id rejects', async () => {
		await expect(n8n.execute('doesNotExist0001')).rejects.toThrow(
			/n8n execute --id=doesNotExist0001/,
		);
	});
});
