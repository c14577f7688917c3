import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import type { CredentialLedger } from '../../../core/domain/ledger';
import { checkRuleCoverage, ruleCoverageMessage } from '../../../core/domain/rules';
import { updateDisplayOptions } from '../../../kit/display-options';
import { ruleSetProperties } from '../../../VerifyCompletion/description';
import { loadRuleSet } from '../../../VerifyCompletion/rule-set-loader';
import { courseSourceProperties, listLmsCourses } from './lms-courses';
import { periodOf, periodProperties } from './period';

const properties: INodeProperties[] = [
	...courseSourceProperties,
	...ruleSetProperties,
	...periodProperties,
	{
		displayName: 'Options',
		name: 'driftOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Course IDs in Other LMSs',
				name: 'otherLmsCourseIds',
				type: 'string',
				default: '',
				placeholder: 'PROG-101, 565',
				description:
					'Comma-separated course IDs the rule set holds for another LMS: not reported as missing from this one',
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['report'], operation: ['drift'] } },
	properties,
);

function otherLmsCourseIds(this: IExecuteFunctions): string[] {
	const options = this.getNodeParameter('driftOptions', 0, {}) as IDataObject;
	return String(options.otherLmsCourseIds ?? '')
		.split(',')
		.map((id) => id.trim())
		.filter((id) => id !== '');
}

/**
 * One item: the courses of the LMS whose completions were decided in the period without a rule,
 * and the rules whose course the LMS no longer lists, each with what to do; `subject` and `text`
 * make one email of it.
 */
export async function execute(
	this: IExecuteFunctions,
	ledger: CredentialLedger,
): Promise<INodeExecutionData[][]> {
	// The rules are checked first: a broken rule set is the one error worth more than drift.
	const { ruleSet } = await loadRuleSet.call(this);
	const listing = await listLmsCourses.call(this);
	const period = periodOf.call(this);
	const completions = (await ledger.courseCompletions(period))
		.filter((course) => course.source === listing.source)
		.map(({ courseId, completions, lastDecidedAt }) => ({
			courseId,
			completions,
			lastCompletionAt: lastDecidedAt,
		}));
	const coverage = checkRuleCoverage({
		lms: listing.lms,
		ruleSet,
		listedCourses: listing.courses,
		completions,
		otherLmsCourseIds: otherLmsCourseIds.call(this),
	});
	const report = { ...coverage, ...period, ...ruleCoverageMessage(coverage, period) };
	return [[{ json: report as unknown as IDataObject }]];
}
