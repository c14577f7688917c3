import { NodeOperationError } from 'n8n-workflow';
import type { IExecuteFunctions } from 'n8n-workflow';

import { parseCompletionRuleSetText } from '../core/domain/rules';
import type { ParsedCompletionRuleSet } from '../core/domain/rules';
import { describeIssues } from '../kit/errors';
import { allowedLocation, readTextFile } from '../kit/file-access';

/** A rule set is a page of YAML; anything far larger is not one. */
const MAX_RULE_SET_BYTES = 1024 * 1024;

interface RuleSetText {
	text: string;
	origin: string;
	/** File text is never quoted back in messages: the path may name a file that is not a rule set. */
	fromFile: boolean;
}

async function readRuleSetText(this: IExecuteFunctions): Promise<RuleSetText> {
	const source = this.getNodeParameter('ruleSetSource', 0) as string;
	if (source !== 'file') {
		return {
			text: this.getNodeParameter('ruleSet', 0, '') as string,
			origin: 'Rule Set parameter',
			fromFile: false,
		};
	}
	const filePath = (this.getNodeParameter('ruleSetFilePath', 0, '') as string).trim();
	if (!filePath) {
		throw new NodeOperationError(this.getNode(), 'Rule Set File Path is empty', {
			description: 'Enter the absolute path of a JSON or YAML rule-set file on the n8n server.',
		});
	}
	const location = await allowedLocation(this, filePath, 'Rule Set File Path');
	try {
		return {
			text: await readTextFile(location, MAX_RULE_SET_BYTES),
			origin: `file ${filePath}`,
			fromFile: true,
		};
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		const reason =
			code === 'ENOENT'
				? 'does not exist'
				: code === 'EFBIG'
					? `is larger than ${MAX_RULE_SET_BYTES / 1024} KiB`
					: `cannot be read (${code ?? 'unknown error'})`;
		throw new NodeOperationError(this.getNode(), `Rule set file ${filePath} ${reason}`, {
			description:
				'Check Rule Set File Path: the file must exist on the machine that runs n8n and be readable by it.',
		});
	}
}

/**
 * Loads and validates the rule set once per execution, before any learner is judged: a bad rule
 * set fails the whole node (even with Continue On Fail), because judging learners against a
 * half-valid rule set would silently verify or refuse them.
 */
export async function loadRuleSet(this: IExecuteFunctions): Promise<ParsedCompletionRuleSet> {
	const { text, origin, fromFile } = await readRuleSetText.call(this);
	if (!text.trim()) {
		throw new NodeOperationError(this.getNode(), `The rule set (${origin}) is empty`, {
			description: 'Write the completion rules as JSON or YAML; see the example in the node.',
		});
	}
	const parsed = parseCompletionRuleSetText(text, { quoteValues: !fromFile });
	if (!parsed.ok) {
		const first = parsed.issues[0];
		throw new NodeOperationError(
			this.getNode(),
			`Invalid rule set (${origin}) at "${first.path || '(root)'}": ${first.message}`,
			{ description: describeIssues(parsed.issues) },
		);
	}
	return { ruleSet: parsed.ruleSet, ruleHash: parsed.ruleHash };
}
