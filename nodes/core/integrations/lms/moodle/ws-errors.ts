/**
 * Moodle web services answer function-level errors with HTTP 200 and an exception body
 * (`{"exception":"moodle_exception","errorcode":"invalidtoken","message":"..."}`): errors are
 * detected by the `exception` key, never by the status. The message is localised, so the fix text
 * is chosen by `errorcode`.
 */
export class MoodleWsError extends Error {
	/** Moodle's error code (invalidtoken, nocriteriaset...); transport/format problems use our own. */
	readonly errorcode: string;
	/** The PHP exception class Moodle named, when it sent one. */
	readonly exception?: string;
	/** The web-service function that failed. */
	readonly wsfunction: string;
	/** What the user should change. */
	readonly fix: string;

	constructor(fields: {
		errorcode: string;
		message: string;
		wsfunction: string;
		exception?: string;
	}) {
		super(fields.message);
		this.name = 'MoodleWsError';
		this.errorcode = fields.errorcode;
		this.exception = fields.exception;
		this.wsfunction = fields.wsfunction;
		this.fix = fixFor(fields.errorcode, fields.wsfunction);
	}
}

const SERVICE_FUNCTIONS =
	'core_webservice_get_site_info, core_course_get_courses, core_enrol_get_enrolled_users and core_completion_get_course_completion_status';
/** What "Add Learner Details" needs on top (the webhook trigger needs only these and get_courses). */
const LOOKUP_FUNCTIONS = 'core_user_get_users_by_field and gradereport_user_get_grade_items';

/** Error codes seen on these functions (facts sheet) and the generic web-service ones [INFERRED]. */
export function fixFor(errorcode: string, wsfunction: string): string {
	switch (errorcode) {
		case 'invalidtoken':
			return 'Check the token in the Moodle API credential (Site administration → Server → Web services → Manage tokens); the token may have been deleted or may have expired';
		case 'accessexception':
		case 'webservice_access_exception':
		case 'servicenotavailable':
			return `Add ${wsfunction} to the external service the token belongs to (Site administration → Server → Web services → External services → Functions); polling needs ${SERVICE_FUNCTIONS}; learner details also need ${LOOKUP_FUNCTIONS}`;
		case 'invalidrecord':
			return `Moodle does not know ${wsfunction} or a record it names: check the course ids, and that the site runs Moodle 3.10 or later with the function added to the token's service`;
		case 'nocriteriaset':
			return 'The course has completion tracking enabled but no completion criteria: set them in the course (Course completion → Condition), or leave the course out of this node';
		case 'completionnotenabled':
			return 'Enable completion tracking for the course (Edit settings → Completion tracking) and set its completion criteria, or leave the course out of this node';
		case 'cannotviewreport':
		case 'accessdenied':
		case 'nopermissions':
		case 'requireloginerror':
			return "The token's user may not read course completion: give it a role in the course (or at system level) with moodle/course:viewparticipants and report/completion:view";
		case 'notenroled':
		case 'usernotenroled':
		case 'notenrolled':
			return 'The learner is not enrolled in the course';
		case 'invalidparameter':
			return `Moodle refused the parameters sent to ${wsfunction}: check the course ids (whole numbers)`;
		case 'http_error':
			return "Check the Moodle API credential's base URL (the site root, e.g. https://lms.example.edu) and that web services are enabled (Site administration → Advanced features → Enable web services)";
		case 'not_json':
			return 'Enable the REST protocol (Site administration → Server → Web services → Manage protocols) and check the base URL is the site root; Moodle did not answer with JSON';
		default:
			return `See the Moodle error code "${errorcode}" in the site's web-service documentation (Site administration → Server → Web services → API Documentation)`;
	}
}

const isObject = (value: unknown): value is Record<string, unknown> =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Reads one web-service reply: the parsed body when it is a result, a MoodleWsError when it is
 * an exception body (any status), a non-2xx status, or not JSON (an HTML login page, XML).
 */
export function readWsReply(wsfunction: string, status: number, body: unknown): unknown {
	if (isObject(body) && typeof body.exception === 'string') {
		return new MoodleWsError({
			wsfunction,
			exception: body.exception,
			errorcode: typeof body.errorcode === 'string' ? body.errorcode : 'unknown',
			message: typeof body.message === 'string' ? body.message : body.exception,
		});
	}
	// login/token.php and pluginfile.php use {"error","errorcode"}, sometimes with 403.
	if (isObject(body) && typeof body.errorcode === 'string' && typeof body.error === 'string') {
		return new MoodleWsError({ wsfunction, errorcode: body.errorcode, message: body.error });
	}
	if (status < 200 || status >= 300) {
		return new MoodleWsError({
			wsfunction,
			errorcode: 'http_error',
			message: `Moodle answered ${wsfunction} with HTTP ${status}`,
		});
	}
	if (typeof body === 'string' || body === undefined) {
		return new MoodleWsError({
			wsfunction,
			errorcode: 'not_json',
			message: `Moodle answered ${wsfunction} with ${body === undefined ? 'an empty body' : 'text that is not JSON'}`,
		});
	}
	return body;
}
