import type { HttpTransport, QueryValue } from '../../platforms/transport/http-transport';
import { MoodleWsError, readWsReply } from './ws-errors';
import { TRAILING_SLASHES } from '../../../domain/text';

/** Parameters as Moodle's REST server reads them: PHP form keys (`options[0][name]`). */
export type WsParams = Record<string, QueryValue>;

export interface MoodleWsClientOptions {
	transport: HttpTransport;
	/** The site root, e.g. https://lms.example.edu (no /webservice). */
	baseUrl: string;
	/**
	 * The web-service token. Inside n8n leave it out: the credential's `authenticate` adds
	 * `wstoken`, so the token never passes through this code.
	 */
	token?: string;
	timeoutMs?: number;
}

export interface MoodleCourse {
	id: string;
	fullname?: string;
	shortname?: string;
	/** 0/1 from core_course_get_courses; undefined when the site does not say. */
	enablecompletion?: number;
	/** "site" for the front page (course id 1), which is no course anyone completes. */
	format?: string;
}

export interface MoodleUser {
	id: string;
	fullname?: string;
	email?: string;
}

/**
 * A small client for Moodle's REST web services
 * (`/webservice/rest/server.php?wsfunction=...&moodlewsrestformat=json`). The format is always
 * sent: Moodle answers XML when it is missing. Exception bodies become MoodleWsError.
 */
export class MoodleWsClient {
	private readonly url: string;

	constructor(private readonly options: MoodleWsClientOptions) {
		this.url = `${options.baseUrl.replace(TRAILING_SLASHES, '')}/webservice/rest/server.php`;
	}

	async call(wsfunction: string, params: WsParams = {}): Promise<unknown> {
		const response = await this.options.transport({
			method: 'GET',
			url: this.url,
			headers: {},
			qs: {
				...params,
				wsfunction,
				moodlewsrestformat: 'json',
				...(this.options.token === undefined ? {} : { wstoken: this.options.token }),
			},
			timeoutMs: this.options.timeoutMs ?? 30_000,
		});
		const reply = readWsReply(wsfunction, response.status, response.body);
		if (reply instanceof MoodleWsError) throw reply;
		return reply;
	}

	/** core_course_get_courses: the given courses, or without ids every course the user can see. */
	async courses(ids: string[] = []): Promise<MoodleCourse[]> {
		const params: WsParams = {};
		ids.forEach((id, index) => (params[`options[ids][${index}]`] = id));
		const body = await this.call('core_course_get_courses', params);
		return asList(body, 'core_course_get_courses').map((course) => ({
			id: String(course.id),
			fullname: text(course.fullname),
			shortname: text(course.shortname),
			enablecompletion:
				course.enablecompletion === undefined ? undefined : Number(course.enablecompletion),
			format: text(course.format),
		}));
	}

	/**
	 * core_enrol_get_enrolled_users, active enrolments only, fetched in pages
	 * (`limitfrom`/`limitnumber`, ordered by id) so large courses do not time out.
	 */
	async enrolledUsers(courseId: string, pageSize = 200): Promise<MoodleUser[]> {
		const users: MoodleUser[] = [];
		for (let from = 0; ; from += pageSize) {
			const body = await this.call('core_enrol_get_enrolled_users', {
				courseid: courseId,
				'options[0][name]': 'onlyactive',
				'options[0][value]': 1,
				'options[1][name]': 'userfields',
				'options[1][value]': 'id,fullname,email',
				'options[2][name]': 'limitfrom',
				'options[2][value]': from,
				'options[3][name]': 'limitnumber',
				'options[3][value]': pageSize,
				'options[4][name]': 'sortby',
				'options[4][value]': 'id',
			});
			const page = asList(body, 'core_enrol_get_enrolled_users');
			for (const user of page) {
				users.push({ id: String(user.id), fullname: text(user.fullname), email: text(user.email) });
			}
			if (page.length < pageSize) return users;
		}
	}

	/** core_user_get_users_by_field with field=id: one user, or undefined when Moodle has none. */
	async userById(userId: string): Promise<Record<string, unknown> | undefined> {
		const body = await this.call('core_user_get_users_by_field', {
			field: 'id',
			'values[0]': userId,
		});
		return asList(body, 'core_user_get_users_by_field').find((u) => String(u.id) === userId);
	}

	/** gradereport_user_get_grade_items (Moodle 3.2+) for one learner in one course. */
	async gradeItems(courseId: string, userId: string): Promise<unknown> {
		return await this.call('gradereport_user_get_grade_items', {
			courseid: courseId,
			userid: userId,
		});
	}

	/** core_completion_get_course_completion_status for one learner in one course. */
	async completionStatus(courseId: string, userId: string): Promise<unknown> {
		return await this.call('core_completion_get_course_completion_status', {
			courseid: courseId,
			userid: userId,
		});
	}
}

function asList(body: unknown, wsfunction: string): Array<Record<string, unknown>> {
	if (!Array.isArray(body)) {
		throw new MoodleWsError({
			wsfunction,
			errorcode: 'unexpected_reply',
			message: `Moodle answered ${wsfunction} with something other than a list`,
		});
	}
	return body.filter(
		(entry): entry is Record<string, unknown> =>
			typeof entry === 'object' && entry !== null && 'id' in entry,
	);
}

const text = (value: unknown): string | undefined =>
	typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
