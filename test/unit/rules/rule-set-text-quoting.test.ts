// Rule-set text read from a file is never quoted back: the path may name any file (a .env,
// /etc/passwd), so messages give the place and the kind of problem, never the text itself.
import { parseCompletionRuleSetText } from '../../../nodes/core/domain/rules';

const SECRET = 'zq8Xv2LmT9sKe4RbW7nY';

function messagesOf(text: string, quoteValues: boolean): string {
	const result = parseCompletionRuleSetText(text, { quoteValues });
	if (result.ok) throw new Error('expected the rule set to be refused');
	return result.issues.map((issue) => `${issue.path}: ${issue.message}`).join('\n');
}

describe('rule-set text from a file: messages without its text', () => {
	test.each([
		['a .env file', `N8N_ENCRYPTION_KEY=${SECRET}\n`, /received text; expected an object/],
		['broken JSON', `{"id": "rules", "token": ${SECRET}}`, /not valid JSON/],
		['broken YAML', `id: rules\ntoken: [${SECRET}\n`, /not valid JSON or YAML at line 3, column 1/],
		['a wrong value', `id: rules\nversion: "1"\ncourses: ${SECRET}\n`, /courses: received text/],
		[
			'a course that is its own prerequisite',
			`id: rules\nversion: "1"\ncourses:\n  ${SECRET}:\n    prerequisites: [${SECRET}]\n`,
			/prerequisites\[0\]: received text; a course cannot be its own prerequisite/,
		],
		[
			'an alias without an anchor',
			`id: rules\ncourses: *${SECRET}\n`,
			/alias .* refers to no anchor/,
		],
	])('%s', (_name, text, expected) => {
		const messages = messagesOf(text, false);
		expect(messages).toMatch(expected);
		// The path may name a key of the file (here the course id); no message text may quote it.
		expect(messages.replace(/^[^:]*: /gm, '')).not.toContain(SECRET);
	});

	test('text written in the node itself is still quoted, to help fix it', () => {
		expect(messagesOf(`id: rules\nversion: "1"\ncourses: ${SECRET}\n`, true)).toContain(SECRET);
	});

	test('an alias without an anchor is refused in the node parameter too, not thrown', () => {
		expect(messagesOf('id: rules\ncourses: *nowhere\n', true)).toMatch(/refers to no anchor/);
	});
});
