import type {
	CompletionRuleSetInput,
	CourseRule,
	Decision,
} from '../../../nodes/core/domain/model';
import {
	parseCompletionRuleSet,
	type ParsedCompletionRuleSet,
	type VerificationInput,
} from '../../../nodes/core/domain/rules';

export const COURSE_ID = 'C-101';
export const NOW = new Date('2026-03-01T12:00:00.000Z');

type CourseRuleInput = Partial<Omit<CourseRule, 'identityCheck'>> & { identityCheck?: boolean };

/** A validated rule set with one course rule; throws if the fixture itself is invalid. */
export function ruleSetWith(
	course: CourseRuleInput,
	extra: Partial<Pick<CompletionRuleSetInput, 'defaults'>> = {},
): ParsedCompletionRuleSet {
	const parsed = parseCompletionRuleSet({
		id: 'acme-cpe',
		version: '2026.1',
		...extra,
		courses: { [COURSE_ID]: course },
	});
	if (!parsed.ok) throw new Error(`invalid fixture: ${JSON.stringify(parsed.issues)}`);
	return { ruleSet: parsed.ruleSet, ruleHash: parsed.ruleHash };
}

/** A canonical completion of COURSE_ID by learner 57 with no evidence beyond the event. */
export function completion(overrides: Partial<VerificationInput> = {}): VerificationInput {
	return {
		source: 'moodle',
		sourceEventId: 'evt-1',
		learner: { id: '57', email: 'ada@example.org', name: 'Ada Lovelace' },
		course: { id: COURSE_ID, name: 'Ethics for Accountants' },
		completedAt: '2024-06-03T16:00:00.000Z',
		...overrides,
	};
}

export function codes(decision: Decision): string[] {
	return decision.reasons.map((reason) => reason.code);
}

export function detailOf(decision: Decision, code: string): string {
	const reason = decision.reasons.find((r) => r.code === code);
	if (!reason) throw new Error(`no ${code} in ${JSON.stringify(codes(decision))}`);
	return reason.detail;
}

/** Deterministic pseudo-random numbers (mulberry32) so property tests are reproducible. */
export function seededRandom(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}
