import type { CompletionEvent } from '../../../domain/model/completion-event';
import type { HttpResponse, HttpTransport } from '../../platforms/transport/http-transport';
import { TransportFailure } from '../../platforms/transport/http-transport';
import type { LearnerRecord, LearnerRecordSource } from '../enrichment';
import { percentScore } from '../score';
import { isObject } from '../values';
import { TRAILING_SLASHES } from '../../../domain/text';

const UNIT_SECONDS: Record<string, number> = { d: 86_400, h: 3_600, m: 60, s: 1 };
const DURATION = /^(?:\d+\s*[dhms]\s*)+$/i;

/**
 * TalentLMS `total_time` ("1h 3m 17s", "3m 17s", "0s") → minutes, two decimals. Only the h/m/s
 * forms are documented (facts §5.2); days ("2d 4h") are read too [INFERRED]. Undefined for empty
 * or unreadable text, so a format change is not mistaken for zero.
 */
export function parseTalentLmsDuration(text: unknown): number | undefined {
	if (typeof text !== 'string' || !DURATION.test(text.trim())) return undefined;
	let seconds = 0;
	const seen = new Set<string>();
	// (?<!\d): an amount starts where a digit run starts, so a long run is scanned once.
	for (const [, amount, unit] of text.matchAll(/(?<!\d)(\d+)\s*([dhms])/gi)) {
		const key = unit.toLowerCase();
		if (seen.has(key)) return undefined;
		seen.add(key);
		seconds += Number(amount) * UNIT_SECONDS[key];
	}
	return Math.round((seconds / 60) * 100) / 100;
}

export interface TalentLmsLookupOptions {
	transport: HttpTransport;
	/** The site root, e.g. https://mycompany.talentlms.com (the path /api/v1 is added here). */
	baseUrl: string;
	timeoutMs?: number;
}

/** A refusal every other call would meet too: the key, the API switch or the site is wrong. */
class WholeLookupError extends Error {}

/**
 * Time on task and the course's test score from TalentLMS API v1, plus name and email when the
 * timeline event lacks them. `getuserstatusincourse` gives total_time; the score comes from
 * `gettestanswers` ("85.00%") for the course's test unit. Reading a unit of type "Test" as the
 * test to ask for is [INFERRED] (the facts show unit types but not a test's); with several
 * tests no single course score exists, so none is set. TalentLMS reports no prerequisites.
 */
export class TalentLmsLearnerRecordSource implements LearnerRecordSource {
	readonly name = 'talentlms api v1';

	private readonly root: string;

	constructor(private readonly options: TalentLmsLookupOptions) {
		this.root = `${options.baseUrl.replace(TRAILING_SLASHES, '')}/api/v1`;
	}

	async fetch(event: CompletionEvent): Promise<LearnerRecord> {
		const userId = pathId(event.learner.id, 'learner');
		const courseId = pathId(event.course.id, 'course');
		const record: LearnerRecord = {};
		const errors: NonNullable<LearnerRecord['errors']> = [];
		const step = async (name: string, run: () => Promise<void>) => {
			try {
				await run();
			} catch (error) {
				if (error instanceof WholeLookupError) throw new Error(error.message);
				if (error instanceof TransportFailure) {
					throw new Error(
						`Could not reach TalentLMS (${error.message}): check the domain or Base URL in the TalentLMS credential`,
					);
				}
				errors.push({ step: name, message: (error as Error).message });
			}
		};
		let testIds: string[] = [];
		await step('status', async () => {
			const status = await this.get('getuserstatusincourse', {
				course_id: courseId,
				user_id: userId,
			});
			const minutes = parseTalentLmsDuration(status.total_time);
			if (minutes === undefined && status.total_time !== undefined) {
				throw new Error(
					`TalentLMS sent a total_time that is not a duration: ${JSON.stringify(status.total_time)}`,
				);
			}
			record.timeSpentMinutes = minutes;
			const units = Array.isArray(status.units) ? status.units.filter(isObject) : [];
			testIds = units
				.filter((u) => typeof u.type === 'string' && u.type.trim().toLowerCase() === 'test')
				.map((u) => String(u.id));
		});
		if (event.score === undefined && testIds.length === 1) {
			await step('score', async () => {
				const answers = await this.get('gettestanswers', {
					test_id: pathId(testIds[0], 'test'),
					user_id: userId,
				});
				const score = percentScore(answers.score);
				if (!score)
					throw new Error(
						`TalentLMS sent a test score that is not a percentage: ${JSON.stringify(answers.score)}`,
					);
				record.score = score;
			});
		}
		if (!event.learner.email || !event.learner.name) {
			await step('learner', async () => {
				const user = await this.get('users', { id: userId });
				const name = [text(user.first_name), text(user.last_name)].filter(Boolean).join(' ');
				record.learner = { email: text(user.email), name: name || undefined };
			});
		}
		return errors.length > 0 ? { ...record, errors } : record;
	}

	/** GET /api/v1/<call>/key:value,key:value — TalentLMS reads parameters from the path. */
	private async get(call: string, args: Record<string, string>): Promise<Record<string, unknown>> {
		const path = Object.entries(args)
			.map(([key, value]) => `${key}:${value}`)
			.join(',');
		const response = await this.options.transport({
			method: 'GET',
			url: `${this.root}/${call}/${path}`,
			headers: {},
			qs: {},
			timeoutMs: this.options.timeoutMs ?? 30_000,
		});
		const body = response.body;
		if (
			response.status >= 200 &&
			response.status < 300 &&
			isObject(body) &&
			!isObject(body.error)
		) {
			return body;
		}
		throw refusal(call, response);
	}
}

/** `{"error":{"type","message"}}` (any status) as a sentence with the fix; never the URL or key. */
function refusal(call: string, response: HttpResponse): Error {
	const error = isObject(response.body) && isObject(response.body.error) ? response.body.error : {};
	const said =
		text(error.message) ??
		(isObject(response.body) ? undefined : text(response.body)?.slice(0, 200));
	const type = text(error.type);
	const detail = `${said ?? 'no message'} (HTTP ${response.status}${type ? `, ${type}` : ''})`;
	if (response.status === 401 || response.status === 403) {
		return new WholeLookupError(
			`TalentLMS refused ${call}: ${detail}. Check the API key in the TalentLMS credential and that the API is enabled for the account`,
		);
	}
	if (response.status === 429) {
		return new Error(
			`TalentLMS refused ${call}: ${detail}. The hourly API limit is used up (see /ratelimit); poll less often`,
		);
	}
	return new Error(`TalentLMS refused ${call}: ${detail}`);
}

/** Ids go into the URL path, where ":" and "," are separators: only plain ids are sent. */
function pathId(id: string, what: string): string {
	if (!/^[A-Za-z0-9_-]+$/.test(id)) {
		throw new Error(
			`The ${what} id ${JSON.stringify(id)} cannot be sent to TalentLMS (letters, digits, "-" and "_" only)`,
		);
	}
	return id;
}

const text = (value: unknown): string | undefined =>
	typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
