import type { HttpTransport, QueryValue } from '../../platforms/transport/http-transport';
import { apiFailure, callApi } from '../api-errors';
import { at, isObject, optionalText } from '../values';
import { TRAILING_SLASHES } from '../../../domain/text';

export const TEACHABLE_API_URL = 'https://developers.teachable.com';

export interface TeachableClientOptions {
	transport: HttpTransport;
	/** API root without /v1, e.g. https://developers.teachable.com. */
	baseUrl: string;
	/** Inside n8n leave it out: the credential's `authenticate` adds the `apikey` header. */
	apiKey?: string;
	timeoutMs?: number;
}

export interface TeachableUser {
	id: string;
	name?: string;
	email?: string;
	/** The user's enrollments as GET /v1/users/{id} lists them. */
	courses: Array<{ courseId: string; courseName?: string; percentComplete?: number }>;
}

export interface TeachableProgress {
	percentComplete?: number;
	completedAt?: string;
}

const number = (value: unknown): number | undefined =>
	typeof value === 'number' && Number.isFinite(value)
		? value
		: typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))
			? Number(value)
			: undefined;

/** The read calls of Teachable's public API v1 that the learner lookup needs. */
export class TeachableClient {
	private readonly root: string;

	constructor(private readonly options: TeachableClientOptions) {
		this.root = `${options.baseUrl.replace(TRAILING_SLASHES, '')}/v1`;
	}

	private async get(path: string, missing: string, qs: Record<string, QueryValue> = {}) {
		const response = await callApi('Teachable', () =>
			this.options.transport({
				method: 'GET',
				url: `${this.root}${path}`,
				headers: this.options.apiKey === undefined ? {} : { apikey: this.options.apiKey },
				qs,
				timeoutMs: this.options.timeoutMs ?? 30_000,
			}),
		);
		if (response.status < 200 || response.status >= 300) {
			throw apiFailure(response, {
				lms: 'Teachable',
				credentialFix: 'the API key in the Teachable API credential',
				missing,
			});
		}
		return response.body;
	}

	async user(id: string): Promise<TeachableUser> {
		const body = await this.get(`/users/${encodeURIComponent(id)}`, `learner ${id}`);
		const courses = Array.isArray(at(body, 'courses')) ? (at(body, 'courses') as unknown[]) : [];
		return {
			id,
			name: optionalText(body, 'name'),
			email: optionalText(body, 'email'),
			courses: courses.filter(isObject).map((c) => ({
				courseId: String(c.course_id),
				courseName: optionalText(c, 'course_name'),
				percentComplete: number(c.percent_complete),
			})),
		};
	}

	async courseName(id: string): Promise<string | undefined> {
		const body = await this.get(`/courses/${encodeURIComponent(id)}`, `course ${id}`);
		return optionalText(body, 'course.name') ?? optionalText(body, 'name');
	}

	async progress(courseId: string, userId: string): Promise<TeachableProgress> {
		const body = await this.get(
			`/courses/${encodeURIComponent(courseId)}/progress`,
			`learner ${userId} in course ${courseId}`,
			{ user_id: userId },
		);
		const progress = at(body, 'course_progress') ?? body;
		return {
			percentComplete: number(at(progress, 'percent_complete')),
			completedAt: optionalText(progress, 'completed_at'),
		};
	}
}
