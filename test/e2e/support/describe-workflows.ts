// Generic end-to-end suite for a folder of workflow files, run against one real n8n with
// the packed package installed: every workflow imports, Manual Trigger workflows execute,
// webhook workflows are activated and called at their production URLs, poll-trigger
// workflows run from their trigger as the editor's "Execute workflow" does. What each one
// must return comes from a TemplateCases table.
import type { HttpResponse, Instance, LoadedWorkflow, RestSession, RunData } from './harness';
import { currentLine, harness, restSessions } from './harness';
import type { CheckContext, ExecuteCase, TemplateCases, WebhookRequestCase } from './cases';
import { startSimulatorsWithCredentials, type RunningSimulators } from './simulators';

function expectValue(actual: unknown, expected: unknown) {
	if (expected !== null && typeof expected === 'object')
		expect(actual).toMatchObject(expected as object);
	else expect(actual).toEqual(expected);
}

// Adds the server log to an assertion failure, so a wrong answer can be traced.
function withServerLog(n8n: Instance, response: HttpResponse, fn: () => void) {
	try {
		fn();
	} catch (err) {
		const e = err as Error;
		e.message += `\n--- response ---\n${response.status} ${response.text.slice(0, 2000)}\n--- server log (tail) ---\n${n8n.server?.logTail() ?? ''}`;
		throw e;
	}
}

function pickWebhook(wf: LoadedWorkflow, rc: WebhookRequestCase) {
	const webhook = rc.webhook ? wf.webhooks.find((w) => w.node === rc.webhook) : wf.webhooks[0];
	if (!webhook) throw new Error(`${wf.fileName}: no webhook node named "${rc.webhook}"`);
	if (!rc.webhook && wf.webhooks.length > 1)
		throw new Error(`${wf.fileName} has several webhooks: name one in "webhook"`);
	return webhook;
}

/** Where a workflow's expectations go: one file for all, or a file per workflow. */
type CasesFile = string | ((workflowFile: string) => string);

function missingCase(wf: LoadedWorkflow, what: string, casesFile: CasesFile) {
	const where = typeof casesFile === 'string' ? casesFile : casesFile(wf.fileName);
	return new Error(`${wf.fileName} has no "${what}" expectations: add them to ${where}`);
}

