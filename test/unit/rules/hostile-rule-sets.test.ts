// Rule-set text is typed by users or read from files: YAML aliases that expand past the limit are
// an issue that says so (not a missing anchor), and an unknown key of a megabyte
// was echoed whole, twice, in the issue (and compared letter by letter with every known key for
// a "did you mean", seconds of blocked event loop). Both are now ordinary, short issues.
import {
	parseCompletionRuleSetText,
	parseCompletionRuleSet,
} from '../../../nodes/core/domain/rules';

test('YAML aliases past the limit are an issue, not a thrown error', () => {
	const bomb = [
		'a: &a [x, x, x, x, x, x, x, x, x, x]',
		'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]',
		'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]',
		'd: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]',
	].join('\n');
	const result = parseCompletionRuleSetText(bomb);
	expect(result).toEqual({
		ok: false,
		issues: [{ path: '', message: 'not valid YAML: aliases expand to too many nodes' }],
	});
});

test('an unknown key of a megabyte is named briefly in the path and the message, at once', () => {
	const started = Date.now();
	const key = 'k'.repeat(1_000_000);
	const result = parseCompletionRuleSet({ id: 'r', version: '1', courses: {}, [key]: 1 });
	expect(result.ok).toBe(false);
	const { issues } = result as { issues: Array<{ path: string; message: string }> };
	const issue = issues.find((one) => one.message.startsWith('unknown field')) ?? issues[0];
	expect(issue.path).toBe(`["${'k'.repeat(57)}..."]`);
	expect(issue.message.length).toBeLessThan(300);
	expect(issue.message).toMatch(/^unknown field "k+\.\.\."/);
	expect(Date.now() - started).toBeLessThan(2_000);
});
