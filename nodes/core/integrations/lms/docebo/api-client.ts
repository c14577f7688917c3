import type { HttpTransport } from '../../platforms/transport/http-transport';
import { apiFailure, callApi } from '../api-errors';
import { at, isObject, optionalText } from '../values';
import { TRAILING_SLASHES } from '../../../domain/text';

export interface DoceboClientOptions {
	transport: HttpTransport;
	/** The platform address, e.g. https://acme.docebosaas.com. */
	siteUrl: string;
	/** Inside n8n leave it out: n8n's OAuth2 signs each request with the credential's token. */
	accessToken?: string;
	timeoutMs?: number;
}

export interface DoceboUser {
	email?: string;
	name?: string;
}

export interface DoceboEnrollment {
	status?: string;
	/** "YYYY-MM-DD HH:MM:SS" as Docebo sends it (read as UTC, like the webhook dates). */
	completeDate?: string;
	/** INFERRED: a score field in the enrollment detail was not seen in public sources. */
	score?: unknown;
	/** INFERRED: time spent in seconds, not seen in public sources. */
	timeSpentSeconds?: number;
}

/** The read calls of Docebo's API that the learner lookup needs; replies are `{ data: ... }`. */
export class DoceboClient {
	private readonly root: string;

	constructor(private readonly options: DoceboClientOptions) {
		this.root = options.siteUrl.replace(TRAILING_SLASHES, '');
	}

	private async get(path: string, missing: string): Promise<unknown> {
		const { accessToken } = this.options;
		const response = await callApi('Docebo', () =>
			this.options.transport({
				method: 'GET',
				url: `${this.root}${path}`,
				headers: accessToken === undefined ? {} : { Authorization: `Bearer ${accessToken}` },
				qs: {},
				timeoutMs: this.options.timeoutMs ?? 30_000,
			}),
		);
		if (response.status < 200 || response.status >= 300) {
			throw apiFailure(response, {
				lms: 'Docebo',
				credentialFix:
					'the client ID and secret in the Docebo OAuth2 API credential and that the API client is active',
				missing,
			});
		}
		return at(response.body, 'data');
	}

	async user(id: string): Promise<DoceboUser> {
		const data = await this.get(`/manage/v1/user/${encodeURIComponent(id)}`, `user ${id}`);
		const name = [optionalText(data, 'first_name'), optionalText(data, 'last_name')]
			.filter(Boolean)
			.join(' ');
		return { email: optionalText(data, 'email'), name: name || optionalText(data, 'username') };
	}

	async courseName(id: string): Promise<string | undefined> {
		return optionalText(
			await this.get(`/learn/v1/courses/${encodeURIComponent(id)}`, `course ${id}`),
			'name',
		);
	}

	async enrollment(courseId: string, userId: string): Promise<DoceboEnrollment> {
		const data = await this.get(
			`/learn/v1/enrollments/${encodeURIComponent(courseId)}/${encodeURIComponent(userId)}`,
			`an enrollment of user ${userId} in course ${courseId}`,
		);
		// Third-party clients read the detail either directly under data or under data.records.
		const records = at(data, 'records');
		const detail = Array.isArray(records) ? records[0] : isObject(records) ? records : data;
		const spent = at(detail, 'time_spent');
		const seconds = typeof spent === 'number' || typeof spent === 'string' ? Number(spent) : NaN;
		return {
			status: optionalText(detail, 'status'),
			completeDate: optionalText(detail, 'course_complete_date'),
			score: at(detail, 'score') ?? undefined,
			timeSpentSeconds: spent !== '' && Number.isFinite(seconds) ? seconds : undefined,
		};
	}
}
