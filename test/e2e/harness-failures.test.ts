// The harness reports failures instead of passing silently: a workflow run that errors, a
// workflow id that does not exist and a webhook workflow n8n cannot activate all reject, with
// n8n's output in the message.
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

	test('a webhook workflow n8n cannot activate fails at once, not after the timeout', async () => {
		const [broken] = harness.loadWorkflowDir(path.join(__dirname, 'fixtures', 'unactivatable'));
		await n8n.importWorkflow(broken);
		await n8n.activate(broken.id);
		await n8n.start();
		const started = Date.now();
		const timeoutMs = 90_000;
		await expect(
			n8n.waitForWebhook({ ...broken.webhooks[0], workflowId: broken.id }, timeoutMs),
		).rejects.toThrow(new RegExp(`could not activate workflow ${broken.id}`));
		expect(Date.now() - started).toBeLessThan(timeoutMs);
	});
});
