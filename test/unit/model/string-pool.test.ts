import { StringPool } from '../../../nodes/core/domain/string-pool';

/** Two parses of one document: equal strings, each parse with its own copies. */
const parsedTwice = (value: unknown) => {
	const text = JSON.stringify(value);
	return [JSON.parse(text), JSON.parse(text)] as [unknown, unknown];
};

describe('StringPool', () => {
	const document = {
		attendeeId: 'a00001@conference.example.org',
		signals: [
			{ at: '2026-05-11T12:57:00.000Z', raw: { 'Full Name': 'Attendee 00001', Row: 3 } },
			{ at: '2026-05-11T12:57:00.000Z', raw: { 'Full Name': 'Attendee 00001', Row: 4 } },
		],
		tags: ['Main Hall', 'Main Hall', 7, null, true, ['Main Hall']],
		empty: {},
	};

	it('keeps every value as it was, objects and lists changed in place', () => {
		const pool = new StringPool();
		const [parsed] = parsedTwice(document);
		const result = pool.intern(parsed);
		expect(result).toBe(parsed);
		expect(result).toEqual(document);
		expect(JSON.stringify(result)).toBe(JSON.stringify(document));
	});

	it('holds each distinct string once, whatever the number of documents', () => {
		const pool = new StringPool();
		const [first, second] = parsedTwice(document);
		pool.intern(first);
		// attendeeId, the time, the name and the room; keys and non-strings are not held.
		expect(pool.size).toBe(4);
		pool.intern(second);
		expect(pool.size).toBe(4);
		pool.intern({ room: 'Room A' });
		expect(pool.size).toBe(5);
	});

	it('returns strings given alone and leaves frozen objects untouched', () => {
		const pool = new StringPool();
		expect(pool.intern('Room A')).toBe('Room A');
		const frozen = Object.freeze({ code: 'LATE_ARRIVAL', detail: Object.freeze(['x']) });
		expect(pool.intern(frozen)).toBe(frozen);
		expect(pool.size).toBe(1);
		expect(pool.intern(42)).toBe(42);
		expect(pool.intern(undefined)).toBeUndefined();
	});
});
