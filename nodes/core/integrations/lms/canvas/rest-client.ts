import type { HttpTransport } from '../../platforms/transport/http-transport';
import { CanvasApiError, canvasErrorFor, headerOf } from './rest-errors';
import { TRAILING_SLASHES } from '../../../domain/text';

export interface CanvasRestClientOptions {
	transport: HttpTransport;
	/** The site root, e.g. https://school.instructure.com (no /api/v1). */
	baseUrl: string;
	/**
	 * The access token. Inside n8n leave it out: the credential's `authenticate` adds the Bearer
	 * header, so the token never passes through this code.
	 */
	token?: string;
	timeoutMs?: number;
	/** Waits before retrying a throttled request (default 400, 800, 1600 ms). */
	retryDelaysMs?: number[];
	sleep?: (ms: number) => Promise<void>;
	/** Rows per page asked for (Canvas defaults to 10). */
	perPage?: number;
}

export type Query = Array<[string, string | number]>;

export interface CanvasCourse {
	id: string;
	name?: string;
	courseCode?: string;
}

export interface CanvasProgress {
	requirement_count?: number;
	requirement_completed_count?: number;
	next_requirement_url?: string | null;
	completed_at?: string | null;
}

/** One row of bulk_user_progress [shape INFERRED in the facts sheet]. */
export interface CanvasUserProgress {
	id: string;
	display_name?: string;
	progress?: CanvasProgress;
}

export interface CanvasEnrollment {
	id?: string;
	userId: string;
	state?: string;
	finalScore?: number;
	finalGrade?: string;
	totalActivitySeconds?: number;
	user: { id: string; name?: string; email?: string };
	raw: Record<string, unknown>;
}

const MAX_PAGES = 10_000;

/**
 * Parses an RFC 8288 Link header into rel → URL. Canvas's URLs are opaque (page numbers or
 * bookmarks): they are followed as given, never rebuilt. Rels are matched case-insensitively and
 * one link may carry several ("next last").
 */
export function parseLinkHeader(value: string | undefined): Record<string, string> {
	const links: Record<string, string> = {};
	if (!value) return links;
	// "<" cannot occur inside a URI reference (RFC 3986), and excluding it keeps the scan linear:
	// with [^>]* every "<" of a header without ">" rescanned the rest of it.
	const pattern = /<([^<>]*)>((?:\s*;\s*[^;,]+)*)/g;
	for (let m = pattern.exec(value); m !== null; m = pattern.exec(value)) {
		const rel = /;\s*rel\s*=\s*"?([^";]+)"?/i.exec(m[2]);
		if (!rel) continue;
		for (const name of rel[1].trim().toLowerCase().split(/\s+/)) links[name] ??= m[1];
	}
	return links;
}

/**
 * A small Canvas REST client: Bearer auth, Link-header pagination, typed errors, and a short
 * backoff when Canvas throttles (403 Rate Limit Exceeded), since Canvas says to slow down, not to
 * give up.
 */
export class CanvasRestClient {
	private readonly base: URL;

	constructor(private readonly options: CanvasRestClientOptions) {
		this.base = new URL(options.baseUrl.replace(TRAILING_SLASHES, '') + '/');
	}

	/** One GET; `what` names the request in errors. */
	async get(path: string, query: Query, what: string): Promise<unknown> {
		return (await this.request(this.urlFor(path, query), what)).body;
	}

	/** Every page of a list, following rel="next" until Canvas gives none. */
	async list(path: string, query: Query, what: string): Promise<Array<Record<string, unknown>>> {
		const rows: Array<Record<string, unknown>> = [];
		const seen = new Set<string>();
		let url: string | undefined = this.urlFor(path, [
			...query,
			['per_page', this.options.perPage ?? 100],
		]);
		for (let page = 0; url !== undefined && page < MAX_PAGES; page++) {
			seen.add(url);
			const response = await this.request(url, what);
			if (!Array.isArray(response.body)) {
				throw new CanvasApiError({
					kind: 'unexpected',
					status: 0,
					what,
					canvasMessage: 'expected a list',
				});
			}
			for (const row of response.body) {
				if (typeof row === 'object' && row !== null) rows.push(row as Record<string, unknown>);
			}
			const next: string | undefined = parseLinkHeader(headerOf(response.headers, 'link')).next;
			url = next === undefined || seen.has(next) ? undefined : this.sameSite(next, what);
		}
		return rows;
	}

	async courses(): Promise<CanvasCourse[]> {
		const rows = await this.list('courses', [], 'the course list');
		return rows.map(courseOf);
	}

