import {
	PlatformError,
	SingleFlight,
	preferredCredential,
	retryPolicy,
	type Clock,
	type CredentialState,
	type PlatformCredential,
} from '../../../nodes/core/integrations/platforms';
import {
	issueExactlyOnce,
	issueOnceInProcess,
	type IssueSteps,
} from '../../../nodes/core/integrations/platforms/issue-flow';

// The exactly-once flow on its own, with scripted lookups and creates.

const credential = (
	id: string,
	state: CredentialState = 'issued',
	extra: Partial<PlatformCredential> = {},
): PlatformCredential => ({
	platform: 'credly',
	id,
	templateId: 't',
	state,
	recipient: {},
	raw: {},
	...extra,
});
const serverError = (retryAfterMs?: number) =>
	new PlatformError('credly', 'server_error', 'the service failed.', {
		fix: 'Retry.',
		status: 503,
		retryAfterMs,
	});
const refused = () =>
	new PlatformError('credly', 'validation_error', 'refused.', { fix: 'Fix it.', status: 422 });

function context() {
	const sleeps: number[] = [];
	const clock: Clock = { now: () => 0, sleep: async (ms) => void sleeps.push(ms) };
	return {
		sleeps,
		flow: { retry: retryPolicy({ baseDelayMs: 100, jitter: 0 }), clock, random: () => 0 },
	};
}

/** Steps whose lookup answers from `store` and whose create runs `creates` in turn. */
function scripted(
	creates: Array<() => PlatformCredential>,
	store: PlatformCredential[] = [],
): IssueSteps & { calls: string[] } {
	const calls: string[] = [];
	return {
		calls,
		lookup: async () => {
			calls.push('lookup');
			return store[0];
		},
		create: async () => {
			calls.push('create');
			const next = creates.shift();
			if (!next) throw new Error('unexpected create');
			return next();
		},
	};
}

describe('issueExactlyOnce', () => {
	it('answers already_issued when the lookup finds it, without creating', async () => {
		const steps = scripted([], [credential('c1')]);
		expect(await issueExactlyOnce(steps, context().flow)).toMatchObject({
			status: 'already_issued',
			detectedBy: 'lookup',
			attempts: 1,
		});
		expect(steps.calls).toEqual(['lookup']);
	});

	it('after a lost answer, finds its own credential instead of creating again', async () => {
		const store: PlatformCredential[] = [];
		const steps = scripted(
			[
				() => {
					store.push(credential('c1'));
					throw serverError();
				},
			],
			store,
		);
		const { flow, sleeps } = context();
		expect(await issueExactlyOnce(steps, flow)).toMatchObject({
			status: 'issued',
			recovered: true,
			attempts: 2,
			credential: { id: 'c1' },
		});
		expect(steps.calls).toEqual(['lookup', 'create', 'lookup']);
		expect(sleeps).toEqual([100]);
	});

	it('honours Retry-After, and gives up when it is longer than allowed', async () => {
		const { flow, sleeps } = context();
		const steps = scripted([
			() => {
				throw serverError(5000);
			},
			() => credential('c1'),
		]);
		await issueExactlyOnce(steps, flow);
		expect(sleeps).toEqual([5000]);
		const patient = scripted([
			() => {
				throw serverError(10 * 60_000);
			},
		]);
		await expect(issueExactlyOnce(patient, flow)).rejects.toMatchObject({ retryAfterMs: 600_000 });
		expect(patient.calls).toEqual(['lookup', 'create']);
	});

	it('stops after maxAttempts, with a lookup before each', async () => {
		const steps = scripted([
			() => {
				throw serverError();
			},
			() => {
				throw serverError();
			},
			() => {
				throw serverError();
			},
		]);
		const { flow, sleeps } = context();
		await expect(issueExactlyOnce(steps, flow)).rejects.toMatchObject({ code: 'server_error' });
		expect(steps.calls).toEqual(['lookup', 'create', 'lookup', 'create', 'lookup', 'create']);
		expect(sleeps).toEqual([100, 200]);
	});

	it('asks whether a refusal is a duplicate, and believes only a found credential', async () => {
		const duplicate = {
			...scripted([
				() => {
					throw refused();
				},
			]),
			explainRefusal: async () => credential('c9'),
		};
		expect(await issueExactlyOnce(duplicate, context().flow)).toMatchObject({
			status: 'already_issued',
			detectedBy: 'duplicate_rejection',
		});
		const invalid = {
			...scripted([
				() => {
					throw refused();
				},
			]),
			explainRefusal: async (error: PlatformError) => error,
		};
		await expect(issueExactlyOnce(invalid, context().flow)).rejects.toMatchObject({
			code: 'validation_error',
		});
		const unexplained = scripted([
			() => {
				throw refused();
			},
		]);
		await expect(issueExactlyOnce(unexplained, context().flow)).rejects.toMatchObject({
			code: 'validation_error',
		});
		expect(unexplained.calls).toEqual(['lookup', 'create']);
	});

	it('finishes a half-done credential it finds', async () => {
		const steps = {
			...scripted([], [credential('d1', 'draft')]),
			resume: async (draft: PlatformCredential) => ({ ...draft, state: 'issued' as const }),
		};
		expect(await issueExactlyOnce(steps, context().flow)).toMatchObject({
			status: 'issued',
			recovered: true,
			credential: { id: 'd1', state: 'issued' },
		});
	});
});

