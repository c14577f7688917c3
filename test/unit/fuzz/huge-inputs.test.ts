// The fuzz suite's fixed huge cases (support/huge-cases.ts): 10 MB strings and 10,000 levels of
// nesting for every push trigger, every input parser and the ledger. Each runs in a worker thread
// with a time bound, so a case that blocks the event loop fails here instead of hanging CI.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { BoundedRunner } from './support/bounded';

// Generous for a loaded CI machine: a linear pass over 10 MB takes well under a second.
const BOUND_MS = 15_000;
const CASES_MODULE = join(__dirname, 'support', 'huge-cases.ts');

const userFolder = mkdtempSync(join(tmpdir(), 'fuzz-huge-'));
const runner = new BoundedRunner(CASES_MODULE, { N8N_USER_FOLDER: userFolder });

// The case names, without building any case here: the worker builds and runs them.
const names = (): string[] => {
	const { HUGE_CASES } = jest.requireActual<typeof import('./support/huge-cases')>(CASES_MODULE);
	return Object.keys(HUGE_CASES);
};

beforeAll(async () => {
	await runner.ready();
}, 120_000);

afterAll(async () => {
	await runner.close();
	rmSync(userFolder, { recursive: true, force: true });
});

test.each(names())(
	'%s: handled within the bound, no crash, no pollution, a clear answer',
	async (name) => {
		const { problems } = await runner.run(name, BOUND_MS);
		expect(problems).toEqual([]);
	},
	BOUND_MS + 5_000,
);
