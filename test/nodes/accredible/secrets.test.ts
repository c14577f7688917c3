// The API key must never show up in an output item, an error message or its description:
// not on success, not on a refused key, not on a server error.
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { startAccredibleSimulator } from '../../simulators';
import { SimControl } from '../../unit/platforms/support/sim-control';
import {
	createParameters,
	jsonOf,
	loadOptions,
	runAccredible,
	type AccredibleSim,
} from '../support/accredible';

// Loading n8n and the node types can take more than jest's default 5 s on a busy machine.
jest.setTimeout(60_000);

const KEY = 'acc-live-Zq81xT0pSecretKey';
const WRONG_KEY = 'acc-live-WrongKey77Secret';

let sim: AccredibleSim;
beforeAll(async () => {
	const handle = await startAccredibleSimulator({ port: 0, apiKey: KEY });
	sim = {
		sim: handle,
		control: new SimControl(handle),
		credentialData: { environment: 'custom', baseUrl: handle.url, apiKey: KEY },
	};
});
afterAll(() => sim.sim.stop());

function everythingSaid(run: Awaited<ReturnType<typeof runAccredible>>): string {
	return JSON.stringify({
		outputs: run.outputs,
		error: run.error,
		// The whole run record: what the editor would show and store.
		runData: run.workflowRun.run.data.resultData,
	});
}

describe('Accredible secrets', () => {
	test('the key is sent (the simulator accepts it) but appears nowhere in the results', async () => {
		const ok = await runAccredible(sim, {
			parameters: createParameters(),
			items: [{ email: 'secret@example.com', name: 'Secret' }],
		});
		expect(jsonOf(ok.outputs[0])[0]).toMatchObject({ status: 'issued' });

		await sim.control.faults({ failNext: [{ kind: '500' }] });
		const failing = await runAccredible(sim, {
			parameters: {
				resource: 'credential',
				operation: 'get',
				credentialId: '10000001',
				options: { maxAttempts: 1 },
			},
			settings: { onError: 'continueRegularOutput' },
		});
		expect(jsonOf(failing.outputs[0])[0].error).toMatch(/500|server/i);

		for (const run of [ok, failing]) expect(everythingSaid(run)).not.toContain(KEY);
	});

	test('a refused key is explained without repeating it', async () => {
		const wrong: ICredentialDataDecryptedObject = { ...sim.credentialData, apiKey: WRONG_KEY };
		const run = await runAccredible(sim, {
			parameters: createParameters(),
			credentialData: wrong,
			items: [{ email: 'wrong@example.com', name: 'Wrong' }],
		});
		expect(run.status).toBe('error');
		expect(run.error?.message).toMatch(/API key was refused/);
		expect(run.error?.description).toMatch(/region/);
		const said = everythingSaid(run);
		expect(said).not.toContain(WRONG_KEY);
		expect(said).not.toContain(KEY);
	});

	test('the groups dropdown works with the key and never returns it', async () => {
		const options = await loadOptions(sim, 'getGroups');
		expect(options.length).toBeGreaterThan(0);
		expect(JSON.stringify(options)).not.toContain(KEY);
	});
});
