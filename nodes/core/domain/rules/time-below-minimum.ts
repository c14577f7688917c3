import {
	DEFAULT_TIME_BELOW_MINIMUM,
	type CompletionRuleSet,
	type CourseRule,
	type TimeBelowMinimum,
} from '../model';

/** The course's own setting, else the rule set's default, else review. */
export function timeBelowMinimumFor(
	course: CourseRule,
	ruleSet: CompletionRuleSet,
): TimeBelowMinimum {
	return course.timeBelowMinimum ?? ruleSetTimeBelowMinimum(ruleSet);
}

function ruleSetTimeBelowMinimum(ruleSet: CompletionRuleSet): TimeBelowMinimum {
	return ruleSet.defaults.timeBelowMinimum ?? DEFAULT_TIME_BELOW_MINIMUM;
}

/**
 * Drops every timeBelowMinimum that changes nothing (a default equal to the built-in one, a course
 * value equal to the rule set's), so writing a default out keeps the hash, and rule sets written
 * before the setting existed keep theirs. Returns the same object when nothing is dropped.
 */
export function withoutRedundantTimeBelowMinimum(ruleSet: CompletionRuleSet): CompletionRuleSet {
	const effectiveDefault = ruleSetTimeBelowMinimum(ruleSet);
	const redundantDefault = ruleSet.defaults.timeBelowMinimum === DEFAULT_TIME_BELOW_MINIMUM;
	const redundantCourses = Object.keys(ruleSet.courses).filter(
		(id) => ruleSet.courses[id].timeBelowMinimum === effectiveDefault,
	);
	if (!redundantDefault && redundantCourses.length === 0) return ruleSet;

	const defaults = { ...ruleSet.defaults };
	if (redundantDefault) delete defaults.timeBelowMinimum;
	const courses = { ...ruleSet.courses };
	for (const id of redundantCourses) {
		const course = { ...courses[id] };
		delete course.timeBelowMinimum;
		courses[id] = course;
	}
	return { ...ruleSet, defaults, courses };
}
