import { utcMillis } from '../../../nodes/core/domain/attendance/time-values';
import { parseIsoInstant } from '../../../nodes/core/domain/model';
import { seededRandom } from '../credit/seeded-random';

// The fast reader must mean exactly what the full ISO reader means, NaN where it refuses.
const full = (text: string) => parseIsoInstant(text) ?? NaN;

describe('utcMillis (fast reader for signal times)', () => {
	it('reads the canonical UTC form like the full reader and Date', () => {
		for (const text of [
			'2026-05-14T09:05:00.000Z',
			'1970-01-01T00:00:00.000Z',
			'2024-02-29T23:59:59.999Z',
			'2000-02-29T12:00:00.001Z',
			'2026-12-31T23:59:59.999Z',
			'2026-04-30T00:00:00.000Z',
			'9999-12-31T23:59:59.999Z',
		]) {
			expect(utcMillis(text)).toBe(Date.parse(text));
			expect(utcMillis(text)).toBe(full(text));
		}
	});

	it('refuses impossible dates and times in the canonical shape, as the full reader does', () => {
		for (const text of [
			'2026-02-29T10:00:00.000Z',
			'2100-02-29T10:00:00.000Z',
			'2026-04-31T10:00:00.000Z',
			'2026-13-01T10:00:00.000Z',
			'2026-00-10T10:00:00.000Z',
			'2026-05-00T10:00:00.000Z',
			'2026-05-14T24:00:00.000Z',
			'2026-05-14T10:60:00.000Z',
			'2026-05-14T10:00:60.000Z',
			'1969-12-31T23:59:59.999Z',
			'0050-01-01T00:00:00.000Z',
			'2026-05-14T1a:00:00.000Z',
			'2026x05-14T10:00:00.000Z',
			'2026-05-14T10:00:00+000Z',
			'2026-05-14 10:00:00.00AZ',
		]) {
			expect([text, utcMillis(text)]).toEqual([text, NaN]);
			expect(full(text)).toBeNaN();
		}
	});

	it('hands other ISO forms to the full reader: offsets, fractions, no seconds, lower case', () => {
		const cases: Array<[string, string]> = [
			['2026-05-14T11:05:00.000+02:00', '2026-05-14T09:05:00.000Z'],
			['2026-05-14T04:05:00-0500', '2026-05-14T09:05:00.000Z'],
			['2026-05-14T09:05:00Z', '2026-05-14T09:05:00.000Z'],
			['2026-05-14T09:05Z', '2026-05-14T09:05:00.000Z'],
			['2026-05-14T09:05:00.5Z', '2026-05-14T09:05:00.500Z'],
			['2026-05-14T09:05:00.123456Z', '2026-05-14T09:05:00.123Z'],
			['2026-05-14t09:05:00.000z', '2026-05-14T09:05:00.000Z'],
			['2026-05-14 09:05:00.000Z', '2026-05-14T09:05:00.000Z'],
			[' 2026-05-14T09:05:00.000Z', '2026-05-14T09:05:00.000Z'],
		];
		for (const [text, expected] of cases) {
			expect([text, utcMillis(text)]).toEqual([text, Date.parse(expected)]);
			expect(utcMillis(text)).toBe(full(text));
		}
		for (const text of ['', 'garbage', '2026-05-14', '2026-05-14T09:05:00.000', '1778749500000'])
			expect(utcMillis(text)).toBeNaN();
	});

	it('agrees with the full reader on random instants and on random one-character edits', () => {
		const random = seededRandom(7);
		const alphabet = '0123456789-:.TZtz+ x';
		for (let i = 0; i < 5_000; i++) {
			const ms = Math.floor(random() * Date.UTC(2200, 0, 1));
			const text = new Date(ms).toISOString();
			expect(utcMillis(text)).toBe(ms);
			const at = Math.floor(random() * text.length);
			const edited =
				text.slice(0, at) + alphabet[Math.floor(random() * alphabet.length)] + text.slice(at + 1);
			const [fast, slow] = [utcMillis(edited), full(edited)];
			if (!Object.is(fast, slow)) expect([edited, fast]).toEqual([edited, slow]);
		}
	});
});
