// Canvas polling against the Canvas REST simulator: completions from CourseProgress keyed exactly
// as the Live Events trigger keys them, the per-learner fallback, courses without modules, the
// enrollment lookup, and 1,000 completions over pages with shared seconds across 20 polls.
import type { KeyedCompletion, PollCursor } from '../../../nodes/core/integrations/lms';
import {
	CanvasRestClient,
	canvasLearnerRecords,
	enrichCompletions,
	fetchCanvasCompletions,
	normaliseCanvas,
	readCursor,
	selectNew,
	startCursor,
} from '../../../nodes/core/integrations/lms';
import { createAxiosTransport } from '../../support/axios-transport';
import type { HttpTransport } from '../../../nodes/core/integrations/platforms/transport/http-transport';
import { startCanvasSimulator } from '../../simulators/lms/canvas';
import { CANVAS_API_TOKEN, CANVAS_STUDENT_TOKEN } from '../../simulators/lms/sample-data';
import { fixture } from './fixtures';

let sim: { url: string; stop(): Promise<void> };

beforeAll(async () => {
	sim = await startCanvasSimulator({ port: 0 });
});
afterAll(async () => {
	await sim.stop();
});
beforeEach(async () => {
	await control('/__control/reset');
});

async function control(path: string, body: object = {}) {
	const response = await fetch(`${sim.url}${path}`, { method: 'POST', body: JSON.stringify(body) });
	return (await response.json()) as Record<string, unknown>;
}

const client = (options: { token?: string; perPage?: number; transport?: HttpTransport } = {}) =>
	new CanvasRestClient({
		transport: options.transport ?? createAxiosTransport(),
		baseUrl: sim.url,
		token: options.token ?? CANVAS_API_TOKEN,
		perPage: options.perPage,
		retryDelaysMs: [5, 10, 20],
	});

test('a polled completion has the business key the Live Events trigger gives the same completion', async () => {
	const { completions } = await fetchCanvasCompletions(client(), { courseIds: ['565'] });
	const isaac = completions.find((c) => c.event.learner.id === '123');
	const pushed = normaliseCanvas(fixture('canvas-course-completed.json').json);
	expect(pushed.ok && pushed.completions[0].businessKey).toBe(
		'canvas|123|565|2019-11-05T13:38:00Z',
	);
	expect(isaac?.businessKey).toBe(pushed.ok && pushed.completions[0].businessKey);
	expect(isaac?.event).toEqual({
		source: 'canvas',
		learner: { id: '123', name: 'Isaac Newton' },
		course: { id: '565', name: 'Computer Science I' },
		completedAt: '2019-11-05T13:38:00.000Z',
		completedAtOriginal: '2019-11-05T13:38:00Z',
		raw: {
			course_id: '565',
			user_id: '123',
			progress: {
				requirement_count: 6,
				requirement_completed_count: 6,
				next_requirement_url: null,
				completed_at: '2019-11-05T13:38:00Z',
			},
		},
	});
	// Grace is 3 of 6 requirements in: not a completion.
	expect(completions.map((c) => c.event.learner.id).sort()).toEqual(['123', '124']);
});

test('an offset completion time is read as UTC with the original kept', async () => {
	await control('/__control/complete', {
		courseId: 566,
		userId: 125,
		at: '2024-06-04T11:30:00+02:00',
	});
	const { completions } = await fetchCanvasCompletions(client(), { courseIds: ['566'] });
	const grace = completions.find((c) => c.event.learner.id === '125');
	expect(grace?.event.completedAt).toBe('2024-06-04T09:30:00.000Z');
	expect(grace?.event.completedAtOriginal).toBe('2024-06-04T11:30:00+02:00');
	expect(grace?.businessKey).toBe('canvas|125|566|2024-06-04T09:30:00Z');
});

test('a completion time without a zone is skipped with a warning, not guessed', async () => {
	await control('/__control/complete', { courseId: 566, userId: 125, at: '2024-06-04 09:30:00' });
	const { completions, warnings } = await fetchCanvasCompletions(client(), { courseIds: ['566'] });
	expect(completions.map((c) => c.event.learner.id)).toEqual(['124']);
	expect(warnings).toEqual([
		expect.stringMatching(/^Completion of learner 125 in course 566 skipped: Field "completed_at"/),
	]);
});

test('without bulk_user_progress it reads each student’s CourseProgress, with the same result', async () => {
	const axios = createAxiosTransport();
	const paths: string[] = [];
	const noBulk: HttpTransport = async (request) => {
		paths.push(new URL(request.url).pathname);
		if (request.url.includes('/bulk_user_progress')) {
			return { status: 404, headers: {}, body: { errors: [{ message: 'not found' }] } };
		}
		return await axios(request);
	};
	const bulk = await fetchCanvasCompletions(client(), { courseIds: ['565'] });
	const single = await fetchCanvasCompletions(client({ transport: noBulk }), {
		courseIds: ['565'],
	});
	const keys = (list: KeyedCompletion[]) => list.map((c) => c.businessKey).sort();
	expect(keys(single.completions)).toEqual(keys(bulk.completions));
	expect(paths.filter((p) => p.endsWith('/progress'))).toHaveLength(3);
});