export function describeWorkflows(
	title: string,
	dir: string,
	cases: TemplateCases,
	casesFile: CasesFile,
) {
	const { line, n8nVersion } = currentLine();
	const workflows = harness.loadWorkflowDir(dir);
	const imported = new Set<string>();
	let n8n: Instance;
	let simulators: RunningSimulators | undefined;
	const owner = { email: 'owner@example.org', password: restSessions.generatePassword() };

	const checkContext = (): CheckContext => ({
		simulators: simulators?.urls ?? {},
		userFolder: n8n.userFolder,
	});

	// A signed-in session on the running server: the owner is set up on first use.
	const ownerSession = async (): Promise<RestSession> => {
		const session = restSessions.createSession(n8n.baseUrl);
		if (await session.ownerMissing()) await session.setupOwner(owner);
		else await session.login(owner);
		return session;
	};

	// Executions of one workflow stored so far, running ones included.
	const executionCount = async (session: RestSession, workflowId: string): Promise<number> => {
		const filter = encodeURIComponent(JSON.stringify({ workflowId }));
		const listed = (await session.get(`/rest/executions?filter=${filter}`)) as {
			data: { count: number };
		};
		return listed.data.count;
	};

	describe(`${title} on n8n ${n8nVersion}`, () => {
		// Templates reach the simulators through credentials they name; those exist before the
		// templates are imported, so n8n links them by name.
		beforeAll(async () => {
			n8n = await createInstanceWithPackage(line);
			simulators = await startSimulatorsWithCredentials(n8n);
		});
		afterAll(async () => {
			await n8n?.dispose();
			await simulators?.stop();
		});

		test('every expectation names an existing workflow', () => {
			const names = new Set(workflows.map((w) => w.fileName));
			expect(Object.keys(cases).filter((name) => !names.has(name))).toEqual([]);
		});

		// An empty folder would make every per-workflow test vanish: that is a failure, not a pass.
		test('the folder holds at least one workflow', () => {
			expect(workflows.map((w) => w.fileName)).not.toEqual([]);
		});

		// Every n8n command is a process that takes seconds to start: one imports them all and one
		// lists what the database then holds. Only if that import fails is each workflow imported
		// on its own, so the failure names the workflow that breaks.
		let listed: Set<string> | undefined;
		beforeAll(async () => {
			for (const wf of workflows) cases[wf.fileName]?.configure?.(wf.json, simulators?.urls ?? {});
			try {
				await n8n.importWorkflows(workflows);
				listed = new Set(await n8n.listWorkflowIds());
			} catch {
				listed = undefined;
			}
		});

		for (const wf of workflows) {
			test(`${wf.fileName} imports`, async () => {
				if (!listed?.has(wf.id)) await n8n.importWorkflow(wf);
				imported.add(wf.id);
			});
		}

		const checkRun = async (run: RunData, expectation: ExecuteCase) => {
			const output = (node: string, outputIndex = 0) => harness.nodeOutput(run, node, outputIndex);
			for (const [node, items] of Object.entries(expectation.nodeOutputs ?? {})) {
				expect({ node, items: output(node) }).toMatchObject({ node, items });
			}
			await expectation.check?.(run, output, checkContext());
		};

		for (const wf of workflows.filter((w) => w.manual)) {
			const execute = cases[wf.fileName]?.execute;
			const runs = Array.isArray(execute) ? execute : [execute];
			runs.forEach((expectation, index) => {
				const again = index === 0 ? '' : ` again (run ${index + 1})`;
				test(`${wf.fileName} executes${again}`, async () => {
					if (!expectation) throw missingCase(wf, 'execute', casesFile);
					if (!imported.has(wf.id)) throw new Error(`${wf.fileName} was not imported`);
					await checkRun(await n8n.execute(wf.id), expectation);
				});
			});
		}

		const webhookFlows = workflows.filter((w) => w.webhooks.length);
		if (webhookFlows.length) describeWebhooks(webhookFlows);

		// After the webhooks, whose block starts the server.
		const pollFlows = workflows.filter((w) => w.polls.length);
		if (pollFlows.length) {
			describe('poll triggers', () => {
				let session: RestSession;
				beforeAll(async () => {
					await n8n.start();
					await n8n.waitForHttp('/rest/settings');
					session = await ownerSession();
				});

				for (const wf of pollFlows) {
					// Several such triggers (e.g. two schedules): one run and one expectation each.
					const several = wf.polls.length > 1;
					for (const trigger of wf.polls) {
						const from = several ? `"${trigger}"` : 'its trigger';
						test(`${wf.fileName} runs from ${from} as "Execute workflow" does`, async () => {
							const expectation = several
								? cases[wf.fileName]?.pollTriggers?.[trigger]
								: cases[wf.fileName]?.poll;
							if (!expectation)
								throw missingCase(wf, several ? `pollTriggers["${trigger}"]` : 'poll', casesFile);
							if (!imported.has(wf.id)) throw new Error(`${wf.fileName} was not imported`);
							await checkRun(await n8n.runFromTrigger(session, wf.id, trigger), expectation);
						});
					}
				}
			});
		}
	});

	// n8n stores an execution when it starts one, but give a stray one a moment to show: wait
	// for the expected number, or watch a quiet period when none is expected.
	async function executionsSince(
		session: RestSession,
		workflowId: string,
		before: number,
		expected: { executionsStarted?: number },
	): Promise<number> {
		const deadline = Date.now() + (expected.executionsStarted ? 30_000 : 1_500);
		for (;;) {
			const started = (await executionCount(session, workflowId)) - before;
			if (started > (expected.executionsStarted ?? 0) || Date.now() > deadline) return started;
			if (expected.executionsStarted && started === expected.executionsStarted) return started;
			await new Promise((resolve) => setTimeout(resolve, 250));
		}
	}

	function describeWebhooks(webhookFlows: LoadedWorkflow[]) {
		describe('webhooks', () => {
			const activationErrors = new Map<string, Error>();
			// Activated through the running server, as the editor's toggle does: one n8n command
			// per workflow would take seconds each.
			beforeAll(async () => {
				await n8n.start();
				await n8n.waitForHttp('/rest/settings');
				const session = await ownerSession();
				for (const wf of webhookFlows) {
					try {
						if (!imported.has(wf.id)) throw new Error(`${wf.fileName} was not imported`);
						await session.activate(wf.id);
					} catch (err) {
						activationErrors.set(wf.id, err as Error);
					}
				}
			});

			for (const wf of webhookFlows) {
				test(`${wf.fileName} is activated and its webhooks answer`, async () => {
					const error = activationErrors.get(wf.id);
					if (error) throw error;
					for (const webhook of wf.webhooks)
						await n8n.waitForWebhook({ ...webhook, workflowId: wf.id });
				});

				const requests = cases[wf.fileName]?.requests;
				if (!requests?.length) {
					test(`${wf.fileName} has request expectations`, () => {
						throw missingCase(wf, 'requests', casesFile);
					});
					continue;
				}
				for (const rc of requests) {
					test(`${wf.fileName}: ${rc.name}`, async () => {
						if (activationErrors.has(wf.id)) throw activationErrors.get(wf.id);
						const webhook = pickWebhook(wf, rc);
						if (rc.restartFirst) {
							await n8n.stop();
							await n8n.start();
						}
						await rc.prepare?.(checkContext());
						await n8n.waitForWebhook({ ...webhook, workflowId: wf.id });
						const counting = rc.expect.executionsStarted !== undefined;
						const session = counting ? await ownerSession() : undefined;
						const before = session ? await executionCount(session, wf.id) : 0;
						const res = await n8n.request(
							rc.method ?? webhook.method,
							(rc.path ?? webhook.path) + (rc.query ?? ''),
							{
								body: rc.body,
								headers: rc.headers,
							},
						);
						withServerLog(n8n, res, () => {
							if (rc.expect.status !== undefined) expect(res.status).toBe(rc.expect.status);
							if (rc.expect.body !== undefined) expectValue(res.body, rc.expect.body);
							for (const [name, value] of Object.entries(rc.expect.headers ?? {})) {
								if (value instanceof RegExp) expect(res.headers[name.toLowerCase()]).toMatch(value);
								else expect(res.headers[name.toLowerCase()]).toBe(value);
							}
							rc.check?.(res);
						});
						await rc.afterResponse?.(checkContext());
						if (session) {
							const started = await executionsSince(session, wf.id, before, rc.expect);
							expect({ executionsStarted: started }).toEqual({
								executionsStarted: rc.expect.executionsStarted,
							});
						}
					});
				}
			}
		});
	}
}

// A fresh n8n user folder with the freshly packed package installed.
export async function createInstanceWithPackage(line: string): Promise<Instance> {
	const n8n = await harness.createInstance({ line });
	n8n.installPackage();
	return n8n;
}
