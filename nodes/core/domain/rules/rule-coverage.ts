// Configuration drift (the playbook's commonest post-launch problem): LMS courses whose learners
// complete but that have no rule, so every completion silently falls back to manual review
// (COURSE_RULE_MISSING), and rules left behind for courses the LMS no longer has.
import type { CompletionRuleSet } from '../model';

/** A course as the LMS lists it. */
export interface ListedCourse {
	id: string;
	name?: string;
	/** Another name authors may have keyed a rule by, by mistake (Moodle short name, Canvas course code). */
	code?: string;
}

/** Completions of one course of this LMS, e.g. counted from the ledger's decisions. */
export interface CompletedCourse {
	courseId: string;
	completions: number;
	lastCompletionAt?: string;
}

export interface RuleCoverageInput {
	/** The LMS the courses come from, as people name it, e.g. "Moodle". */
	lms: string;
	ruleSet: Pick<CompletionRuleSet, 'id' | 'version' | 'courses'>;
	listedCourses: ReadonlyArray<ListedCourse>;
	completions: ReadonlyArray<CompletedCourse>;
	/** Rules for courses of another LMS: never reported as missing from this one. */
	otherLmsCourseIds?: ReadonlyArray<string>;
}

export type DriftKind = 'course_without_rule' | 'rule_without_course';

export interface DriftFinding {
	kind: DriftKind;
	lms: string;
	courseId: string;
	/** The LMS's name for the course, else the rule's. */
	courseName?: string;
	completions?: number;
	lastCompletionAt?: string;
	/** What is wrong, in one sentence. */
	problem: string;
	/** What to do about it. */
	action: string;
}

export interface RuleCoverage {
	lms: string;
	ruleSetId: string;
	ruleVersion: string;
	driftFound: boolean;
	/** Courses with completions but no rule first, then rules without a course; by course id. */
	findings: DriftFinding[];
	coursesListed: number;
	rulesChecked: number;
	coursesWithCompletions: number;
}

const byCourseId = (a: DriftFinding, b: DriftFinding) =>
	a.courseId.localeCompare(b.courseId, 'en', { numeric: true });

/** Compares the rule set with the LMS's course list and the courses learners completed. */
export function checkRuleCoverage(input: RuleCoverageInput): RuleCoverage {
	const { lms, ruleSet } = input;
	const rules = new Map(Object.entries(ruleSet.courses));
	const listed = new Map(input.listedCourses.map((course) => [course.id, course]));
	const otherLms = new Set(input.otherLmsCourseIds ?? []);
	const ruleSetName = `rule set ${ruleSet.id} v${ruleSet.version}`;

	const uncovered: DriftFinding[] = input.completions
		.filter((course) => course.completions > 0 && !rules.has(course.courseId))
		.map((course) => ({
			kind: 'course_without_rule',
			lms,
			courseId: course.courseId,
			courseName: listed.get(course.courseId)?.name,
			completions: course.completions,
			lastCompletionAt: course.lastCompletionAt,
			problem: `${course.completions} completion(s) but no rule in ${ruleSetName}: each went to review as COURSE_RULE_MISSING`,
			action: `Add a rule for course id "${course.courseId}" to the rule set (the course's completion criteria); the completions already held wait in List Open Reviews.`,
		}));

	const codes = new Map(
		input.listedCourses
			.filter((course) => course.code !== undefined)
			.map((course) => [course.code as string, course]),
	);
	const orphaned: DriftFinding[] = [...rules.entries()]
		.filter(([courseId]) => !listed.has(courseId) && !otherLms.has(courseId))
		.map(([courseId, rule]) => {
			const sameCode = codes.get(courseId);
			return {
				kind: 'rule_without_course',
				lms,
				courseId,
				courseName: rule.name,
				problem: `${lms} lists no course with id "${courseId}", so this rule never applies`,
				action:
					sameCode !== undefined
						? `${lms} course ${sameCode.id} is called "${courseId}": key the rule by the course id "${sameCode.id}".`
						: `Remove the rule if the course was deleted, or change its id if the course was recreated; if the course is in another LMS, add "${courseId}" to Course IDs in Other LMSs.`,
			};
		});

	const findings = [...uncovered.sort(byCourseId), ...orphaned.sort(byCourseId)];
	return {
		lms,
		ruleSetId: ruleSet.id,
		ruleVersion: ruleSet.version,
		driftFound: findings.length > 0,
		findings,
		coursesListed: input.listedCourses.length,
		rulesChecked: rules.size,
		coursesWithCompletions: input.completions.filter((course) => course.completions > 0).length,
	};
}

/** One email for the whole report: a subject and a plain-text body listing every finding. */
export function ruleCoverageMessage(
	coverage: RuleCoverage,
	period?: { periodStart: string; periodEnd: string },
): { subject: string; text: string } {
	const { lms, findings } = coverage;
	const within = period === undefined ? '' : ` from ${period.periodStart} to ${period.periodEnd}`;
	const intro = `Rule set ${coverage.ruleSetId} v${coverage.ruleVersion} (${coverage.rulesChecked} rule(s)) compared with ${coverage.coursesListed} ${lms} course(s) and the ${lms} completions decided${within}.`;
	if (findings.length === 0)
		return {
			subject: `No configuration drift in ${lms}`,
			text: `${intro}\nEvery course checked has a rule and every rule a course.`,
		};
	const line = (finding: DriftFinding) => {
		const name = finding.courseName === undefined ? '' : ` "${finding.courseName}"`;
		return `- ${finding.courseId}${name}: ${finding.problem}.\n  To do: ${finding.action}`;
	};
	const section = (kind: DriftKind, title: string) => {
		const lines = findings.filter((f) => f.kind === kind).map(line);
		return lines.length === 0 ? [] : ['', title, ...lines];
	};
	return {
		subject: `Configuration drift in ${lms}: ${findings.length} finding(s)`,
		text: [
			intro,
			...section('course_without_rule', 'Courses with completions but no rule:'),
			...section('rule_without_course', `Rules whose course ${lms} no longer lists:`),
		].join('\n'),
	};
}