test('"every course" skips the course without modules; a named one stops with the fix', async () => {
	const all = await fetchCanvasCompletions(client(), { courseIds: [] });
	expect(all.warnings).toEqual(['Course 567 has no module requirements; skipped']);
	expect(new Set(all.completions.map((c) => c.event.course.id))).toEqual(new Set(['565', '566']));
	await expect(fetchCanvasCompletions(client(), { courseIds: ['567'] })).rejects.toMatchObject({
		kind: 'not_module_based',
		status: 400,
		fix: expect.stringContaining('module requirements'),
	});
	await expect(fetchCanvasCompletions(client(), { courseIds: ['999'] })).rejects.toMatchObject({
		kind: 'not_found',
		what: 'course 999',
	});
});

test('a learner’s token: "every course" skips what it may not read; a named course stops', async () => {
	const student = client({ token: CANVAS_STUDENT_TOKEN });
	const all = await fetchCanvasCompletions(student, { courseIds: [] });
	expect(all.completions).toEqual([]);
	expect(all.warnings).toContain("Course 565 does not let the token's user read progress; skipped");
	await expect(fetchCanvasCompletions(student, { courseIds: ['565'] })).rejects.toMatchObject({
		kind: 'forbidden',
		fix: expect.stringContaining('teacher in the course'),
	});
});

test('throttled requests are retried and the poll completes', async () => {
	await control('/__control/throttle', { count: 2 });
	const { completions } = await fetchCanvasCompletions(client(), { courseIds: ['565'] });
	expect(completions).toHaveLength(2);
});

describe('canvasLearnerRecords', () => {
	it('reads the final score (percent), activity time as minutes, name and email', async () => {
		const [event] = normaliseCanvas(fixture('canvas-course-completed.json').json).ok
			? (
					normaliseCanvas(fixture('canvas-course-completed.json').json) as {
						completions: KeyedCompletion[];
					}
				).completions
			: [];
		const record = await canvasLearnerRecords(client()).fetch(event.event);
		expect(record).toEqual({
			learner: { name: 'Isaac Newton', email: 'inewton@example.com' },
			score: { score: 92.5, maxScore: 100, scoreOriginal: { value: 92.5, min: 0, max: 100 } },
			timeSpentMinutes: 342,
		});
	});

	it('fills what a Live Events completion lacks and keeps what it carries', async () => {
		const pushed = normaliseCanvas(fixture('canvas-course-completed.json').json);
		if (!pushed.ok) throw new Error(pushed.message);
		const [enriched] = await enrichCompletions(pushed.completions, canvasLearnerRecords(client()));
		expect(enriched.businessKey).toBe(pushed.completions[0].businessKey);
		expect(enriched.event).toMatchObject({
			learner: { id: '123', email: 'inewton@example.com', name: 'Isaac Newton' },
			score: 92.5,
			maxScore: 100,
			timeSpentMinutes: 342,
			enrichment: {
				status: 'enriched',
				source: 'canvas rest api',
				fields: ['score', 'timeSpentMinutes'],
			},
		});
	});

	it('fails with the problem and the fix, never the token', async () => {
		const event = {
			source: 'canvas',
			learner: { id: '125' },
			course: { id: '566' },
			completedAt: '2024-06-04T09:30:00.000Z',
		};
		await expect(canvasLearnerRecords(client()).fetch(event)).rejects.toThrow(
			'Canvas lists no active or completed student enrollment of learner 125 in course 566',
		);
		const refused = await canvasLearnerRecords(client({ token: 'stolen-9f8e' }))
			.fetch({ ...event, learner: { id: '124' } })
			.catch((error: Error) => error.message);
		expect(refused).toContain('HTTP 401: Invalid access token.');
		expect(refused).toContain('Approved Integrations');
		expect(refused).not.toContain('stolen-9f8e');
		expect(refused).not.toContain(sim.url);
	});
});

test('1,000 completions over pages, sharing boundary seconds, are each emitted once across 20 polls and a restart', async () => {
	// Enrichment is left out here (the node tests cover it): this is about the cursor.
	// 40 batches of 25 learners; batch c finishes at second T0 + ceil(c / 2), so every poll's last
	// second is shared with the next poll's first batch. Some times carry an offset, not Z.
	const T0 = Date.UTC(2026, 4, 4, 9);
	const iso = (ms: number, offset: boolean) =>
		offset
			? new Date(ms + 2 * 3600_000).toISOString().replace('.000Z', '+02:00')
			: new Date(ms).toISOString();
	let current = client({ perPage: 50 });
	let stored: unknown = startCursor(T0);
	const emitted: KeyedCompletion[] = [];
	for (let poll = 1; poll <= 20; poll++) {
		for (const c of [2 * poll - 2, 2 * poll - 1]) {
			const at = iso(T0 + Math.ceil(c / 2) * 1000, c % 3 === 0);
			await control('/__control/complete', { courseId: 566, count: 25, at });
		}
		if (poll === 10) {
			// A restart: only the JSON cursor survives, and a new client is made.
			stored = JSON.parse(JSON.stringify(stored));
			current = client({ perPage: 50 });
		}
		const { completions } = await fetchCanvasCompletions(current, { courseIds: ['566'] });
		const { emit, cursor } = selectNew(readCursor(stored) as PollCursor, completions);
		expect(emit.length).toBe(50);
		emitted.push(...emit);
		stored = cursor;
		expect(JSON.stringify(cursor).length).toBeLessThan(2500);
	}
	const keys = emitted.map((c) => c.businessKey);
	expect(new Set(keys).size).toBe(1000);
	expect(keys).toHaveLength(1000);
	// Ada's seeded 2024 completion in this course is older than the cursor: never emitted.
	expect(emitted.some((c) => c.event.learner.id === '124')).toBe(false);
	expect(new Set(emitted.map((c) => c.event.completedAt)).size).toBe(21);
}, 60_000);
