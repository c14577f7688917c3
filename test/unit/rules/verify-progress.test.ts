import type { ModuleProgress } from '../../../nodes/core/domain/model';
import {
	verifyCompletion,
	type PrerequisiteEvidence,
	type PrerequisiteRecord,
} from '../../../nodes/core/domain/rules';
import { codes, completion, detailOf, NOW, ruleSetWith } from './rule-fixtures';

const done = (id: string): ModuleProgress => ({ id, status: 'completed' });

describe('required modules check (m1, m2, m3)', () => {
	const rules = ruleSetWith({ requiredModules: ['m1', 'm2', 'm3'] });

	it.each<[string, ModuleProgress[] | undefined, string[], string, RegExp | undefined]>([
		[
			'all completed',
			[done('m1'), done('m2'), done('m3')],
			['MODULES_COMPLETE', 'ALL_CRITERIA_MET'],
			'verified',
			undefined,
		],
		[
			'all completed plus an extra module',
			[done('m1'), done('m2'), done('m3'), { id: 'x', status: 'incomplete' }],
			['MODULES_COMPLETE', 'ALL_CRITERIA_MET'],
			'verified',
			undefined,
		],
		[
			'one missing',
			[done('m1'), done('m2')],
			['MODULES_INCOMPLETE'],
			'not_eligible',
			/^required modules not completed: m3 \(no record\)$/,
		],
		[
			'one incomplete',
			[done('m1'), { id: 'm2', status: 'incomplete' }, done('m3')],
			['MODULES_INCOMPLETE'],
			'not_eligible',
			/m2 \(incomplete\)/,
		],
		[
			'none reported',
			undefined,
			['MODULES_INCOMPLETE'],
			'not_eligible',
			/m1 \(no record\), m2 \(no record\), m3 \(no record\)/,
		],
		[
			'one exempt',
			[done('m1'), { id: 'm2', status: 'exempt' }, done('m3')],
			['MODULE_EXEMPT'],
			'needs_review',
			/^required modules marked exempt instead of completed: m2$/,
		],
		[
			'one exempt and one missing',
			[done('m1'), { id: 'm2', status: 'exempt' }],
			['MODULES_INCOMPLETE'],
			'not_eligible',
			/m3 \(no record\)/,
		],
		[
			'an earlier incomplete attempt then a completion',
			[done('m1'), { id: 'm2', status: 'incomplete' }, done('m2'), done('m3')],
			['MODULES_COMPLETE', 'ALL_CRITERIA_MET'],
			'verified',
			undefined,
		],
	])('%s', (_, modules, expected, outcome, detail) => {
		const decision = verifyCompletion(completion({ modules }), rules, { now: NOW });
		expect(codes(decision)).toEqual(expected);
		expect(decision.outcome).toBe(outcome);
		if (detail) expect(decision.reasons[0].detail).toMatch(detail);
	});

	it('records which required modules were completed, exempt, incomplete and missing', () => {
		const modules: ModuleProgress[] = [
			done('m1'),
			{ id: 'm2', status: 'exempt' },
			{ id: 'x', status: 'completed' },
		];
		const decision = verifyCompletion(completion({ modules }), rules, { now: NOW });
		expect(decision.dataPoints).toMatchObject({
			requiredModules: ['m1', 'm2', 'm3'],
			completedModules: ['m1'],
			exemptModules: ['m2'],
			incompleteModules: [],
			missingModules: ['m3'],
		});
	});
});

describe('prerequisites check (C-099, C-100)', () => {
	const rules = ruleSetWith({ prerequisites: ['C-099', 'C-100'] });
	const evidence = (
		c99?: PrerequisiteEvidence['status'],
		c100?: PrerequisiteEvidence['status'],
	) => [
		...(c99 ? [{ courseId: 'C-099', status: c99 }] : []),
		...(c100 ? [{ courseId: 'C-100', status: c100 }] : []),
	];

	it.each<[string, PrerequisiteEvidence[], PrerequisiteRecord[], string, string, RegExp]>([
		[
			'both completed in the event',
			evidence('completed', 'completed'),
			[],
			'PREREQUISITES_MET',
			'verified',
			/all 2 prerequisite/,
		],
		[
			'both completed in records for this learner',
			[],
			[
				{ learnerId: '57', courseId: 'C-099', status: 'completed' },
				{ learnerId: '57', courseId: 'C-100', status: 'completed' },
			],
			'PREREQUISITES_MET',
			'verified',
			/all 2/,
		],
		[
			'one from the event and one from records',
			evidence('completed'),
			[{ learnerId: '57', courseId: 'C-100', status: 'completed' }],
			'PREREQUISITES_MET',
			'verified',
			/all 2/,
		],
		[
			'records of another learner do not count',
			evidence('completed'),
			[{ learnerId: '58', courseId: 'C-100', status: 'completed' }],
			'PREREQUISITE_MISSING',
			'not_eligible',
			/^prerequisites not completed: C-100 \(no record\)$/,
		],
		[
			'one incomplete',
			evidence('completed', 'incomplete'),
			[],
			'PREREQUISITE_MISSING',
			'not_eligible',
			/C-100 \(incomplete\)/,
		],
		[
			'none known',
			[],
			[],
			'PREREQUISITE_MISSING',
			'not_eligible',
			/C-099 \(no record\), C-100 \(no record\)/,
		],
		[
			'one in appeal',
			evidence('completed', 'in_appeal'),
			[],
			'PREREQUISITE_IN_APPEAL',
			'needs_review',
			/^prerequisites under appeal: C-100$/,
		],
		[
			'one in appeal, one missing',
			evidence(undefined, 'in_appeal'),
			[],
			'PREREQUISITE_MISSING',
			'not_eligible',
			/C-099 \(no record\)/,
		],
		[
			'incomplete in the event but completed in records',
			evidence('completed', 'incomplete'),
			[{ learnerId: '57', courseId: 'C-100', status: 'completed' }],
			'PREREQUISITES_MET',
			'verified',
			/all 2/,
		],
	])('%s', (_, prerequisites, prerequisiteRecords, code, outcome, detail) => {
		const decision = verifyCompletion(completion({ prerequisites }), rules, {
			now: NOW,
			prerequisiteRecords,
		});
		expect(codes(decision).filter((c) => c !== 'ALL_CRITERIA_MET')).toEqual([code]);
		expect(decision.outcome).toBe(outcome);
		expect(detailOf(decision, code)).toMatch(detail);
	});

	it('records what was required and what was found', () => {
		const decision = verifyCompletion(completion({ prerequisites: evidence('in_appeal') }), rules, {
			now: NOW,
		});
		expect(decision.dataPoints).toMatchObject({
			prerequisitesRequired: ['C-099', 'C-100'],
			prerequisitesCompleted: [],
			prerequisitesInAppeal: ['C-099'],
			prerequisitesMissing: ['C-100'],
		});
	});

	it('adds nothing when the course has no prerequisites', () => {
		for (const course of [{}, { prerequisites: [] }]) {
			const decision = verifyCompletion(completion(), ruleSetWith(course), { now: NOW });
			expect(codes(decision)).toEqual(['ALL_CRITERIA_MET']);
		}
	});
});
