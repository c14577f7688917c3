// The optional LMS API lookup: it fills what the event lacks, never overwrites what the LMS sent,
// and a failed lookup still hands the completion on (marked) instead of dropping the learner.
import type { CompletionEvent } from '../../../nodes/core/domain/model';
import { CompletionEventSchema } from '../../../nodes/core/domain/model';
import { parseVerificationInput } from '../../../nodes/core/domain/rules';
import type { KeyedCompletion, LearnerRecordSource } from '../../../nodes/core/integrations/lms';
import {
	enrichCompletion,
	enrichCompletions,
	normaliseScore,
} from '../../../nodes/core/integrations/lms';

const thin: CompletionEvent = {
	source: 'docebo',
	sourceEventId: 'wh-1',
	learner: { id: '13038' },
	course: { id: '30' },
	completedAt: '2024-06-03T14:20:10.000Z',
	raw: { payload: { user_id: 13038 } },
};

const source = (fetch: LearnerRecordSource['fetch']): LearnerRecordSource => ({
	name: 'test api',
	fetch,
});

test('a full lookup fills every gap and says which fields it added', async () => {
	const event = await enrichCompletion(
		thin,
		source(async () => ({
			learner: { email: 'ada@example.org', name: 'Ada Lovelace' },
			course: { name: 'Intro to Analytics' },
			score: normaliseScore(42, { max: 50 }),
			timeSpentMinutes: 95,
			prerequisites: [{ courseId: '7', status: 'completed', completedAt: '2024-05-01T10:00:00Z' }],
		})),
	);
	expect(event.learner).toEqual({ id: '13038', email: 'ada@example.org', name: 'Ada Lovelace' });
	expect(event.course).toEqual({ id: '30', name: 'Intro to Analytics' });
	expect(event).toMatchObject({ score: 84, maxScore: 100, timeSpentMinutes: 95 });
	expect(event.scoreOriginal).toEqual({ value: 42, min: 0, max: 50 });
	expect(event.enrichment).toEqual({
		status: 'enriched',
		source: 'test api',
		fields: [
			'learner.email',
			'learner.name',
			'course.name',
			'score',
			'timeSpentMinutes',
			'prerequisites',
		],
	});
	expect(Object.keys(event).pop()).toBe('raw');
	expect(CompletionEventSchema.safeParse(event).success).toBe(true);
});

test('what the LMS sent wins over what the API says now', async () => {
	const sent: CompletionEvent = {
		...thin,
		learner: { id: '1', email: 'sent@example.org', name: 'Name At Completion' },
		score: 70,
		maxScore: 100,
	};
	const event = await enrichCompletion(
		sent,
		source(async () => ({
			learner: { email: 'now@example.org', name: 'Renamed Since' },
			score: normaliseScore(99, { max: 100 }),
		})),
	);
	expect(event.learner).toEqual(sent.learner);
	expect(event.score).toBe(70);
	expect(event.enrichment?.fields).toEqual([]);
	expect(event.enrichment?.status).toBe('enriched');
	// The API's own values are kept beside the event's, for Verify Completion to compare.
	expect(event.enrichment?.lookup).toEqual({ score: 99, email: 'now@example.org' });
	expect(CompletionEventSchema.safeParse(event).success).toBe(true);
	const input = parseVerificationInput(event);
	expect(input.ok && input.value.lmsLookup).toEqual({ score: 99, email: 'now@example.org' });
});

test('a lookup that only fills gaps has nothing to compare', async () => {
	const event = await enrichCompletion(
		thin,
		source(async () => ({
			learner: { email: 'ada@example.org' },
			score: normaliseScore(40, { max: 50 }),
		})),
	);
	expect(event.enrichment).not.toHaveProperty('lookup');
});

test('a step that failed while others worked makes the enrichment partial', async () => {
	const event = await enrichCompletion(
		thin,
		source(async () => ({
			learner: { email: 'ada@example.org' },
			errors: [{ step: 'grade', message: 'grade report refused [accessexception]' }],
		})),
	);
	expect(event.learner.email).toBe('ada@example.org');
	expect(event.enrichment).toMatchObject({
		status: 'partial',
		fields: ['learner.email'],
		errors: [{ step: 'grade', message: 'grade report refused [accessexception]' }],
	});
});

test('a lookup that fails keeps the completion, marked failed with the reason', async () => {
	const event = await enrichCompletion(
		thin,
		source(async () => {
			throw new Error('The LMS API refused the key: check the credential');
		}),
	);
	expect(event.learner).toEqual(thin.learner);
	expect(event.completedAt).toBe(thin.completedAt);
	expect(event.enrichment).toEqual({
		status: 'failed',
		source: 'test api',
		fields: [],
		errors: [{ step: 'lookup', message: 'The LMS API refused the key: check the credential' }],
	});
	expect(CompletionEventSchema.safeParse(event).success).toBe(true);
});

test('many completions keep their order and keys, with bounded lookups in flight', async () => {
	const list: KeyedCompletion[] = Array.from({ length: 12 }, (_, i) => ({
		businessKey: `docebo|${i}|30|2024-06-03T14:20:10Z`,
		event: { ...thin, learner: { id: String(i) } },
	}));
	let inFlight = 0;
	let peak = 0;
	const out = await enrichCompletions(
		list,
		source(async (event) => {
			inFlight++;
			peak = Math.max(peak, inFlight);
			await new Promise((resolve) => setTimeout(resolve, 5 + (Number(event.learner.id) % 3)));
			inFlight--;
			if (event.learner.id === '5') throw new Error('learner 5 not found');
			return { learner: { email: `l${event.learner.id}@example.org` } };
		}),
		3,
	);
	expect(peak).toBe(3);
	expect(out.map((c) => c.businessKey)).toEqual(list.map((c) => c.businessKey));
	expect(out.map((c) => c.event.enrichment?.status)).toEqual(
		list.map((_, i) => (i === 5 ? 'failed' : 'enriched')),
	);
	expect(out[7].event.learner.email).toBe('l7@example.org');
});

test('an enriched event with prerequisites is read by Verify Completion as is', async () => {
	const event = await enrichCompletion(
		thin,
		source(async () => ({
			prerequisites: [
				{
					courseId: '12',
					name: 'Safety',
					status: 'completed',
					completedAt: '2024-05-01T10:00:00Z',
				},
				{ courseId: '13', status: 'incomplete' },
			],
		})),
	);
	const read = parseVerificationInput(JSON.parse(JSON.stringify(event)));
	expect(read.ok && read.value.prerequisites).toEqual([
		{ courseId: '12', status: 'completed' },
		{ courseId: '13', status: 'incomplete' },
	]);
});