describe('issueExactlyOnce after a lost create answer, while the search lags', () => {
	const timeout = () => new PlatformError('credly', 'timeout', 'no answer.', { fix: 'Retry.' });
	type Create = 'made, answer lost' | 'not made, answer lost' | 'made' | 'refused';

	/** Creates run `creates` in turn; the lookup shows a made credential only after `hidden` tries. */
	function lagging(hidden: number, creates: Create[]): IssueSteps & { calls: string[] } {
		const made: PlatformCredential[] = [];
		let lookupsSinceMade = 0;
		const calls: string[] = [];
		return {
			calls,
			lookup: async () => {
				calls.push('lookup');
				if (made.length === 0) return undefined;
				lookupsSinceMade += 1;
				return lookupsSinceMade > hidden ? made[0] : undefined;
			},
			create: async () => {
				calls.push('create');
				const next = creates.shift();
				if (next === 'refused') throw refused();
				if (next === 'made' || next === 'made, answer lost')
					made.push(credential(`c${made.length + 1}`));
				if (next === 'made') return made[made.length - 1];
				throw timeout();
			},
		};
	}
	const withWait = (lostAnswerWaitMs: number) => {
		const { flow, sleeps } = context();
		return { sleeps, flow: { ...flow, retry: { ...flow.retry, lostAnswerWaitMs } } };
	};
	const creates = (steps: { calls: string[] }) => steps.calls.filter((c) => c === 'create').length;

	it('keeps looking, with growing pauses, until its own credential shows; creates nothing more', async () => {
		const steps = lagging(3, ['made, answer lost']);
		const { flow, sleeps } = withWait(10_000);
		expect(await issueExactlyOnce(steps, flow)).toMatchObject({
			status: 'issued',
			recovered: true,
			credential: { id: 'c1' },
		});
		expect(creates(steps)).toBe(1);
		// The retry delay, then three pauses while the search lags (at least a twentieth of the wait).
		expect(sleeps).toEqual([100, 500, 500, 500]);
	});

	it('waits no longer than lostAnswerWaitMs, then creates again (the create really was lost)', async () => {
		const steps = lagging(0, ['not made, answer lost', 'made']);
		const { flow, sleeps } = withWait(1000);
		expect(await issueExactlyOnce(steps, flow)).toMatchObject({
			status: 'issued',
			credential: { id: 'c1' },
		});
		expect(creates(steps)).toBe(2);
		const [retryDelay, ...pauses] = sleeps;
		expect(retryDelay).toBe(100);
		expect(pauses.reduce((sum, ms) => sum + ms, 0)).toBe(1000);
	});

	it('gives the search its time again when a duplicate rule refuses the second create', async () => {
		// The search lags longer than the wait; the platform's duplicate rule already sees it.
		const steps = {
			...lagging(4, ['made, answer lost', 'refused']),
			explainRefusal: async (error: PlatformError) => error,
		};
		const { flow } = withWait(300);
		expect(await issueExactlyOnce(steps, flow)).toMatchObject({
			status: 'issued',
			recovered: true,
			credential: { id: 'c1' },
		});
		expect(creates(steps)).toBe(2);
	});

	it('does not wait for the search after a 429 or a 503: nothing was made', async () => {
		const steps = lagging(0, []);
		steps.create = async () => {
			steps.calls.push('create');
			if (creates(steps) === 1) throw serverError();
			return credential('c1');
		};
		const { flow, sleeps } = withWait(10_000);
		await issueExactlyOnce(steps, flow);
		expect(steps.calls).toEqual(['lookup', 'create', 'lookup', 'create']);
		expect(sleeps).toEqual([100]);
	});
});

describe('issueOnceInProcess', () => {
	it('lets concurrent identical calls share one issuance', async () => {
		const flights = new SingleFlight();
		let creates = 0;
		const work = async () => {
			creates += 1;
			await new Promise((resolve) => setTimeout(resolve, 10));
			return { status: 'issued' as const, credential: credential('c1'), attempts: 1 };
		};
		const [a, b] = await Promise.all([
			issueOnceInProcess(flights, 'k', work),
			issueOnceInProcess(flights, 'k', work),
		]);
		expect(creates).toBe(1);
		expect(a.status).toBe('issued');
		expect(b).toMatchObject({
			status: 'already_issued',
			detectedBy: 'concurrent_call',
			credential: { id: 'c1' },
		});
	});
});

describe('preferredCredential', () => {
	it('prefers live over unfinished over withdrawn, skipping replaced ones', () => {
		const pick = (...items: PlatformCredential[]) => preferredCredential(items)?.id;
		expect(
			pick(credential('r', 'revoked'), credential('d', 'draft'), credential('p', 'pending')),
		).toBe('p');
		expect(pick(credential('x', 'expired'), credential('u', 'unpublished'))).toBe('u');
		expect(
			pick(credential('old', 'pending', { replacedBy: 'new' }), credential('new', 'pending')),
		).toBe('new');
		expect(pick(credential('first'), credential('second'))).toBe('first');
		expect(pick()).toBeUndefined();
	});
});
