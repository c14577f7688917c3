import type { KeyedCompletion, LmsReject } from '../result';
import { reject } from '../result';
import {
	at,
	describe,
	idAt,
	isObject,
	keyed,
	optionalText,
	utcFromUnixSeconds,
} from '../values';

export const TALENTLMS_COMPLETION_ACTION = 'course_completion';

/**
 * One TalentLMS timeline event (gettimeline/event_type:course_completion) → a CompletionEvent.
 * Everything arrives as strings; the localised `timestamp` ("23/08/2020, 05:58:53") follows the
 * site's date format, so the time is read from `unix_timestamp` and both stay in raw.
 */
export function normaliseTalentLmsTimelineEvent(
	item: unknown,
): { ok: true; value: KeyedCompletion } | LmsReject {
	if (!isObject(item)) return reject('wrong_type', '(item)', 'A timeline event must be an object');
	if (item.action !== TALENTLMS_COMPLETION_ACTION) {
		return reject('unknown_event', 'action', `Not a course completion: ${describe(item.action)}`);
	}
	const learner = idAt(item, 'user_id', 'The learner id');
	if (!learner.ok) return learner;
	const course = idAt(item, 'object_id', 'The course id');
	if (!course.ok) return course;
	const completedAt = utcFromUnixSeconds(item, 'unix_timestamp');
	if (!completedAt.ok) return completedAt;
	return keyed({
		source: 'talentlms',
		learner: {
			id: learner.value,
			email: optionalText(item, 'user_email'),
			name: optionalText(item, 'user_fullname'),
		},
		course: { id: course.value, name: optionalText(item, 'object_name') },
		completedAt: completedAt.value,
		completedAtOriginal: at(item, 'unix_timestamp') as string,
		raw: item,
	});
}