	async course(courseId: string): Promise<CanvasCourse> {
		const body = await this.get(
			`courses/${encodeURIComponent(courseId)}`,
			[],
			`course ${courseId}`,
		);
		return courseOf((body ?? {}) as Record<string, unknown>);
	}

	/** Student enrollments (active and completed), optionally of one learner, with email [INFERRED]. */
	async enrollments(courseId: string, userId?: string): Promise<CanvasEnrollment[]> {
		const query: Query = [
			['type[]', 'StudentEnrollment'],
			['state[]', 'active'],
			['state[]', 'completed'],
			['include[]', 'email'],
		];
		if (userId !== undefined) query.push(['user_id', userId]);
		const who = userId === undefined ? '' : ` of learner ${userId}`;
		const rows = await this.list(
			`courses/${encodeURIComponent(courseId)}/enrollments`,
			query,
			`the enrollments${who} in course ${courseId}`,
		);
		return rows.map(enrollmentOf);
	}

	/** Module progress of every student [bulk_user_progress: endpoint 3P, shape INFERRED]. */
	async bulkUserProgress(courseId: string): Promise<CanvasUserProgress[]> {
		const rows = await this.list(
			`courses/${encodeURIComponent(courseId)}/bulk_user_progress`,
			[],
			`the module progress of course ${courseId}`,
		);
		return rows.map((row) => ({
			id: String(row.id),
			display_name: text(row.display_name),
			progress: isObject(row.progress) ? (row.progress as CanvasProgress) : undefined,
		}));
	}

	/** CourseProgress of one learner (400 when the course is not module based). */
	async userProgress(courseId: string, userId: string): Promise<CanvasProgress> {
		const path = `courses/${encodeURIComponent(courseId)}/users/${encodeURIComponent(userId)}/progress`;
		return (await this.get(
			path,
			[],
			`the progress of learner ${userId} in course ${courseId}`,
		)) as CanvasProgress;
	}

	private urlFor(path: string, query: Query): string {
		const url = new URL(`api/v1/${path}`, this.base);
		for (const [key, value] of query) url.searchParams.append(key, String(value));
		return url.toString();
	}

	/** Only follow links to the configured site: the Bearer token must not travel elsewhere. */
	private sameSite(next: string, what: string): string {
		let url: URL;
		try {
			url = new URL(next, this.base);
		} catch {
			throw new CanvasApiError({
				kind: 'unexpected',
				status: 0,
				what,
				canvasMessage: 'a bad next-page link',
			});
		}
		if (url.origin !== this.base.origin) {
			throw new CanvasApiError({
				kind: 'unexpected',
				status: 0,
				what,
				canvasMessage: `a next-page link to another site (${url.origin}); the token is not sent there`,
			});
		}
		return url.toString();
	}

	private async request(url: string, what: string) {
		const delays = this.options.retryDelaysMs ?? [400, 800, 1600];
		const sleep = this.options.sleep ?? ((ms: number) => new Promise((r) => setTimeout(r, ms)));
		for (let attempt = 0; ; attempt++) {
			const response = await this.options.transport({
				method: 'GET',
				url,
				headers:
					this.options.token === undefined ? {} : { Authorization: `Bearer ${this.options.token}` },
				qs: {},
				timeoutMs: this.options.timeoutMs ?? 30_000,
			});
			if (response.status >= 200 && response.status < 300) {
				if (typeof response.body === 'string' || response.body === undefined) {
					throw new CanvasApiError({
						kind: 'unexpected',
						status: 0,
						what,
						canvasMessage: 'not JSON',
					});
				}
				return response;
			}
			const error = canvasErrorFor(what, response.status, response.headers, response.body);
			if (error.kind !== 'throttled' || attempt >= delays.length) throw error;
			await sleep(delays[attempt]);
		}
	}
}

const isObject = (value: unknown): value is Record<string, unknown> =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

const text = (value: unknown): string | undefined =>
	typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;

const num = (value: unknown): number | undefined =>
	typeof value === 'number' && Number.isFinite(value) ? value : undefined;

function courseOf(row: Record<string, unknown>): CanvasCourse {
	return { id: String(row.id), name: text(row.name), courseCode: text(row.course_code) };
}

function enrollmentOf(row: Record<string, unknown>): CanvasEnrollment {
	const grades = isObject(row.grades) ? row.grades : {};
	const user = isObject(row.user) ? row.user : {};
	return {
		id: row.id === undefined ? undefined : String(row.id),
		userId: String(row.user_id ?? user.id),
		state: text(row.enrollment_state),
		finalScore: num(grades.final_score),
		finalGrade: text(grades.final_grade),
		totalActivitySeconds: num(row.total_activity_time),
		user: { id: String(user.id ?? row.user_id), name: text(user.name), email: text(user.email) },
		raw: row,
	};
}
