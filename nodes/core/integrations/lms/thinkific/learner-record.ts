import type { CompletionEvent } from '../../../domain/model/completion-event';
import type { HttpResponse, HttpTransport } from '../../platforms/transport/http-transport';
import { TransportFailure } from '../../platforms/transport/http-transport';
import type { LearnerRecord, LearnerRecordSource } from '../enrichment';
import { isObject } from '../values';
import { TRAILING_SLASHES } from '../../../domain/text';

export interface ThinkificLookupOptions {
	transport: HttpTransport;
	/** The API root, e.g. https://api.thinkific.com (the path /api/public/v1 is added here). */
	baseUrl: string;
	timeoutMs?: number;
}

/** A refusal that every other request would meet too: the key, the plan or the site is wrong. */
class WholeLookupError extends Error {}

/**
 * Learner name and email and the course name from Thinkific's Admin API (facts §4.5), for
 * deliveries that lack them. Thinkific has no score, grade, time on task or prerequisite
 * courses in its enrollment data: percentage_completed (0..1 in the Admin API) is progress, not
 * a score, so it is used nowhere. Nothing is asked when the event already has everything.
 */
export class ThinkificLearnerRecordSource implements LearnerRecordSource {
	readonly name = 'thinkific admin api';

	private readonly root: string;

	constructor(private readonly options: ThinkificLookupOptions) {
		this.root = `${options.baseUrl.replace(TRAILING_SLASHES, '')}/api/public/v1`;
	}

	async fetch(event: CompletionEvent): Promise<LearnerRecord> {
		const needsLearner = !event.learner.email || !event.learner.name;
		if (!needsLearner && event.course.name) return {};
		const record: LearnerRecord = {};
		const errors: NonNullable<LearnerRecord['errors']> = [];
		const step = async (name: string, run: () => Promise<void>) => {
			try {
				await run();
			} catch (error) {
				if (error instanceof WholeLookupError || error instanceof TransportFailure) {
					throw new Error(wholeMessage(error));
				}
				errors.push({ step: name, message: (error as Error).message });
			}
		};
		await step('enrollment', async () => {
			const enrollment = await this.enrollment(event.learner.id, event.course.id);
			record.learner = { email: text(enrollment.user_email), name: text(enrollment.user_name) };
			record.course = { name: text(enrollment.course_name) };
		});
		if (needsLearner && (!record.learner?.email || !record.learner?.name)) {
			await step('learner', async () => {
				const user = await this.user(event.learner.id);
				const name =
					text(user.full_name) ??
					([text(user.first_name), text(user.last_name)].filter(Boolean).join(' ') || undefined);
				record.learner = {
					email: record.learner?.email ?? text(user.email),
					name: record.learner?.name ?? name,
				};
			});
		}
		return errors.length > 0 ? { ...record, errors } : record;
	}

	/** GET /enrollments?query[user_id]=&query[course_id]= : the learner's enrollment in the course. */
	private async enrollment(userId: string, courseId: string): Promise<Record<string, unknown>> {
		const body = await this.get('/enrollments', 'the enrollment', {
			'query[user_id]': userId,
			'query[course_id]': courseId,
			limit: 1,
		});
		const items = isObject(body) && Array.isArray(body.items) ? body.items.filter(isObject) : [];
		const match = items.find(
			(e) => String(e.user_id) === userId && String(e.course_id) === courseId,
		);
		if (!match) {
			throw new Error(`Thinkific has no enrollment of user ${userId} in course ${courseId}`);
		}
		return match;
	}

	/** GET /users/{id}: names and email. */
	private async user(userId: string): Promise<Record<string, unknown>> {
		const body = await this.get(`/users/${encodeURIComponent(userId)}`, `user ${userId}`, {});
		if (!isObject(body)) throw new Error(`Thinkific answered user ${userId} with no object`);
		return body;
	}

	private async get(path: string, what: string, qs: Record<string, string | number>) {
		const response = await this.options.transport({
			method: 'GET',
			url: `${this.root}${path}`,
			headers: {},
			qs,
			timeoutMs: this.options.timeoutMs ?? 30_000,
		});
		if (response.status >= 200 && response.status < 300) return response.body;
		throw refusal(response, what);
	}
}

/** Thinkific's answer as a sentence that names the fix; never the URL or the key. */
function refusal(response: HttpResponse, what: string): Error {
	const said = errorText(response.body);
	const status = `HTTP ${response.status}${said ? `: ${said}` : ''}`;
	if (response.status === 401 || response.status === 403) {
		return new WholeLookupError(
			`Thinkific refused the API key (${status}): check the API key and subdomain in the Thinkific API credential (a 401 can also mean the plan has no API access)`,
		);
	}
	if (response.status === 404) return new Error(`Thinkific does not know ${what} (${status})`);
	if (response.status === 429) {
		return new Error(
			`Thinkific rate-limited the lookup of ${what} (${status}): the Admin API allows 120 requests a minute`,
		);
	}
	return new Error(`Thinkific could not return ${what} (${status})`);
}

function wholeMessage(error: Error): string {
	return error instanceof TransportFailure
		? `Could not reach Thinkific (${error.message}): check the Base URL in the Thinkific API credential`
		: error.message;
}

function errorText(body: unknown): string | undefined {
	if (typeof body === 'string') return body.slice(0, 200) || undefined;
	if (!isObject(body)) return undefined;
	const value = body.error ?? body.message ?? body.errors;
	return typeof value === 'string'
		? value
		: value === undefined
			? undefined
			: JSON.stringify(value).slice(0, 200);
}

const text = (value: unknown): string | undefined =>
	typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
