import type {
	CompletionEvent,
	Enrichment,
	Prerequisite,
} from '../../domain/model/completion-event';
import type { KeyedCompletion } from './result';
import type { NormalisedScore } from './score';

/** What an LMS API lookup found about one learner's completion. Every part is optional. */
export interface LearnerRecord {
	learner?: { email?: string; name?: string };
	course?: { name?: string };
	score?: NormalisedScore;
	timeSpentMinutes?: number;
	prerequisites?: Prerequisite[];
	/** Steps that failed while others worked, e.g. the grade report was refused. */
	errors?: Array<{ step: string; message: string }>;
}

/**
 * One LMS's lookup. `fetch` may throw on a failure of the whole lookup; its message is shown to
 * the user as is, so it must name the problem and never carry a token or key.
 */
export interface LearnerRecordSource {
	/** Shown in `enrichment.source`, e.g. "moodle web services". */
	name: string;
	fetch(event: CompletionEvent): Promise<LearnerRecord>;
}

/**
 * Adds what the LMS API knows to an event. What the event already carries wins (it is what the
 * LMS said at completion time); the lookup fills gaps only. A failed lookup never drops the
 * event: it is returned with `enrichment.status = "failed"` and the reason, so the decision step
 * can send it to review instead of the learner being lost.
 */
export async function enrichCompletion(
	event: CompletionEvent,
	source: LearnerRecordSource,
): Promise<CompletionEvent> {
	let record: LearnerRecord;
	try {
		record = await source.fetch(event);
	} catch (error) {
		const message = error instanceof Error ? error.message : String(error);
		return withEnrichment(event, {
			status: 'failed',
			source: source.name,
			fields: [],
			errors: [{ step: 'lookup', message }],
		});
	}
	const { enriched, fields } = fillGaps(event, record);
	const lookup = secondOpinion(event, record);
	const errors = record.errors ?? [];
	const status = errors.length === 0 ? 'enriched' : fields.length > 0 ? 'partial' : 'failed';
	return withEnrichment(enriched, {
		status,
		source: source.name,
		fields,
		...(lookup ? { lookup } : {}),
		...(errors.length > 0 ? { errors } : {}),
	});
}

/** Enriches many completions with at most `concurrency` lookups in flight (LMS rate limits). */
export async function enrichCompletions(
	completions: KeyedCompletion[],
	source: LearnerRecordSource,
	concurrency = 4,
): Promise<KeyedCompletion[]> {
	const out: KeyedCompletion[] = new Array(completions.length);
	let next = 0;
	const worker = async () => {
		while (next < completions.length) {
			const index = next++;
			const { businessKey, event } = completions[index];
			out[index] = { businessKey, event: await enrichCompletion(event, source) };
		}
	};
	const workers = Math.max(1, Math.min(concurrency, completions.length));
	await Promise.all(Array.from({ length: workers }, worker));
	return out;
}

function fillGaps(
	event: CompletionEvent,
	record: LearnerRecord,
): { enriched: CompletionEvent; fields: string[] } {
	const fields: string[] = [];
	const learner = { ...event.learner };
	const course = { ...event.course };
	const extra: Partial<CompletionEvent> = {};
	const fill = <T>(has: boolean, value: T | undefined, name: string, set: (v: T) => void) => {
		if (has || value === undefined || value === '') return;
		set(value);
		fields.push(name);
	};
	fill(!!learner.email, record.learner?.email, 'learner.email', (v) => (learner.email = v));
	fill(!!learner.name, record.learner?.name, 'learner.name', (v) => (learner.name = v));
	fill(!!course.name, record.course?.name, 'course.name', (v) => (course.name = v));
	fill(event.score !== undefined, record.score, 'score', (v) => Object.assign(extra, v));
	fill(
		event.timeSpentMinutes !== undefined,
		record.timeSpentMinutes,
		'timeSpentMinutes',
		(v) => (extra.timeSpentMinutes = v),
	);
	fill(
		event.prerequisites !== undefined,
		record.prerequisites,
		'prerequisites',
		(v) => (extra.prerequisites = v),
	);
	return { enriched: { ...event, ...extra, learner, course }, fields };
}

/** The lookup's own score and e-mail where the event already had one: kept for comparison. */
function secondOpinion(
	event: CompletionEvent,
	record: LearnerRecord,
): Enrichment['lookup'] | undefined {
	const lookup: NonNullable<Enrichment['lookup']> = {};
	if (event.score !== undefined && record.score) lookup.score = record.score.score;
	if (event.learner.email && record.learner?.email) lookup.email = record.learner.email;
	return Object.keys(lookup).length > 0 ? lookup : undefined;
}

function withEnrichment(event: CompletionEvent, enrichment: Enrichment): CompletionEvent {
	// `raw` stays last so the normalised fields read first in the n8n output panel.
	const { raw, ...rest } = event;
	return { ...rest, enrichment, ...(raw !== undefined ? { raw } : {}) };
}
