import type { KeyedCompletion, PollCursor } from '../../../nodes/core/integrations/lms';
import {
	normaliseTalentLmsTimelineEvent,
	readCursor,
	selectNew,
	startCursor,
} from '../../../nodes/core/integrations/lms';

const T0 = Date.UTC(2026, 4, 4, 9, 0, 0);

/** A TalentLMS-like timeline event; 1,000 of them over ~100 seconds, ten per second. */
function timelineEvent(n: number, second: number) {
	const unix = Math.floor(T0 / 1000) + second;
	return {
		action: 'course_completion',
		message: 'completed the course',
		timestamp: '04/05/2026, 09:00:00',
		unix_timestamp: String(unix),
		user_id: String(1000 + n),
		user_email: `learner${n}@example.org`,
		user_fullname: `Learner ${n}`,
		object_id: String(300 + (n % 3)),
		object_name: 'Safety',
	};
}

function keyedOf(item: unknown): KeyedCompletion {
	const result = normaliseTalentLmsTimelineEvent(item);
	if (!result.ok) throw new Error(result.message);
	return result.value;
}

describe('TalentLMS timeline event', () => {
	it('becomes an exact CompletionEvent from the unix timestamp, strings kept in raw', () => {
		const item = {
			action: 'course_completion',
			timestamp: '23/08/2020, 05:58:53',
			unix_timestamp: '1598158733',
			user_id: '40457',
			user_username: 'john.smith',
			user_email: 'john.smith@example.org',
			user_fullname: 'John Smith',
			object_id: '348',
			object_name: 'Compliance 101',
			event_counter: '1',
		};
		expect(normaliseTalentLmsTimelineEvent(item)).toEqual({
			ok: true,
			value: {
				businessKey: 'talentlms|40457|348|2020-08-23T04:58:53Z',
				event: {
					source: 'talentlms',
					learner: { id: '40457', email: 'john.smith@example.org', name: 'John Smith' },
					course: { id: '348', name: 'Compliance 101' },
					completedAt: '2020-08-23T04:58:53.000Z',
					completedAtOriginal: '1598158733',
					raw: item,
				},
			},
		});
	});

	it('refuses other actions and unreadable timestamps', () => {
		expect(
			normaliseTalentLmsTimelineEvent({ ...timelineEvent(1, 0), action: 'course_failure' }),
		).toMatchObject({
			reason: 'unknown_event',
		});
		expect(
			normaliseTalentLmsTimelineEvent({ ...timelineEvent(1, 0), unix_timestamp: '23/08/2020' }),
		).toMatchObject({ reason: 'wrong_type', field: 'unix_timestamp' });
	});
});

describe('poll cursor', () => {
	// 1,000 completions, ten per second: every page and every poll cuts through shared seconds.
	const all = Array.from({ length: 1000 }, (_, n) => keyedOf(timelineEvent(n, Math.floor(n / 10))));

	/**
	 * The source as a poll sees it: completions become visible in arrival order (not time order
	 * within a second), the query is "completedAt >= since", answered in pages of 37.
	 */
	function fetchPages(visible: KeyedCompletion[], since: number): KeyedCompletion[] {
		const matching = visible.filter((c) => Date.parse(c.event.completedAt) >= since);
		const pages: KeyedCompletion[][] = [];
		for (let i = 0; i < matching.length; i += 37) pages.push(matching.slice(i, i + 37));
		return pages.flat();
	}

	it('emits each of 1,000 completions exactly once across 20 polls and a restart', () => {
		// Arrival order shuffles each second's items so a second is split across polls.
		const arrival = [...all].sort((a, b) => {
			const sa = Math.floor(Date.parse(a.event.completedAt) / 1000);
			const sb = Math.floor(Date.parse(b.event.completedAt) / 1000);
			return sa - sb || (Number(a.event.learner.id) % 7) - (Number(b.event.learner.id) % 7);
		});
		let stored: unknown = startCursor(T0);
		const emitted: string[] = [];
		for (let poll = 1; poll <= 20; poll++) {
			const visible = arrival.slice(0, Math.min(arrival.length, poll * 53));
			// Poll 10 runs after a restart: the cursor comes back from JSON, nothing else survives.
			if (poll === 10) stored = JSON.parse(JSON.stringify(stored));
			const cursor = readCursor(stored) as PollCursor;
			const { emit, cursor: next } = selectNew(cursor, fetchPages(visible, cursor.since), 60);
			emitted.push(...emit.map((c) => c.businessKey));
			stored = next;
			expect(JSON.stringify(next).length).toBeLessThan(2000);
		}
		expect(new Set(emitted).size).toBe(emitted.length);
		expect(emitted.length).toBe(1000);
		expect(new Set(emitted)).toEqual(new Set(all.map((c) => c.businessKey)));
	});

	it('keeps a second split by the per-poll limit for the next poll', () => {
		const sameSecond = all.slice(0, 10);
		const first = selectNew(startCursor(T0), sameSecond, 4);
		expect(first.emit).toHaveLength(4);
		expect(first.cursor).toEqual({ since: T0, boundaryKeys: first.emit.map((c) => c.businessKey) });
		const second = selectNew(first.cursor, sameSecond, 100);
		expect(second.emit.map((c) => c.businessKey)).toEqual(
			sameSecond
				.map((c) => c.businessKey)
				.filter((k) => !first.cursor.boundaryKeys.includes(k))
				.sort(),
		);
		expect(selectNew(second.cursor, sameSecond).emit).toEqual([]);
	});

	it('ignores completions before the cursor and returns the same cursor when nothing is new', () => {
		const cursor = startCursor(T0 + 50_000);
		const { emit, cursor: next } = selectNew(cursor, all.slice(0, 100));
		expect(emit).toEqual([]);
		expect(next).toBe(cursor);
	});

	it('starts over on an unusable stored cursor', () => {
		expect(readCursor(undefined)).toBeUndefined();
		expect(readCursor({ since: 'x', boundaryKeys: [] })).toBeUndefined();
		expect(readCursor({ since: 5, boundaryKeys: ['a', 3] })).toEqual({
			since: 5,
			boundaryKeys: ['a'],
		});
	});
});
