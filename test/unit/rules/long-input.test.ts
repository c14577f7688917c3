import {
	parseCompletionRuleSet,
	parseVerificationInput,
	verifyCompletion,
} from '../../../nodes/core/domain/rules';
import { codes, completion, detailOf, NOW, ruleSetWith } from './rule-fixtures';

// Linear work on 100,000 characters takes milliseconds; what these replace ran for seconds
// (name distance: 10^10 cells), so the bound only has to separate the two.
const BOUND_MS = 1000;

function timed<T>(run: () => T): { result: T; ms: number } {
	const started = performance.now();
	const result = run();
	return { result, ms: performance.now() - started };
}

describe('long values in Verify Completion input', () => {
	it('refuses a 100,000-character learner id quickly, naming the field and the limit', () => {
		const raw = { ...completion(), learner: { id: 'x'.repeat(100_000) } };
		const { result, ms } = timed(() => parseVerificationInput(raw));
		expect(result).toEqual({
			ok: false,
			issues: [{ path: 'learner.id', message: 'is 100,000 characters long; the limit is 256' }],
		});
		expect(ms).toBeLessThan(BOUND_MS);
	});

	it('refuses a recipient name past the name limit', () => {
		const result = parseVerificationInput({ ...completion(), recipientName: 'A'.repeat(513) });
		expect(result).toEqual({
			ok: false,
			issues: [{ path: 'recipientName', message: 'is 513 characters long; the limit is 512' }],
		});
	});

	it('compares 100,000-character names quickly and reports "more than" past 32 edits', () => {
		const input = completion({
			learner: { id: '57', name: 'Ada Lovelace '.repeat(8000) },
			recipientName: 'Grace Hopper '.repeat(8000),
		});
		const { result: decision, ms } = timed(() =>
			verifyCompletion(input, ruleSetWith({}), { now: NOW }),
		);
		expect(codes(decision)[0]).toBe('NAME_MISMATCH');
		expect(decision.dataPoints).toMatchObject({ nameDistance: 33, nameTolerance: 2 });
		expect(detailOf(decision, 'NAME_MISMATCH')).toBe(
			'recipient name differs from the learner name by more than 32 edit(s), more than the tolerance of 2',
		);
		expect(ms).toBeLessThan(BOUND_MS);
	});

	it('still names the closest field for a misspelt rule key, and ignores a huge unknown key quickly', () => {
		const misspelt = parseCompletionRuleSet({
			id: 'r',
			version: '1',
			courses: { C: { pasingScore: 80 } },
		});
		expect(misspelt.ok).toBe(false);
		expect(JSON.stringify(misspelt)).toContain('did you mean \\"passingScore\\"');
		const huge = 'k'.repeat(100_000);
		const { result, ms } = timed(() =>
			parseCompletionRuleSet({ id: 'r', version: '1', courses: { C: { [huge]: 1 } } }),
		);
		expect(result.ok).toBe(false);
		expect(JSON.stringify(result)).not.toContain('did you mean');
		// The message quotes the start of the key, not all of it.
		expect(JSON.stringify(result).length).toBeLessThan(huge.length + 1000);
		expect(ms).toBeLessThan(BOUND_MS);
	});
});
