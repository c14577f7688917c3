import type { IssueOutcome, IssuerPlatform } from '../../../nodes/core/integrations/platforms';
import {
	startAccredibleSimulator,
	startCertifierSimulator,
	startCredlySimulator,
	type SimHandle,
	type SimOptions,
} from '../../simulators';
import { accredibleFor, certifierFor, cohort, credlyFor, pool, shuffled } from './support/clients';
import { SimControl, type ErrorKind } from './support/sim-control';

// The same 200 issuance requests sent 3 times, interleaved, while 10% of all calls fail with
// 5xx, dropped connections or timeouts (some after the platform did the work): exactly 200
// credentials must exist afterwards, one per learner.

jest.setTimeout(60_000);

const FAULTS: ErrorKind[] = ['500', '503', 'reset', 'timeout', '500-after', 'timeout-after'];
// Generous enough that a loaded machine (CI runs test files side by side) adds no timeouts of its
// own: only the injected faults may cut a call short.
const CLIENT_TIMEOUT_MS = 1000;

interface Case {
	name: string;
	start: (options?: SimOptions) => Promise<SimHandle>;
	client: (sim: SimHandle) => IssuerPlatform;
	templateId: string;
}

const cases: Case[] = [
	{
		name: 'accredible',
		start: startAccredibleSimulator,
		client: (sim) => accredibleFor(sim, { timeoutMs: CLIENT_TIMEOUT_MS }),
		templateId: '12472',
	},
	{
		name: 'credly',
		start: startCredlySimulator,
		client: (sim) => credlyFor(sim, { timeoutMs: CLIENT_TIMEOUT_MS }),
		templateId: 'cfaf2910-ea5f-46f1-89a5-db525dad6e58',
	},
	{
		name: 'certifier',
		start: startCertifierSimulator,
		client: (sim) => certifierFor(sim, { timeoutMs: CLIENT_TIMEOUT_MS }),
		templateId: '01g90279gp5sbmfek7wymcsvec',
	},
];

describe.each(cases)('duplicate delivery on $name', ({ start, client: clientFor, templateId }) => {
	let sim: SimHandle;
	let control: SimControl;

	beforeAll(async () => {
		sim = await start();
		control = new SimControl(sim);
	});
	afterAll(() => sim.stop());

	it('issues exactly 200 credentials for 600 interleaved requests under 10% failures', async () => {
		await control.reset();
		await control.faults({
			errorRate: 0.1,
			errorKinds: FAULTS,
			holdMs: CLIENT_TIMEOUT_MS + 150,
			seed: 2025,
		});
		const learners = cohort(200);
		const client = clientFor(sim);
		const calls = shuffled([...learners, ...learners, ...learners]);
		const results = await pool(calls, 12, (learner) =>
			client.issue({ templateId, recipient: learner }),
		);

		// A learner whose every copy failed (each copy joins the same in-process issuance, so one
		// unlucky issuance fails all three) is retried once more, as the retry queue would later:
		// the retry must find the credential an earlier lost answer may have created.
		const answered = new Set(
			results.flatMap((result, i) => (result.status === 'fulfilled' ? [calls[i].email] : [])),
		);
		const unanswered = learners.filter((l) => !answered.has(l.email));
		const retried = await pool(unanswered, 4, (learner) =>
			client.issue({ templateId, recipient: learner }),
		);

		const issued = await control.issued();
		expect(issued.duplicates).toEqual([]);
		expect(issued.items.filter((i) => !i.deleted)).toHaveLength(200);
		expect(new Set(issued.items.map((i) => i.email.toLowerCase()))).toEqual(
			new Set(learners.map((l) => l.email)),
		);

		// Every learner got an answer naming the one credential, whichever copy gave it.
		const byEmail = new Map<string, Set<string>>();
		const answers = [
			...results.map((result, i) => ({ result, email: calls[i].email })),
			...retried.map((result, i) => ({ result, email: unanswered[i].email })),
		];
		for (const { result, email } of answers) {
			if (result.status !== 'fulfilled') continue;
			const ids = byEmail.get(email) ?? new Set<string>();
			ids.add((result.value as IssueOutcome).credential.id);
			byEmail.set(email, ids);
		}
		expect(byEmail.size).toBe(200);
		expect([...byEmail.values()].every((ids) => ids.size === 1)).toBe(true);

		// The faults really happened, including lost answers after the work was done.
		const faults = (await control.requests()).filter((r) => r.fault !== null);
		expect(faults.length).toBeGreaterThan(60);
		expect(faults.some((r) => r.fault === 'timeout-after' || r.fault === '500-after')).toBe(true);
		const failedCalls = results.filter((r) => r.status === 'rejected').length;
		expect(failedCalls).toBeLessThan(calls.length * 0.02);
	});
});

describe('the same faults without the lookup', () => {
	it('do produce duplicates (so the test above can fail)', async () => {
		const sim = await startCertifierSimulator();
		const control = new SimControl(sim);
		try {
			await control.faults({
				errorRate: 0.1,
				errorKinds: FAULTS,
				holdMs: CLIENT_TIMEOUT_MS + 150,
				seed: 2025,
			});
			const learners = cohort(60);
			// A naive client: create-issue-send, retried blindly on any failure.
			const naive = async (learner: { name: string; email: string }) => {
				for (let attempt = 1; attempt <= 3; attempt++) {
					try {
						const response = await fetch(`${sim.url}/v1/credentials/create-issue-send`, {
							method: 'POST',
							headers: {
								Authorization: `Bearer ${sim.credentials.apiKey}`,
								'Certifier-Version': '2022-10-26',
								'content-type': 'application/json',
							},
							body: JSON.stringify({ groupId: '01g90279gp5sbmfek7wymcsvec', recipient: learner }),
							signal: AbortSignal.timeout(CLIENT_TIMEOUT_MS),
						});
						if (response.ok) return;
					} catch {
						// lost answer: try again
					}
				}
			};
			await pool(shuffled([...learners, ...learners, ...learners]), 12, naive);
			expect((await control.issued()).duplicates.length).toBeGreaterThan(0);
		} finally {
			await sim.stop();
		}
	});
});
